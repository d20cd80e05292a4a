// Reading ranks. Own rank: 1 + how many members hold more points (ties share a rank), from
// rank_counts (a few rows) or, with Redis, ZCOUNT (score +inf. Top of the list: the opted-in
// members only, one index range (or ZREVRANGE). Never a scan, never RANK() OVER.
import { sql } from 'kysely';
import type { Redis } from 'ioredis';
import type { Db } from '../db/index.js';
import { allKey, optKey } from './mirror.js';

export interface RankReader {
  /** Points and rank (1-based, ties shared) of a member; points 0 when they have none yet. */
  own(scope: string, period: string, memberId: number): Promise<{ points: number; rank: number }>;
  /** The best `limit` opted-in members with points above zero, best first. */
  top(scope: string, period: string, limit: number): Promise<Array<{ memberId: number; points: number; rank: number }>>;
}

export function sqlRankReader(db: Db): RankReader {
  return {
    async own(scope, period, memberId) {
      // One statement: the member's points (0 without a row), and how many members hold more.
      const mine = sql<number>`coalesce((select points from rank_member_totals where member_id = ${memberId} and period = ${period}), 0)`;
      const { rows } = await sql<{ points: number; ahead: number }>`select ${mine} as points,
        (select coalesce(sum(n), 0) from rank_counts where scope = ${scope} and period = ${period} and points > ${mine}) as ahead`.execute(
        db,
      );
      const row = rows[0]!;
      return { points: Number(row.points), rank: 1 + Number(row.ahead) };
    },
    async top(scope, period, limit) {
      const id = Number(scope.slice(1));
      const rows = await db
        .selectFrom('rank_member_totals')
        .select(['member_id', 'points'])
        .where(scope.startsWith('o') ? 'org_id' : 'branch_id', '=', id)
        .where('period', '=', period)
        .where('opt_in', '=', 1)
        .where('points', '>', 0)
        .orderBy('points', 'desc')
        .orderBy('member_id', 'desc')
        .limit(limit)
        .execute();
      if (rows.length === 0) return [];
      const lowest = rows[rows.length - 1]!.points;
      const counts = await db
        .selectFrom('rank_counts')
        .select(['points', 'n'])
        .where('scope', '=', scope)
        .where('period', '=', period)
        .where('points', '>=', lowest)
        .orderBy('points', 'desc')
        .execute();
      const rankOf = new Map<number, number>();
      let ahead = 0;
      for (const c of counts) {
        rankOf.set(c.points, ahead + 1);
        ahead += Number(c.n);
      }
      return rows.map((r) => ({ memberId: r.member_id, points: r.points, rank: rankOf.get(r.points) ?? ahead + 1 }));
    },
  };
}

export function redisRankReader(redis: Redis, prefix: string): RankReader {
  return {
    async own(scope, period, memberId) {
      const key = allKey(prefix, scope, period);
      const score = await redis.zscore(key, String(memberId));
      const points = score === null ? 0 : Number(score);
      const ahead = await redis.zcount(key, `(${points}`, '+inf');
      return { points, rank: ahead + 1 };
    },
    async top(scope, period, limit) {
      const flat = await redis.zrevrange(optKey(prefix, scope, period), 0, limit - 1, 'WITHSCORES');
      const rows: Array<{ memberId: number; points: number }> = [];
      for (let i = 0; i < flat.length; i += 2) rows.push({ memberId: Number(flat[i]), points: Number(flat[i + 1]) });
      const distinct = [...new Set(rows.map((r) => r.points))];
      const pipeline = redis.pipeline();
      for (const p of distinct) pipeline.zcount(allKey(prefix, scope, period), `(${p}`, '+inf');
      const results = (await pipeline.exec()) ?? [];
      const rankOf = new Map(distinct.map((p, i) => [p, Number(results[i]?.[1] ?? 0) + 1]));
      return rows.map((r) => ({ ...r, rank: rankOf.get(r.points) ?? 1 }));
    },
  };
}

const POPULATION_TTL_MS = 60_000;
const population = new Map<string, { n: number; at: number }>();

/**
 * Active members in a scope, for "第 N 名，共 M 人". Membership changes rarely, so a count
 * a minute old is exact enough and keeps the rank route free of a per-request COUNT.
 */
export async function populationOf(db: Db, scope: string, now = Date.now()): Promise<number> {
  const cached = population.get(scope);
  if (cached && now - cached.at < POPULATION_TTL_MS) return cached.n;
  const id = Number(scope.slice(1));
  const row = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(scope.startsWith('o') ? 'org_id' : 'branch_id', '=', id)
    .where('branch_id', 'is not', null)
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  const n = Number(row.n);
  population.set(scope, { n, at: now });
  return n;
}

export function forgetPopulation(): void {
  population.clear();
}
