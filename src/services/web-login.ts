import type { WebSessionsRevoked, WebTicket, WebTicketDecision, WebTicketPreview, WebTicketState } from '@contract';
import { post } from './request';
import { saveSession } from './session';

/**
 * The web sign-in QR encodes `xianfeng:weblogin:<ticket id>:<code>`. A custom scheme, not a
 * URL: WeChat's own scanner shows it as text instead of opening a browser that is not signed
 * in; the mini-program's scanner (我的 → 扫码登录电脑端) reads it.
 */
const WEB_LOGIN_QR = /^xianfeng:weblogin:([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{22})$/;

export interface WebLoginQr {
  ticketId: string;
  code: string;
}

export function parseWebLoginQr(text: string): WebLoginQr | null {
  const match = WEB_LOGIN_QR.exec(text.trim());
  return match ? { ticketId: match[1]!, code: match[2]! } : null;
}

/** The QR's contents as a page parameter (`t=<id>.<code>`) and back. */
export const webLoginParam = (qr: WebLoginQr) => `${qr.ticketId}.${qr.code}`;
export function parseWebLoginParam(param: string | undefined): WebLoginQr | null {
  const [ticketId, code] = decodeURIComponent(param ?? '').split('.');
  return ticketId && code ? parseWebLoginQr(`xianfeng:weblogin:${ticketId}:${code}`) : null;
}

// --- The computer (H5): public steps, no session yet.

export function createWebTicket(): Promise<WebTicket> {
  return post<WebTicket>('/api/auth/web-tickets', undefined, { auth: false, silent: true });
}

/** The ticket's state; when it carries a session (once), it is stored: the computer is signed in. */
export async function pollWebTicket(ticket: Pick<WebTicket, 'id' | 'secret'>): Promise<WebTicketState> {
  const state = await post<WebTicketState>(
    `/api/auth/web-tickets/${ticket.id}/poll`,
    { secret: ticket.secret },
    { auth: false, silent: true },
  );
  if (state.session) saveSession(state.session);
  return state;
}

// --- The phone (mini-program, signed in as a manager).

export function scanWebTicket(qr: WebLoginQr): Promise<WebTicketPreview> {
  return post<WebTicketPreview>(`/api/auth/web-tickets/${qr.ticketId}/scan`, { code: qr.code }, { silent: true });
}

export function decideWebTicket(qr: WebLoginQr, decision: 'confirm' | 'refuse'): Promise<WebTicketDecision> {
  return post<WebTicketDecision>(`/api/auth/web-tickets/${qr.ticketId}/${decision}`, { code: qr.code });
}

/** 退出所有电脑端登录: the mini-program stays signed in. */
export function revokeWebSessions(): Promise<WebSessionsRevoked> {
  return post<WebSessionsRevoked>('/api/me/web-sessions/revoke');
}
