import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Me } from '../contract/auth.js';
import { ErrorBody } from '../contract/common.js';
import { MyPoints } from '../contract/points.js';
import { actorOf, ANY_ACCOUNT } from '../plugins/guard.js';
import { notFound } from '../errors.js';
import { pointsSummary } from '../points/service.js';
import { listLedger } from '../points/ledger.js';
import { visiblePhone } from '../members/service.js';
import { yearOf } from '../lib/time.js';

const me: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me',
    {
      config: { access: { roles: ANY_ACCOUNT } },
      schema: { tags: ['me'], summary: '当前登录党员的资料与本年度积分', response: { 200: Me, 401: ErrorBody } },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await app.db
        .selectFrom('members')
        .innerJoin('orgs', 'orgs.id', 'members.org_id')
        .leftJoin('branches', 'branches.id', 'members.branch_id')
        .select([
          'members.id',
          'members.name',
          'members.phone',
          'members.branch_id',
          'members.political_status',
          'members.employment',
          'members.joined_party_on',
          'orgs.id as orgId',
          'orgs.name as orgName',
          'branches.name as branchName',
        ])
        .where('members.id', '=', actor.memberId)
        .executeTakeFirst();
      if (!row) throw notFound('党员');
      const isMember = actor.roles.includes('member');
      return {
        id: row.id,
        name: row.name,
        phone: visiblePhone(actor, row),
        politicalStatus: row.political_status as Me['politicalStatus'],
        employment: row.employment as Me['employment'],
        joinedPartyOn: row.joined_party_on,
        org: { id: row.orgId, name: row.orgName },
        branch: row.branch_id !== null && row.branchName !== null ? { id: row.branch_id, name: row.branchName } : null,
        roles: actor.roles,
        grants: actor.grants,
        points: isMember ? await pointsSummary(app.db, actor.memberId, actor.orgId, yearOf(Date.now())) : null,
      };
    },
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
