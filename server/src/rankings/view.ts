// What a member sees of the rankings (排名), voluntary by design: the org's rankingVisibility
// decides what anyone sees; the list holds only members who opted in, the top 50 at most,
// never the lower half.
import type { Actor } from '../auth/actor.js';
import type { Ranking, RankingQuery, RankingVisibility } from '../contract/rankings.js';
import type { Db } from '../db/index.js';
import { forbidden } from '../errors.js';
import { cst } from '../lib/time.js';
import { syncMembers } from './mirror.js';
import { periodKey, scopeKey } from './periods.js';
import { populationOf, type RankReader } from './service.js';

const LIST_SIZE = 50;

export async function rankingFor(
  db: Db,
  reader: RankReader,
  actor: Actor,
  query: RankingQuery,
  now: number,
): Promise<Ranking> {
  if (actor.branchId === null) throw forbidden('您不属于任何支部，没有个人排名', 'NOT_IN_BRANCH');
  const { scope = 'branch', period = 'year' } = query;
  // One row: the org's setting and name, the branch name and the member's own choice.
  const context = await db
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
  const [own, population] = await Promise.all([reader.own(key, pk, actor.memberId), populationOf(db, key, now)]);
  const total = Math.max(population, own.rank);
  const ownView = { ...own, total, topPercent: Math.min(100, Math.max(1, Math.ceil((own.rank / total) * 100))) };
  if (visibility === 'self') return { ...base, own: ownView, list: [] };

  // Never the lower half: a short list in a small branch must not single anyone out at the bottom.
  const top = (await reader.top(key, pk, LIST_SIZE)).filter((r) => r.rank <= Math.ceil(total / 2));
  const people = top.length
    ? await db
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
}

/** Opting in or out of the list; the member's own rank is unaffected. */
export async function setRankingPreference(db: Db, actor: Actor, wanted: boolean, now = Date.now()) {
  const optIn = wanted ? 1 : 0;
  await db.transaction().execute(async (trx) => {
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
  const periods = await db
    .selectFrom('rank_member_totals')
    .select('period')
    .where('member_id', '=', actor.memberId)
    .execute();
  await syncMembers(periods.map((p) => `${actor.memberId}:${p.period}`));
  return { optIn: optIn === 1 };
}
