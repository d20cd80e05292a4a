// Web console sign-in by QR (auth/web-login.ts has the rules). The browser's two steps are
// public and rate-limited; the phone's steps need a manager's mini-program session.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody } from '../contract/common.js';
import {
  WebSessionsRevoked,
  WebTicket,
  WebTicketCodeBody,
  WebTicketDecision,
  WebTicketPollBody,
  WebTicketPreview,
  WebTicketState,
} from '../contract/web-login.js';
import { describeBrowser } from '../auth/browser.js';
import {
  collectWebTicket,
  createWebTicket,
  decideWebTicket,
  previewWebTicket,
  revokeWebSessions,
} from '../auth/web-login.js';
import { actorOf, ANY_ACCOUNT, MANAGERS } from '../plugins/guard.js';

// `ticketId`, not `id`: a ticket belongs to no organisation until someone confirms it, so no
// guard scope addresses it; the secrets in the body are what prove the caller may use it.
const Params = Type.Object({ ticketId: Type.String({ pattern: '^[A-Za-z0-9_-]{16}$' }) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 410: ErrorBody };

const webLogin: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/auth/web-tickets',
    {
      config: { access: 'public', rateLimit: { max: app.config.signInPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: '电脑端扫码登录：生成二维码（约 2 分钟有效）',
        response: { 200: WebTicket, 429: ErrorBody },
      },
    },
    async (request) => createWebTicket(app.db, describeBrowser(request.headers['user-agent'])),
  );

  app.post(
    '/auth/web-tickets/:ticketId/poll',
    {
      config: {
        access: 'public',
        // Per ticket: the page asks every 2 seconds; a whole office behind one address may be signing in.
        rateLimit: {
          max: 90,
          timeWindow: 60_000,
          keyGenerator: (request) => `web-ticket:${(request.params as { ticketId?: string }).ticketId ?? ''}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: '电脑端扫码登录：查询二维码状态，确认后取得会话（仅一次）',
        params: Params,
        body: WebTicketPollBody,
        response: { 200: WebTicketState, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) => collectWebTicket(app.db, request.params.ticketId, request.body.secret, app.config.sessionTtlMs),
  );

  app.post(
    '/auth/web-tickets/:ticketId/scan',
    {
      config: { access: { roles: MANAGERS } },
      schema: {
        tags: ['auth'],
        summary: '手机扫码后查看待登录的电脑（仅管理人员）',
        params: Params,
        body: WebTicketCodeBody,
        response: { 200: WebTicketPreview, ...errors },
      },
    },
    async (request) => previewWebTicket(app.db, request.params.ticketId, request.body.code),
  );

  for (const [step, decision, summary] of [
    ['confirm', 'confirmed', '在手机上确认电脑端登录'],
    ['refuse', 'refused', '在手机上拒绝电脑端登录'],
  ] as const) {
    app.post(
      `/auth/web-tickets/:ticketId/${step}`,
      {
        config: { access: { roles: MANAGERS } },
        schema: {
          tags: ['auth'],
          summary,
          params: Params,
          body: WebTicketCodeBody,
          response: { 200: WebTicketDecision, ...errors },
        },
      },
      async (request) =>
        decideWebTicket(app.db, actorOf(request), request.params.ticketId, request.body.code, decision),
    );
  }

  app.post(
    '/me/web-sessions/revoke',
    {
      config: { access: { roles: ANY_ACCOUNT } },
      schema: {
        tags: ['me'],
        summary: '退出所有电脑端登录（小程序的登录不受影响）',
        response: { 200: WebSessionsRevoked, 401: ErrorBody },
      },
    },
    async (request) => ({ ended: await revokeWebSessions(app.db, actorOf(request)) }),
  );
};

export default webLogin;
