import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  BindBody,
  DemoAccountList,
  DemoLoginBody,
  Session,
  WechatLoginBody,
  WechatLoginResult,
} from '../contract/auth.js';
import { ErrorBody } from '../contract/common.js';
import type { Role } from '../contract/common.js';
import { createSession, endSession } from '../auth/sessions.js';
import { code2session } from '../auth/wechat.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../errors.js';
import { newToken, sha256 } from '../lib/crypto.js';
import { toIso } from '../lib/time.js';
import { audit } from '../lib/audit.js';
import { ANY_ACCOUNT } from '../plugins/guard.js';

const publicErrors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody, 502: ErrorBody };
const tooManyInviteAttempts = () =>
  new AppError(429, 'INVITE_TOO_MANY_ATTEMPTS', '邀请码输错次数过多，请 10 分钟后再试');
const ROLE_ORDER: Record<Role, number> = { org_admin: 0, secretary: 1, branch_manager: 2, member: 3 };

const auth: FastifyPluginAsyncTypebox = async (app) => {
  // Demo sign-in lets anyone be anyone: only when the process was started in demo mode
  // (XF_DEMO=1 or `--demo`, which config.ts refuses in production).
  const demoAllowed = () => {
    if (!app.config.demo) throw forbidden('本服务未开启演示登录', 'DEMO_DISABLED');
  };
  // Per client address; a whole office may sit behind one address, hence a generous default.
  const signInLimit = { max: app.config.signInPerMinute, timeWindow: 60_000 };

  app.get(
    '/auth/demo-accounts',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: '演示账号列表（仅演示模式）',
        response: { 200: DemoAccountList, 403: ErrorBody },
      },
    },
    async () => {
      demoAllowed();
      const rows = await app.db
        .selectFrom('members')
        .leftJoin('branches', 'branches.id', 'members.branch_id')
        .leftJoin('role_grants', 'role_grants.member_id', 'members.id')
        .select(['members.id', 'members.name', 'members.employment', 'branches.name as branchName', 'role_grants.role'])
        .where('members.active', '=', 1)
        .orderBy('members.branch_id')
        .orderBy('members.id')
        .execute();
      const byMember = new Map<
        number,
        { memberId: number; name: string; branchName: string | null; roles: Role[]; retired: boolean }
      >();
      for (const row of rows) {
        const account = byMember.get(row.id) ?? {
          memberId: row.id,
          name: row.name,
          branchName: row.branchName,
          roles: [],
          retired: row.employment === 'retired',
        };
        if (row.role) account.roles.push(row.role as Role);
        byMember.set(row.id, account);
      }
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
          return { memberId: a.memberId, name: a.name, title: title.trim(), roles: a.roles, branchName: a.branchName };
        })
        .sort((x, y) => ROLE_ORDER[x.roles[0] ?? 'member'] - ROLE_ORDER[y.roles[0] ?? 'member']);
      return { accounts };
    },
  );

  app.post(
    '/auth/demo',
    {
      config: { access: 'public', rateLimit: signInLimit },
      schema: {
        tags: ['auth'],
        summary: '演示登录（仅演示模式）',
        body: DemoLoginBody,
        response: { 200: Session, ...publicErrors },
      },
    },
    async (request) => {
      demoAllowed();
      const member = await app.db
        .selectFrom('members')
        .select(['id', 'active'])
        .where('id', '=', request.body.memberId)
        .executeTakeFirst();
      if (!member || !member.active) throw notFound('账号');
      return createSession(app.db, member.id, app.config.sessionTtlMs);
    },
  );

  app.post(
    '/auth/wechat',
    {
      config: { access: 'public', rateLimit: signInLimit },
      schema: {
        tags: ['auth'],
        summary: '微信登录：用 wx.login 的 code 换取会话',
        body: WechatLoginBody,
        response: { 200: WechatLoginResult, ...publicErrors },
      },
    },
    async (request) => {
      const { openid } = await code2session(app.config, request.body.code);
      const now = Date.now();
      const binding = await app.db
        .selectFrom('wechat_bindings')
        .innerJoin('members', 'members.id', 'wechat_bindings.member_id')
        .select(['members.id', 'members.active'])
        .where('openid', '=', openid)
        .executeTakeFirst();
      if (binding) {
        if (!binding.active) throw forbidden('账号已停用，请联系支部书记', 'ACCOUNT_DISABLED');
        return {
          status: 'bound' as const,
          session: await createSession(app.db, binding.id, app.config.sessionTtlMs, now),
        };
      }
      const ticket = newToken();
      const expiresAt = now + app.config.bindTicketTtlMs;
      await app.db.deleteFrom('bind_tickets').where('expires_at', '<=', now).execute();
      await app.db
        .insertInto('bind_tickets')
        .values({ ticket_hash: sha256(ticket), openid, expires_at: expiresAt })
        .execute();
      return { status: 'unbound' as const, bindTicket: ticket, expiresAt: toIso(expiresAt) };
    },
  );

  app.post(
    '/auth/bind',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: '用书记发放的邀请码绑定微信',
        body: BindBody,
        response: { 200: Session, ...publicErrors },
      },
    },
    async (request) => {
      const now = Date.now();
      const code = request.body.inviteCode.toUpperCase();
      // Wrong invite codes are limited per WeChat account (a fresh bind ticket is one wx.login
      // away, so the ticket alone would not hold) and per client address; once used up, even
      // a right code waits, or guessing would go on.
      const holder = await app.db
        .selectFrom('bind_tickets')
        .select('openid')
        .where('ticket_hash', '=', sha256(request.body.bindTicket))
        .executeTakeFirst();
      const gates = [app.failureLimits.inviteByAddress.gate(request, request.ip)];
      if (holder) gates.push(app.failureLimits.inviteByAccount.gate(request, holder.openid));
      for (const gate of gates) {
        if (await gate.blocked()) throw tooManyInviteAttempts();
      }
      const memberId = await app.db
        .transaction()
        .execute(async (trx) => {
          const ticket = await trx
            .selectFrom('bind_tickets')
            .select(['openid', 'expires_at'])
            .where('ticket_hash', '=', sha256(request.body.bindTicket))
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
          if (Number(used.numUpdatedRows) !== 1)
            throw badRequest('INVITE_USED', '邀请码已被使用，请向支部书记重新申请');
          await trx
            .insertInto('wechat_bindings')
            .values({ openid: ticket.openid, member_id: invite.member_id, bound_at: now })
            .execute();
          await trx.deleteFrom('bind_tickets').where('ticket_hash', '=', sha256(request.body.bindTicket)).execute();
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
        })
        .catch(async (error: unknown) => {
          if (error instanceof AppError && error.statusCode === 400) for (const gate of gates) await gate.record();
          throw error;
        });
      return createSession(app.db, memberId, app.config.sessionTtlMs, now);
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: { roles: ANY_ACCOUNT } },
      schema: { tags: ['auth'], summary: '退出登录', response: { 204: Type.Null(), 401: ErrorBody } },
    },
    async (request, reply) => {
      const token = request.headers.authorization?.slice(7).trim() ?? '';
      await endSession(app.db, token);
      return reply.status(204).send(null);
    },
  );
};

export default auth;
