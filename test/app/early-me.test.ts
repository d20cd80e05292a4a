// index.html's early /api/me (H5 on a slow network) is taken once, only for the current session.
import type { Me } from '@contract';
import { takeEarlyMe } from '../../src/services/early-me';

type Scope = typeof globalThis & { __xfEarlyMe?: { token: string; response: Promise<Me | null> } };
const scope = globalThis as Scope;
const me = { name: '林晓燕' } as Me;

describe('the early /api/me of index.html', () => {
  const env = process.env.TARO_ENV;
  beforeEach(() => {
    process.env.TARO_ENV = 'h5';
  });
  afterEach(() => {
    process.env.TARO_ENV = env;
    delete scope.__xfEarlyMe;
  });

  it('is taken once, for the session it was asked with', async () => {
    scope.__xfEarlyMe = { token: 'token-a', response: Promise.resolve(me) };
    await expect(takeEarlyMe('token-a')).resolves.toBe(me);
    expect(takeEarlyMe('token-a')).toBeNull();
  });

  it('is dropped when the session changed meanwhile, or nobody is signed in', () => {
    scope.__xfEarlyMe = { token: 'token-a', response: Promise.resolve(me) };
    expect(takeEarlyMe('token-b')).toBeNull();
    expect(scope.__xfEarlyMe).toBeUndefined();
    scope.__xfEarlyMe = { token: 'token-a', response: Promise.resolve(me) };
    expect(takeEarlyMe(null)).toBeNull();
  });

  it('is never used in the mini-program', () => {
    process.env.TARO_ENV = 'weapp';
    scope.__xfEarlyMe = { token: 'token-a', response: Promise.resolve(me) };
    expect(takeEarlyMe('token-a')).toBeNull();
  });
});
