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
import { createSession, endSession } from '../auth/sessions.js';
import { bindInvite, bindTicketHolder, demoAccounts, demoSession, wechatSignIn } from '../auth/sign-in.js';
import { code2session } from '../auth/wechat.js';
import { AppError, forbidden } from '../errors.js';
import { ANY_ACCOUNT } from '../plugins/guard.js';

const publicErrors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody, 502: ErrorBody };
const tooManyInviteAttempts = () =>
  new AppError(429, 'INVITE_TOO_MANY_ATTEMPTS', '邀请码输错次数过多，请 10 分钟后再试');

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
      return demoAccounts(app.db);
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
      return demoSession(app.db, request.body.memberId, app.config.sessionTtlMs);
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
      return wechatSignIn(app.db, openid, app.config, Date.now());
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
      const holder = await bindTicketHolder(app.db, request.body.bindTicket);
      const gates = [app.failureLimits.inviteByAddress.gate(request, request.ip)];
      if (holder) gates.push(app.failureLimits.inviteByAccount.gate(request, holder.openid));
      for (const gate of gates) {
        if (await gate.blocked()) throw tooManyInviteAttempts();
      }
      const memberId = await bindInvite(app.db, request.body.bindTicket, code, now).catch(async (error: unknown) => {
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
