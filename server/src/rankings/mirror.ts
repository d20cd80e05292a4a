// The optional Redis mirror of the rank tables (REDIS_URL): one sorted set per scope and
// period with every member's points, and one with only the members who opted in.
// Redis cannot join the SQL transaction, so the mirror copies committed values: the points
// core notes which (member, period) changed on the transaction, and one after-commit hook
// (lib/after-commit.ts) reads those rows back and writes absolute scores (idempotent, so a
// repeated copy is harmless).
// `npm run rankings:rebuild` rebuilds everything from the ledger if the two ever drift.
import type { Redis } from 'ioredis';
import type { Transaction } from 'kysely';
import type { Db } from '../db/index.js';
import type { Database } from '../db/schema.js';
import { onCommit } from '../lib/after-commit.js';
import { scopesOf } from './periods.js';

export interface RankMirror {
  db: Db;
  redis: Redis;
  prefix: string;
}

let mirror: RankMirror | null = null;
const pendingByTrx = new WeakMap<object, Set<string>>();
let warned = false;

export function setRankMirror(next: RankMirror | null): void {
  mirror = next;
}

export function rankMirror(): RankMirror | null {
  return mirror;
}

export const allKey = (prefix: string, scope: string, period: string) => `${prefix}rank:${scope}:${period}`;
export const optKey = (prefix: string, scope: string, period: string) => `${prefix}rankopt:${scope}:${period}`;

/**
 * Notes a member's changed periods on the transaction; the first note registers the one
 * after-commit copy for the whole transaction. Registered with or without a mirror, so a
 * transaction opened without `committed()` fails in every test run, not only with Redis.
 */
export function noteRankChange(trx: Transaction<Database>, memberId: number, periods: string[]): void {
  let pending = pendingByTrx.get(trx);
  if (!pending) {
    const keys = new Set<string>();
    onCommit(trx, () => syncMembers([...keys]));
    pendingByTrx.set(trx, keys);
    pending = keys;
  }
  for (const period of periods) pending.add(`${memberId}:${period}`);
}

/**
 * After a member leaves a branch (`scope:period` keys), drops them from that branch's sorted
 * sets once the move commits; `syncMembers` writes only the scopes they are in now.
 */
export function noteScopesLeft(trx: Transaction<Database>, memberId: number, scopePeriods: string[]): void {
  if (scopePeriods.length === 0) return;
  onCommit(trx, async () => {
    const m = mirror;
    if (!m) return;
    try {
      const pipeline = m.redis.pipeline();
      for (const key of scopePeriods) {
        const [scope, period] = key.split(':') as [string, string];
        pipeline.zrem(allKey(m.prefix, scope, period), String(memberId));
        pipeline.zrem(optKey(m.prefix, scope, period), String(memberId));
      }
      await pipeline.exec();
    } catch (error) {
      if (!warned) console.warn('rank mirror: Redis update failed; run `npm run rankings:rebuild`', error);
      warned = true;
    }
  });
}

/** Copies the committed totals of these `memberId:period` keys into Redis. */
export async function syncMembers(keys: string[]): Promise<void> {
  const m = mirror;
  if (!m || keys.length === 0) return;
  try {
    const byMember = new Map<number, string[]>();
    for (const key of keys) {
      const [id, period] = key.split(':') as [string, string];
      byMember.set(Number(id), [...(byMember.get(Number(id)) ?? []), period]);
    }
    const pipeline = m.redis.pipeline();
    for (const [memberId, periods] of byMember) {
      const rows = await m.db
        .selectFrom('rank_member_totals')
        .select(['period', 'org_id', 'branch_id', 'points', 'opt_in'])
        .where('member_id', '=', memberId)
        .where('period', 'in', periods)
        .execute();
      for (const row of rows) writeRow(pipeline, m.prefix, memberId, row);
    }
    await pipeline.exec();
  } catch (error) {
    if (!warned) console.warn('rank mirror: Redis update failed; run `npm run rankings:rebuild`', error);
    warned = true;
  }
}

type Pipeline = ReturnType<Redis['pipeline']>;

export function writeRow(
  pipeline: Pipeline,
  prefix: string,
  memberId: number,
  row: { period: string; org_id: number; branch_id: number | null; points: number; opt_in: number },
): void {
  const member = String(memberId);
  for (const scope of scopesOf(row.org_id, row.branch_id)) {
    if (row.points !== 0) pipeline.zadd(allKey(prefix, scope, row.period), row.points, member);
    else pipeline.zrem(allKey(prefix, scope, row.period), member);
    if (row.opt_in && row.points > 0) pipeline.zadd(optKey(prefix, scope, row.period), row.points, member);
    else pipeline.zrem(optKey(prefix, scope, row.period), member);
  }
}
