import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Me } from '../contract/auth.js';
import { ErrorBody } from '../contract/common.js';
import { MyPoints } from '../contract/points.js';
import { actorOf, ANY_ACCOUNT } from '../plugins/guard.js';
import { pointsSummary } from '../points/service.js';
import { listLedger } from '../points/ledger.js';
import { profileOf } from '../members/service.js';
import { yearOf } from '../lib/time.js';

const me: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me',
    {
      config: { access: { roles: ANY_ACCOUNT } },
      schema: { tags: ['me'], summary: '当前登录党员的资料与本年度积分', response: { 200: Me, 401: ErrorBody } },
    },
    async (request) => profileOf(app.db, actorOf(request)),
  );

  app.get(
    '/me/points',
    {
      config: { access: { roles: ['member'] } },
      schema: {
        tags: ['me'],
        summary: '我的积分：本年度汇总与最近记录',
        response: { 200: MyPoints, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const year = yearOf(Date.now());
      const [summary, recent] = await Promise.all([
        pointsSummary(app.db, actor.memberId, actor.orgId, year),
        listLedger(app.db, { memberId: actor.memberId, year, limit: 20 }),
      ]);
      return { summary, recent };
    },
  );
};

export default me;
