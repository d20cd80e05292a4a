// Web console sign-in by QR, like WeChat's web sign-in. A browser asks for a ticket and
// shows its QR; a manager, signed in to the mini-program, scans it, sees which browser asks
// and when, and confirms or refuses; the browser collects a session for that person, once.
//
// A ticket carries two secrets, and only their hashes are stored:
// - `secret` stays in the browser and is the only way to collect the session. It is never in
//   the QR, so someone who photographs a QR on a projector cannot take the session;
// - `code` is in the QR (`xianfeng:weblogin:<id>:<code>`): the phone proves it saw the QR.
// Delivery is one conditional update (confirmed -> delivered), so two polls racing each
// other get one session between them.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/index.js';
import type { WebTicket, WebTicketPreview, WebTicketState } from '../contract/web-login.js';
import type { Role } from '../contract/common.js';
import { AppError, conflict } from '../errors.js';
import { newToken, sha256 } from '../lib/crypto.js';
import { toIso } from '../lib/time.js';
import { audit } from '../lib/audit.js';
import type { Actor } from './actor.js';
import { createSession } from './sessions.js';

/** Long enough to take out a phone and scan; short enough that a QR left on screen dies. */
export const WEB_TICKET_TTL_MS = 2 * 60_000;
/** A confirmed ticket can still be collected this long after it expired (the browser polls every 2 s). */
const COLLECT_GRACE_MS = 60_000;
/** A web console session lasts a working day (at most the configured session lifetime). */
export const WEB_SESSION_TTL_MS = 12 * 60 * 60_000;

export const WEB_LOGIN_QR_PREFIX = 'xianfeng:weblogin:';

const invalid = () => new AppError(404, 'WEB_TICKET_INVALID', '二维码无效，请在电脑上刷新二维码后重新扫码');
const expired = () => new AppError(410, 'WEB_TICKET_EXPIRED', '二维码已过期，请在电脑上刷新二维码后重新扫码');

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function createWebTicket(db: Db, browser: string, now = Date.now()): Promise<WebTicket> {
  const id = randomBytes(12).toString('base64url');
  const secret = newToken();
  const code = randomBytes(16).toString('base64url');
  const expiresAt = now + WEB_TICKET_TTL_MS;
  // Dead tickets are swept as new ones come; a web session keeps its ticket's id as a note.
  await db
    .deleteFrom('web_login_tickets')
    .where('expires_at', '<=', now - COLLECT_GRACE_MS)
    .execute();
  await db
    .insertInto('web_login_tickets')
    .values({
      id,
      secret_hash: sha256(secret),
      code_hash: sha256(code),
      browser,
      status: 'pending',
      member_id: null,
      created_at: now,
      expires_at: expiresAt,
      decided_at: null,
      delivered_at: null,
    })
    .execute();
  return { id, secret, qr: `${WEB_LOGIN_QR_PREFIX}${id}:${code}`, expiresAt: toIso(expiresAt) };
}

/** The browser's poll: the state of its ticket, and the session the one time it is ready. */
export async function collectWebTicket(
  db: Db,
  id: string,
  secret: string,
  sessionTtlMs: number,
  now = Date.now(),
): Promise<WebTicketState> {
  const ticket = await db.selectFrom('web_login_tickets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!ticket || !sameHash(ticket.secret_hash, sha256(secret))) throw invalid();
  const expiresAt = toIso(ticket.expires_at);
  switch (ticket.status) {
    case 'delivered':
      return { status: 'used', expiresAt };
    case 'refused':
      return { status: 'refused', expiresAt };
    case 'pending':
    case 'scanned':
      return { status: ticket.expires_at <= now ? 'expired' : ticket.status, expiresAt };
    case 'confirmed':
      break;
  }
  if (ticket.expires_at + COLLECT_GRACE_MS <= now || ticket.member_id === null) return { status: 'expired', expiresAt };
  const memberId = ticket.member_id;
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .updateTable('web_login_tickets')
      .set({ status: 'delivered', delivered_at: now })
      .where('id', '=', id)
      .where('status', '=', 'confirmed')
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) return { status: 'used' as const, expiresAt };
    const member = await trx
      .selectFrom('members')
      .select(['name', 'active'])
      .where('id', '=', memberId)
      .executeTakeFirstOrThrow();
    if (!member.active) throw new AppError(403, 'ACCOUNT_DISABLED', '账号已停用，请联系支部书记');
    const grants = await trx
      .selectFrom('role_grants')
      .select('role')
      .where('member_id', '=', memberId)
      .orderBy('id')
      .execute();
    const session = await createSession(trx, memberId, Math.min(sessionTtlMs, WEB_SESSION_TTL_MS), now, {
      kind: 'web',
      webTicketId: id,
    });
    return {
      status: 'confirmed' as const,
      expiresAt,
      session,
      account: { name: member.name, roles: [...new Set(grants.map((g) => g.role as Role))] },
    };
  });
}

