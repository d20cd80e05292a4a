// Rankings (排名), voluntary by design: the org's rankingVisibility decides what anyone
// sees; the list holds only members who opted in, the top 50 at most, never the lower half.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { guardedErrors } from '../contract/common.js';
import { Ranking, RankingPreference, RankingQuery, type RankingVisibility } from '../contract/rankings.js';
import { actorOf } from '../plugins/guard.js';
import { forbidden } from '../errors.js';
import { cst } from '../lib/time.js';
import { periodKey, scopeKey } from '../rankings/periods.js';
import { populationOf, type RankReader } from '../rankings/service.js';
import { syncMembers } from '../rankings/mirror.js';

declare module 'fastify' {
  interface FastifyInstance {
    rankReader: RankReader;
  }
}

const LIST_SIZE = 50;

const rankings: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/rankings',
    {
      config: { access: { roles: ['member'] } },
      schema: {
        tags: ['rankings'],
        summary: '积分排名（按组织设置显示；榜单只列自愿参加的党员）',
        querystring: RankingQuery,
        response: { 200: Ranking, ...guardedErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (actor.branchId === null) throw forbidden('您不属于任何支部，没有个人排名', 'NOT_IN_BRANCH');
      const { scope = 'branch', period = 'year' } = request.query;
      const now = Date.now();
      // One row: the org's setting and name, the branch name and the member's own choice.
      const context = await app.db
        .selectFrom('members')
        .innerJoin('orgs', 'orgs.id', 'members.org_id')
        .leftJoin('branches', 'branches.id', 'members.branch_id')
        .leftJoin('ranking_preferences', 'ranking_preferences.member_id', 'members.id')
        .select([
          'orgs.name as orgName',
          'orgs.ranking_visibility',
          'branches.name as branchName',
          'ranking_preferences.opt_in',
        ])
        .where('members.id', '=', actor.memberId)
        .executeTakeFirstOrThrow();
      const org = { name: context.orgName, ranking_visibility: context.ranking_visibility };
      const visibility = org.ranking_visibility as RankingVisibility;
      const base = {
        visibility,
        scope,
        period,
        periodLabel: period === 'year' ? `${cst(now).year()}年` : cst(now).format('YYYY年M月'),
        scopeName: scope === 'branch' ? (context.branchName ?? '') : org.name,
        optedIn: context.opt_in === 1,
      };
      if (visibility === 'off') return { ...base, own: null, list: [] };

      const key = scope === 'branch' ? scopeKey('branch', actor.branchId) : scopeKey('org', actor.orgId);
      const pk = periodKey(period, now);
      const [own, population] = await Promise.all([
        app.rankReader.own(key, pk, actor.memberId),
        populationOf(app.db, key, now),
      ]);
      const total = Math.max(population, own.rank);
      const ownView = { ...own, total, topPercent: Math.min(100, Math.max(1, Math.ceil((own.rank / total) * 100))) };
      if (visibility === 'self') return { ...base, own: ownView, list: [] };

      // Never the lower half: a short list in a small branch must not single anyone out at the bottom.
      const top = (await app.rankReader.top(key, pk, LIST_SIZE)).filter((r) => r.rank <= Math.ceil(total / 2));
      const people = top.length
        ? await app.db
            .selectFrom('members')
            .leftJoin('branches', 'branches.id', 'members.branch_id')
            .select(['members.id', 'members.name', 'branches.name as branchName'])
            .where(
              'members.id',
              'in',
              top.map((r) => r.memberId),
            )
            .execute()
        : [];
      const byId = new Map(people.map((p) => [p.id, p]));
      return {
        ...base,
        own: ownView,
        list: top.map((r) => ({
          rank: r.rank,
          memberId: r.memberId,
          name: byId.get(r.memberId)?.name ?? '',
          branchName: byId.get(r.memberId)?.branchName ?? null,
          points: r.points,
          isSelf: r.memberId === actor.memberId,
        })),
      };
    },
  );

  app.put(
    '/me/ranking-preference',
    {
      config: { access: { roles: ['member'] } },
      schema: {
        tags: ['rankings'],
        summary: '是否愿意出现在排名榜单中（默认不出现）',
        body: RankingPreference,
        response: { 200: RankingPreference, ...guardedErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const optIn = request.body.optIn ? 1 : 0;
      const now = Date.now();
      await app.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('ranking_preferences')
          .values({ member_id: actor.memberId, opt_in: optIn, updated_at: now })
          .onConflict((oc) => oc.column('member_id').doUpdateSet({ opt_in: optIn, updated_at: now }))
          .execute();
        await trx
          .updateTable('rank_member_totals')
          .set({ opt_in: optIn })
          .where('member_id', '=', actor.memberId)
          .execute();
      });
      const periods = await app.db
        .selectFrom('rank_member_totals')
        .select('period')
        .where('member_id', '=', actor.memberId)
        .execute();
      await syncMembers(periods.map((p) => `${actor.memberId}:${p.period}`));
      return { optIn: optIn === 1 };
    },
  );
};

export default rankings;
