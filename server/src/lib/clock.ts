/**
 * The time check-in tokens and windows are judged by. Always the system clock, except that a
 * browser test may shift it (see routes/test-clock.ts) to prove that a code read more than
 * 30 s earlier is refused, without waiting 30 s.
 */
export interface Clock {
  now(): number;
  offsetMs: number;
}

export function systemClock(): Clock {
  return {
    offsetMs: 0,
    now() {
      return Date.now() + this.offsetMs;
    },
  };
}
