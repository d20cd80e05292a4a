// The idempotency-key store: claim a key for a request, keep the first answer, give it to
// repeats. Used only by plugins/idempotency.ts.
import { createHash } from 'node:crypto';
import type { Db } from '../db/index.js';

/** Keys are kept 30 days: long enough for a phone that stayed offline over a holiday. */
export const KEY_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** A claim still pending after this long belongs to a request that died; a repeat may take over. */
export const STALE_PENDING_MS = 60 * 1000;

export interface StoredAnswer {
  status: number;
  contentType: string | null;
  body: string;
}

export type Claim =
  { kind: 'claimed' } | { kind: 'answered'; answer: StoredAnswer } | { kind: 'pending' } | { kind: 'mismatch' };

export interface KeyRef {
  memberId: number;
  route: string;
  key: string;
}

/** A stable hash of what the request asks for: its actual URL (params included) and body. */
export function requestHash(url: string, body: unknown): string {
  return createHash('sha256')
    .update(url)
    .update('\n')
    .update(stableJson(body ?? null))
    .digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Claims the key for this request, or reports what an earlier request with the same key
 * left: its answer, a request still running, or a different request (a reused key).
 */
export async function claimKey(db: Db, ref: KeyRef, hash: string, now: number): Promise<Claim> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({
      member_id: ref.memberId,
      route: ref.route,
      key: ref.key,
      request_hash: hash,
      state: 'pending',
      created_at: now,
      expires_at: now + KEY_TTL_MS,
    })
    .onConflict((oc) => oc.columns(['member_id', 'route', 'key']).doNothing())
    .returning('key')
    .execute();
  if (inserted.length > 0) return { kind: 'claimed' };

  const row = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('member_id', '=', ref.memberId)
    .where('route', '=', ref.route)
    .where('key', '=', ref.key)
    .executeTakeFirst();
  // Released between our insert and this read: try once more.
  if (!row) return claimKey(db, ref, hash, now);
  if (row.expires_at <= now) {
    await releaseKey(db, ref);
    return claimKey(db, ref, hash, now);
  }
  if (row.request_hash !== hash) return { kind: 'mismatch' };
  if (row.state === 'done') {
    return {
      kind: 'answered',
      answer: { status: Number(row.response_status), contentType: row.response_type, body: row.response_body ?? '' },
    };
  }
  if (now - Number(row.created_at) > STALE_PENDING_MS) {
    // The first request never finished (the process died mid-way): this repeat takes over.
    const taken = await db
      .updateTable('idempotency_keys')
      .set({ created_at: now })
      .where('member_id', '=', ref.memberId)
      .where('route', '=', ref.route)
      .where('key', '=', ref.key)
      .where('state', '=', 'pending')
      .where('created_at', '=', row.created_at)
      .returning('key')
      .execute();
    if (taken.length > 0) return { kind: 'claimed' };
  }
  return { kind: 'pending' };
}

export async function storeAnswer(db: Db, ref: KeyRef, answer: StoredAnswer): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({
      state: 'done',
      response_status: answer.status,
      response_type: answer.contentType,
      response_body: answer.body,
    })
    .where('member_id', '=', ref.memberId)
    .where('route', '=', ref.route)
    .where('key', '=', ref.key)
    .execute();
}

/** Forgets a claim whose request earned no answer worth keeping (a 5xx, a rate limit). */
export async function releaseKey(db: Db, ref: KeyRef): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('member_id', '=', ref.memberId)
    .where('route', '=', ref.route)
    .where('key', '=', ref.key)
    .execute();
}

export async function purgeExpired(db: Db, now: number): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('expires_at', '<', now).execute();
}
