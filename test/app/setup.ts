import { cleanup } from '@testing-library/react';
import { __mock } from './mocks/taro';

/** Tests see a fixed "now" (dates print without the year only within the current year). */
export const NOW = new Date('2026-11-22T10:00:00+08:00');

beforeEach(() => {
  // Only the clock is fake; timers stay real so async rendering and waitFor work as usual.
  jest.useFakeTimers({
    now: NOW,
    doNotFake: [
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'setImmediate',
      'clearImmediate',
      'nextTick',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'hrtime',
      'performance',
    ],
  });
});

afterEach(() => {
  cleanup();
  __mock.reset();
  jest.useRealTimers();
});
