// H5 on a slow network: index.html asks for /api/me as soon as the page arrives, while the
// scripts are still loading. The first fetchMe takes that answer, once, when it was asked with
// the session that is still current; any doubt (another session, a failure, a 401) falls back to
// an ordinary request, which handles sign-in and errors as always.
import type { Me } from '@contract';

interface EarlyMe {
  token: string;
  response: Promise<Me | null>;
}

type WithEarlyMe = typeof globalThis & { __xfEarlyMe?: EarlyMe };

/** The early /api/me answer for `token`, at most once per page load; null when there is none. */
export function takeEarlyMe(token: string | null): Promise<Me | null> | null {
  if (process.env.TARO_ENV !== 'h5') return null;
  const scope = globalThis as WithEarlyMe;
  const early = scope.__xfEarlyMe;
  if (!early) return null;
  delete scope.__xfEarlyMe;
  return token !== null && early.token === token ? early.response : null;
}