async function openTicket(db: Db, id: string, code: string, now: number) {
  const ticket = await db.selectFrom('web_login_tickets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!ticket || !sameHash(ticket.code_hash, sha256(code))) throw invalid();
  if (ticket.status === 'confirmed' || ticket.status === 'delivered') {
    throw conflict('WEB_TICKET_CONFIRMED', '这个二维码已确认登录，无需再次确认');
  }
  if (ticket.status === 'refused') throw conflict('WEB_TICKET_REFUSED', '这个二维码已被拒绝登录，请在电脑上刷新二维码');
  if (ticket.expires_at <= now) throw expired();
  return ticket;
}

/** The phone opened the QR: what it shows before the person decides. The browser sees "scanned". */
export async function previewWebTicket(db: Db, id: string, code: string, now = Date.now()): Promise<WebTicketPreview> {
  const ticket = await openTicket(db, id, code, now);
  await db
    .updateTable('web_login_tickets')
    .set({ status: 'scanned' })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
  return { browser: ticket.browser, createdAt: toIso(ticket.created_at), expiresAt: toIso(ticket.expires_at) };
}

export async function decideWebTicket(
  db: Db,
  actor: Actor,
  id: string,
  code: string,
  decision: 'confirmed' | 'refused',
  now = Date.now(),
): Promise<{ status: 'confirmed' | 'refused' }> {
  return db.transaction().execute(async (trx) => {
    const ticket = await openTicket(trx, id, code, now);
    const decided = await trx
      .updateTable('web_login_tickets')
      .set({ status: decision, member_id: decision === 'confirmed' ? actor.memberId : null, decided_at: now })
      .where('id', '=', id)
      .where('status', 'in', ['pending', 'scanned'])
      .executeTakeFirst();
    if (Number(decided.numUpdatedRows) !== 1) {
      throw conflict('WEB_TICKET_CONFIRMED', '这个二维码已处理过，请在电脑上刷新二维码');
    }
    await audit(
      trx,
      {
        orgId: actor.orgId,
        actorId: actor.memberId,
        action: decision === 'confirmed' ? 'web.sign_in' : 'web.sign_in_refuse',
        targetType: 'member',
        targetId: actor.memberId,
        detail: { browser: ticket.browser },
      },
      now,
    );
    return { status: decision };
  });
}

/** "退出所有电脑端登录": ends every web session of this person; the mini-program's stay. */
export async function revokeWebSessions(db: Db, actor: Actor, now = Date.now()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ended = await trx
      .deleteFrom('sessions')
      .where('member_id', '=', actor.memberId)
      .where('kind', '=', 'web')
      .executeTakeFirst();
    const count = Number(ended.numDeletedRows);
    await audit(
      trx,
      {
        orgId: actor.orgId,
        actorId: actor.memberId,
        action: 'web.sign_out_all',
        targetType: 'member',
        targetId: actor.memberId,
        detail: { ended: count },
      },
      now,
    );
    return count;
  });
}
