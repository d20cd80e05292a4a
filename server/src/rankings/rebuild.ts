// Rebuilds the rank tables, and the Redis mirror when one is configured, from the ledger:
// the repair for drift (a crash between a commit and the Redis copy, a member who moved
// branch before moves carried their ranks along). `npm run rankings:rebuild`.
import type { Redis } from 'ioredis';
import type { Db } from '../db/index.js';
import { monthKey, scopesOf, yearKey } from './periods.js';
import { writeRow } from './mirror.js';

const BATCH = 500;

export async function rebuildRankTables(db: Db): Promise<{ memberPeriods: number; counts: number }> {
  const optIns = new Map(
    (await db.selectFrom('ranking_preferences').select(['member_id', 'opt_in']).execute()).map((p) => [
      p.member_id,
      p.opt_in,
    ]),
  );
  // Rank scopes follow where a member is now (a move carries their periods along, see
  // counts.ts moveRankScopes); the ledger's own branch_id records where each entry happened.
  const placeOf = new Map(
    (await db.selectFrom('members').select(['id', 'org_id', 'branch_id', 'active']).execute()).map((m) => [m.id, m]),
  );
  const totals = new Map<
    string,
    { member_id: number; period: string; org_id: number; branch_id: number | null; points: number; opt_in: number }
  >();
  let lastId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('points_ledger')
      .select(['id', 'member_id', 'org_id', 'branch_id', 'occurred_at', 'delta'])
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(10_000)
      .execute();
    if (rows.length === 0) break;
    lastId = rows[rows.length - 1]!.id;
    for (const r of rows) {
      // Deactivated members are in no ranking (counts.ts removeFromRanks).
      if (placeOf.get(r.member_id)?.active === 0) continue;
      for (const period of [yearKey(r.occurred_at), monthKey(r.occurred_at)]) {
        const key = `${r.member_id}:${period}`;
        const t = totals.get(key) ?? {
          member_id: r.member_id,
          period,
          org_id: placeOf.get(r.member_id)?.org_id ?? r.org_id,
          branch_id: placeOf.has(r.member_id) ? placeOf.get(r.member_id)!.branch_id : r.branch_id,
          points: 0,
          opt_in: optIns.get(r.member_id) ?? 0,
        };
        t.points += r.delta;
        totals.set(key, t);
      }
    }
  }
  const counts = new Map<string, { scope: string; period: string; points: number; n: number }>();
  for (const t of totals.values()) {
    if (t.points === 0) continue;
    for (const scope of scopesOf(t.org_id, t.branch_id)) {
      const key = `${scope}:${t.period}:${t.points}`;
      const c = counts.get(key) ?? { scope, period: t.period, points: t.points, n: 0 };
      c.n += 1;
      counts.set(key, c);
    }
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('rank_counts').execute();
    await trx.deleteFrom('rank_member_totals').execute();
    const all = [...totals.values()];
    for (let i = 0; i < all.length; i += BATCH) {
      await trx
        .insertInto('rank_member_totals')
        .values(all.slice(i, i + BATCH))
        .execute();
    }
    const countRows = [...counts.values()];
    for (let i = 0; i < countRows.length; i += BATCH) {
      await trx
        .insertInto('rank_counts')
        .values(countRows.slice(i, i + BATCH))
        .execute();
    }
  });
  return { memberPeriods: totals.size, counts: counts.size };
}

/** Empties the mirror's keys and copies rank_member_totals into fresh sorted sets. */
export async function rebuildRedisMirror(db: Db, redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}rank*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  let written = 0;
  let after = { member: 0, period: '' };
  for (;;) {
    const rows = await db
      .selectFrom('rank_member_totals')
      .select(['member_id', 'period', 'org_id', 'branch_id', 'points', 'opt_in'])
      .where((eb) =>
        eb.or([
          eb('member_id', '>', after.member),
          eb.and([eb('member_id', '=', after.member), eb('period', '>', after.period)]),
        ]),
      )
      .orderBy('member_id')
      .orderBy('period')
      .limit(5000)
      .execute();
    if (rows.length === 0) break;
    const pipeline = redis.pipeline();
    for (const row of rows) if (row.points !== 0) writeRow(pipeline, prefix, row.member_id, row);
    await pipeline.exec();
    written += rows.length;
    const last = rows[rows.length - 1]!;
    after = { member: last.member_id, period: last.period };
  }
  return written;
}
