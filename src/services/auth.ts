import type { DemoAccountList, Session, WechatLoginResult } from '@contract';
import { post, get, type RequestOptions } from './request';
import { clearSession, saveSession } from './session';

/** Seeded accounts for the H5 demo sign-in; the API refuses (DEMO_DISABLED) outside the demo mode (XF_DEMO). */
export function fetchDemoAccounts(options?: RequestOptions): Promise<DemoAccountList> {
  return get<DemoAccountList>('/api/auth/demo-accounts', { ...options, auth: false });
}

export async function signInDemo(memberId: number): Promise<Session> {
  const session = await post<Session>('/api/auth/demo', { memberId }, { auth: false });
  saveSession(session);
  return session;
}

/**
 * Exchanges a Taro.login code. A bound WeChat account is signed in at once; an unbound
 * one gets a ticket to bind with the invite code from the branch secretary.
 */
export async function signInWechat(code: string): Promise<WechatLoginResult> {
  const result = await post<WechatLoginResult>('/api/auth/wechat', { code }, { auth: false });
  if (result.status === 'bound') saveSession(result.session);
  return result;
}

export async function bindWechat(bindTicket: string, inviteCode: string): Promise<Session> {
  const session = await post<Session>('/api/auth/bind', { bindTicket, inviteCode }, { auth: false, silent: true });
  saveSession(session);
  return session;
}

/** Ends the session on the API when it can; the local session is cleared regardless. */
export async function signOut(): Promise<void> {
  try {
    await post<void>('/api/auth/logout', undefined, { silent: true });
  } catch {
    // An expired or unreachable session ends locally all the same.
  } finally {
    clearSession();
  }
}
