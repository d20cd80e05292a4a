import type { Db } from '../db/index.js';
import type { SessionKind } from '../db/schema.js';
import type { Session } from '../contract/auth.js';
import { newToken, sha256 } from '../lib/crypto.js';
import { toIso } from '../lib/time.js';

export interface SessionOrigin {
  /** How the session was made; default 'mini' (WeChat sign-in in the mini-program). */
  kind?: SessionKind;
  /** The web sign-in ticket a 'web' session came from. */
  webTicketId?: string;
}

export async function createSession(
  db: Db,
  memberId: number,
  ttlMs: number,
  now = Date.now(),
  origin: SessionOrigin = {},
): Promise<Session> {
  const token = newToken();
  const expiresAt = now + ttlMs;
  // Expired sessions are dead weight; sweeping a member's own on sign-in keeps the table small.
  await db.deleteFrom('sessions').where('member_id', '=', memberId).where('expires_at', '<=', now).execute();
  await db
    .insertInto('sessions')
    .values({
      token_hash: sha256(token),
      member_id: memberId,
      created_at: now,
      expires_at: expiresAt,
      kind: origin.kind ?? 'mini',
      web_ticket_id: origin.webTicketId ?? null,
    })
    .execute();
  return { token, expiresAt: toIso(expiresAt) };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
}
