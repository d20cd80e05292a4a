// Signing in: the demo accounts (demo mode only), WeChat's code exchange, and binding an
// openid to a roster member with the one-time invite code a secretary handed out.
import type { AppConfig } from '../config.js';
import type { Role } from '../contract/common.js';
import type { DemoAccountList, Session, WechatLoginResult } from '../contract/auth.js';
import type { Db } from '../db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../errors.js';
import { audit } from '../lib/audit.js';
import { newToken, sha256 } from '../lib/crypto.js';
import { toIso } from '../lib/time.js';
import { createSession } from './sessions.js';

const ROLE_ORDER: Record<Role, number> = { org_admin: 0, secretary: 1, branch_manager: 2, member: 3 };

/** Every active account with a title, org admins first, the first organisation's first: the demo sign-in's list. */
export async function demoAccounts(db: Db): Promise<DemoAccountList> {
  const rows = await db
    .selectFrom('members')
    .leftJoin('branches', 'branches.id', 'members.branch_id')
    .leftJoin('role_grants', 'role_grants.member_id', 'members.id')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select([
      'members.id',
      'members.name',
      'members.employment',
      'members.org_id as orgId',
      'orgs.name as orgName',
      'branches.name as branchName',
      'role_grants.role',
    ])
    .where('members.active', '=', 1)
    .orderBy('members.org_id')
    .orderBy('members.branch_id')
    .orderBy('members.id')
    .execute();
  const byMember = new Map<
    number,
    {
      memberId: number;
      name: string;
      orgId: number;
      orgName: string;
      branchName: string | null;
      roles: Role[];
      retired: boolean;
    }
  >();
  for (const row of rows) {
    const account = byMember.get(row.id) ?? {
      memberId: row.id,
      name: row.name,
      orgId: row.orgId,
      orgName: row.orgName,
      branchName: row.branchName,
      roles: [],
      retired: row.employment === 'retired',
    };
    if (row.role) account.roles.push(row.role as Role);
    byMember.set(row.id, account);
  }
  // The first organisation's accounts come first; another organisation's say which one.
  const firstOrg = Math.min(...[...byMember.values()].map((a) => a.orgId));
  const accounts = [...byMember.values()]
    .map((a) => {
      a.roles.sort((x, y) => ROLE_ORDER[x] - ROLE_ORDER[y]);
      const top = a.roles[0] ?? 'member';
      const title =
        top === 'org_admin'
          ? '组织管理员'
          : top === 'secretary'
            ? `${a.branchName ?? ''} 书记`
            : `${a.branchName ?? ''} 党员${a.retired ? '（退休）' : ''}`;
      const shown = a.orgId === firstOrg ? title.trim() : `${title.trim()}（${a.orgName}）`;
      return {
        orgId: a.orgId,
        memberId: a.memberId,
        name: a.name,
        title: shown,
        roles: a.roles,
        branchName: a.branchName,
      };
    })
    .sort((x, y) => x.orgId - y.orgId || ROLE_ORDER[x.roles[0] ?? 'member'] - ROLE_ORDER[y.roles[0] ?? 'member'])
    .map(({ orgId: _orgId, ...account }) => account);
  return { accounts };
}

export async function demoSession(db: Db, memberId: number, ttlMs: number): Promise<Session> {
  const member = await db.selectFrom('members').select(['id', 'active']).where('id', '=', memberId).executeTakeFirst();
  if (!member || !member.active) throw notFound('账号');
  return createSession(db, member.id, ttlMs, Date.now(), { kind: 'demo' });
}

/** A bound openid gets a session; an unbound one a short-lived ticket to bind with an invite. */
export async function wechatSignIn(
  db: Db,
  openid: string,
  config: Pick<AppConfig, 'sessionTtlMs' | 'bindTicketTtlMs'>,
  now: number,
): Promise<WechatLoginResult> {
  const binding = await db
    .selectFrom('wechat_bindings')
    .innerJoin('members', 'members.id', 'wechat_bindings.member_id')
    .select(['members.id', 'members.active'])
    .where('openid', '=', openid)
    .executeTakeFirst();
  if (binding) {
    if (!binding.active) throw forbidden('账号已停用，请联系支部书记', 'ACCOUNT_DISABLED');
    return {
      status: 'bound' as const,
      session: await createSession(db, binding.id, config.sessionTtlMs, now),
    };
  }
  const ticket = newToken();
  const expiresAt = now + config.bindTicketTtlMs;
  await db.deleteFrom('bind_tickets').where('expires_at', '<=', now).execute();
  await db
    .insertInto('bind_tickets')
    .values({ ticket_hash: sha256(ticket), openid, expires_at: expiresAt })
    .execute();
  return { status: 'unbound' as const, bindTicket: ticket, expiresAt: toIso(expiresAt) };
}

/** The WeChat account a bind ticket stands for, if the ticket is known. */
export async function bindTicketHolder(db: Db, bindTicket: string) {
  return db
    .selectFrom('bind_tickets')
    .select('openid')
    .where('ticket_hash', '=', sha256(bindTicket))
    .executeTakeFirst();
}

/** Binds the ticket's openid to the invite's member, once; returns the member's id. */
export async function bindInvite(db: Db, bindTicket: string, code: string, now: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ticket = await trx
      .selectFrom('bind_tickets')
      .select(['openid', 'expires_at'])
      .where('ticket_hash', '=', sha256(bindTicket))
      .executeTakeFirst();
    if (!ticket || ticket.expires_at <= now) {
      throw badRequest('BIND_TICKET_INVALID', '绑定已超时，请重新进入小程序登录');
    }
    const invite = await trx.selectFrom('invites').selectAll().where('code', '=', code).executeTakeFirst();
    if (!invite) throw badRequest('INVITE_INVALID', '邀请码不正确，请核对后重新输入');
    if (invite.used_at !== null) throw badRequest('INVITE_USED', '邀请码已被使用，请向支部书记重新申请');
    if (invite.expires_at <= now) throw badRequest('INVITE_EXPIRED', '邀请码已过期，请向支部书记重新申请');
    const taken = await trx
      .selectFrom('wechat_bindings')
      .select(['openid', 'member_id'])
      .where((eb) => eb.or([eb('openid', '=', ticket.openid), eb('member_id', '=', invite.member_id)]))
      .executeTakeFirst();
    if (taken) {
      throw taken.member_id === invite.member_id
        ? conflict('MEMBER_ALREADY_BOUND', '该党员已绑定其他微信，请联系支部书记')
        : conflict('WECHAT_ALREADY_BOUND', '此微信已绑定其他党员');
    }
    const used = await trx
      .updateTable('invites')
      .set({ used_at: now })
      .where('id', '=', invite.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw badRequest('INVITE_USED', '邀请码已被使用，请向支部书记重新申请');
    await trx
      .insertInto('wechat_bindings')
      .values({ openid: ticket.openid, member_id: invite.member_id, bound_at: now })
      .execute();
    await trx.deleteFrom('bind_tickets').where('ticket_hash', '=', sha256(bindTicket)).execute();
    const member = await trx
      .selectFrom('members')
      .select('org_id')
      .where('id', '=', invite.member_id)
      .executeTakeFirstOrThrow();
    await audit(
      trx,
      {
        orgId: member.org_id,
        actorId: invite.member_id,
        action: 'wechat.bind',
        targetType: 'member',
        targetId: invite.member_id,
      },
      now,
    );
    return invite.member_id;
  });
}
