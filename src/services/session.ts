import Taro from '@tarojs/taro';
import type { Session } from '@contract';

const SESSION_KEY = 'xf.session';

/** The stored session, or null when there is none or it has expired. */
export function loadSession(): Session | null {
  let stored: unknown;
  try {
    stored = Taro.getStorageSync(SESSION_KEY);
  } catch {
    return null;
  }
  if (!isSession(stored)) return null;
  if (Date.parse(stored.expiresAt) <= Date.now()) {
    clearSession();
    return null;
  }
  return stored;
}

export function sessionToken(): string | null {
  return loadSession()?.token ?? null;
}

export function saveSession(session: Session): void {
  Taro.setStorageSync(SESSION_KEY, session);
}

export function clearSession(): void {
  try {
    Taro.removeStorageSync(SESSION_KEY);
  } catch {
    // Storage can fail on a full device; a stale token is then rejected by the API anyway.
  }
}

function isSession(value: unknown): value is Session {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Session).token === 'string' &&
    typeof (value as Session).expiresAt === 'string'
  );
}
