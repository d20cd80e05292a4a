import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { openTestApp, type TestApp } from '../helpers.js';
import { addMember, bearer, buildOrgFixture, type OrgFixture } from '../../../mocks/fixtures.js';
import { award, reverse } from '../../src/points/service.js';
import { rebuildRankTables, rebuildRedisMirror } from '../../src/rankings/rebuild.js';
import { redisRankReader, sqlRankReader, type RankReader } from '../../src/rankings/service.js';
import { monthKey, periodKey, scopeKey, yearKey } from '../../src/rankings/periods.js';
import { allKey } from '../../src/rankings/mirror.js';
import { addBank } from './quiz-fixture.js';
import { checkInWithCode, examNow, startAttempt, themeDayNow, type Call } from './flows.js';
import type { Db } from '../../src/db/index.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisReachable(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    retryStrategy: () => null,
  });
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

let sourceSeq = 0;
async function give(db: Db, memberId: number, delta: number, occurredAt = Date.now()) {
  return award(db, {
    memberId,
    ruleCode: delta > 0 ? 'award' : 'deduction',
    sourceType: 'manual',
    sourceId: `rank-${++sourceSeq}`,
    occurredAt,
    delta,
    reason: '排名测试',
  });
}

/** Ranks computed the slow, obvious way, to check the fast paths against. */
async function bruteForce(db: Db, scope: string, period: string) {
  const rows = await db
    .selectFrom('rank_member_totals')
    .select(['member_id', 'org_id', 'branch_id', 'points'])
    .where('period', '=', period)
    .execute();
  const inScope = rows.filter((r) => (scope.startsWith('o') ? `o${r.org_id}` : `b${r.branch_id}`) === scope);
  return (memberId: number) => {
    const mine = inScope.find((r) => r.member_id === memberId)?.points ?? 0;
    return 1 + inScope.filter((r) => r.points > mine).length;
  };
}

function rankingSuite(name: string, redis: boolean) {
  describe(name, () => {
    let t: TestApp;
    let f: OrgFixture;
    let prefix: string;
    const call = async (method: 'GET' | 'PUT', url: string, as: number, payload?: object) =>
      t.app.inject({ method, url, headers: await bearer(t.handle.db, as), ...(payload ? { payload } : {}) });
    const ranking = async (as: number, query = 'scope=branch&period=year') =>
      (await call('GET', `/api/rankings?${query}`, as)).json();
    const optIn = (as: number, value: boolean) => call('PUT', '/api/me/ranking-preference', as, { optIn: value });

    before(async () => {
      prefix = `xf-test-${randomBytes(4).toString('hex')}:`;
      t = await openTestApp(redis ? { redisUrl: REDIS_URL, redisPrefix: prefix } : {});
      f = await buildOrgFixture(t.handle.db);
    });
    after(async () => {
      if (redis) {
        const client = new Redis(REDIS_URL);
        const keys = await client.keys(`${prefix}*`);
        if (keys.length) await client.del(...keys);
        await client.quit();
      }
      await t.close();
    });

    test('ties share a rank; a member with no points ranks after everyone with points', async () => {
      await give(t.handle.db, f.memberA1, 5);
      await give(t.handle.db, f.memberA2, 3);
      await give(t.handle.db, f.memberA2, 2);
      await give(t.handle.db, f.retiredA3, 3);
      await give(t.handle.db, f.memberB1, 4);
      const a1 = (await ranking(f.memberA1)).own;
      const a2 = (await ranking(f.memberA2)).own;
      const a3 = (await ranking(f.retiredA3)).own;
      const sec = (await ranking(f.secretaryA)).own;
      assert.deepEqual([a1.rank, a2.rank, a3.rank, sec.rank], [1, 1, 3, 4]);
      assert.deepEqual([a1.points, a3.points, sec.points], [5, 3, 0]);
      assert.equal(a1.total, 4);
      assert.equal(a1.topPercent, 25);
      assert.equal(sec.topPercent, 100);
      const org = (await ranking(f.memberB1, 'scope=org&period=year')).own;
      assert.equal(org.rank, 3, 'two members at 5 are ahead of 4 in the organisation');
      assert.equal((await ranking(f.memberA1, 'scope=org&period=month')).own.rank, 1);
    });

    test('a reversal moves ranks back', async () => {
      const entry = (await give(t.handle.db, f.retiredA3, 4)).entry!;
      assert.equal((await ranking(f.retiredA3)).own.rank, 1);
      await reverse(t.handle.db, entry.id, { actorId: null, reason: '录入错误' });
      assert.equal((await ranking(f.retiredA3)).own.rank, 3);
      assert.equal((await ranking(f.memberA1)).own.rank, 1);
    });

    test('the list shows only members who opted in, ties sharing a rank', async () => {
      assert.deepEqual((await ranking(f.memberA1)).list, [], 'nobody opted in yet');
      assert.equal((await optIn(f.memberA1, true)).statusCode, 200);
      const seenByA2 = await ranking(f.memberA2);
      assert.deepEqual(
        seenByA2.list.map((r: { name: string; rank: number }) => [r.name, r.rank]),
        [['张三', 1]],
      );
      assert.equal(seenByA2.optedIn, false);
      assert.ok(!seenByA2.list.some((r: { memberId: number }) => r.memberId === f.memberA2), 'A2 did not opt in');
      await optIn(f.memberA2, true);
      const both = await ranking(f.retiredA3);
      assert.deepEqual(
        both.list.map((r: { memberId: number; rank: number }) => r.rank),
        [1, 1],
      );
      assert.equal((await ranking(f.memberA2)).list.find((r: { isSelf: boolean }) => r.isSelf).memberId, f.memberA2);
      await optIn(f.memberA2, false);
      assert.ok(
        !(await ranking(f.memberA1)).list.some((r: { memberId: number }) => r.memberId === f.memberA2),
        'opting out takes effect',
      );
    });

    test('nothing lists the lower half, even of those who opted in', async () => {
      await optIn(f.retiredA3, true);
      await optIn(f.secretaryA, true);
      const list = (await ranking(f.memberA1)).list as Array<{ memberId: number; rank: number }>;
      assert.ok(!list.some((r) => r.memberId === f.retiredA3), 'rank 3 of 4 is in the lower half');
      assert.ok(!list.some((r) => r.memberId === f.secretaryA), 'no points, never listed');
      assert.ok(list.every((r) => r.rank <= 2));
    });

    test("self shows only one's own rank; off hides everything", async () => {
      await t.handle.db.updateTable('orgs').set({ ranking_visibility: 'self' }).where('id', '=', f.orgId).execute();
      const self = await ranking(f.retiredA3);
      assert.equal(self.visibility, 'self');
      assert.equal(self.own.rank, 3);
      assert.deepEqual(self.list, []);
      await t.handle.db.updateTable('orgs').set({ ranking_visibility: 'off' }).where('id', '=', f.orgId).execute();
      const off = await ranking(f.memberA1);
      assert.equal(off.own, null);
      assert.deepEqual(off.list, []);
      await t.handle.db.updateTable('orgs').set({ ranking_visibility: 'opt_in' }).where('id', '=', f.orgId).execute();
    });

    test('rankings are for members in a branch; bad queries are refused', async () => {
      assert.equal((await call('GET', '/api/rankings', f.admin)).statusCode, 403);
      assert.equal((await call('GET', '/api/rankings?scope=country', f.memberA1)).statusCode, 400);
      assert.equal((await call('PUT', '/api/me/ranking-preference', f.memberA1, { optIn: 'yes' })).statusCode, 400);
      const other = await ranking(f.other.member);
      assert.deepEqual(other.list, [], 'another organisation sees none of ours');
    });

    test('the fast paths agree with a brute-force ranking, and a rebuild from the ledger changes nothing', async () => {
      const members: number[] = [];
      for (let i = 0; i < 12; i++) {
        members.push(
          await addMember(t.handle.db, { orgId: f.orgId, branchId: i % 2 ? f.branchA : f.branchB, name: `成员${i}` }),
        );
      }
      const lastMonth = Date.now() - 35 * 24 * 3_600_000;
      for (let i = 0; i < 40; i++) {
        const m = members[(i * 7) % members.length]!;
        const result = await give(t.handle.db, m, i % 5 === 4 ? -1 : 1 + (i % 3), i % 4 === 0 ? lastMonth : Date.now());
        if (i % 9 === 0 && result.entry) await reverse(t.handle.db, result.entry.id, { actorId: null, reason: '冲正' });
      }
      const readers: RankReader[] = [sqlRankReader(t.handle.db)];
      const client = redis ? new Redis(REDIS_URL) : null;
      if (client) readers.push(redisRankReader(client, prefix));
      const check = async () => {
        for (const period of ['year', 'month'] as const) {
          for (const scope of [
            scopeKey('org', f.orgId),
            scopeKey('branch', f.branchA),
            scopeKey('branch', f.branchB),
          ]) {
            const pk = periodKey(period, Date.now());
            const expected = await bruteForce(t.handle.db, scope, pk);
            for (const reader of readers) {
              for (const m of [...members, f.memberA1, f.memberB1]) {
                const inScope =
                  scope.startsWith('o') ||
                  (
                    await t.handle.db
                      .selectFrom('members')
                      .select('branch_id')
                      .where('id', '=', m)
                      .executeTakeFirstOrThrow()
                  ).branch_id === Number(scope.slice(1));
                if (!inScope) continue;
                assert.equal((await reader.own(scope, pk, m)).rank, expected(m), `${scope} ${pk} member ${m}`);
              }
            }
          }
        }
      };
      try {
        await check();
      } finally {
        client?.disconnect();
      }
      const dump = async () => ({
        totals: await t.handle.db
          .selectFrom('rank_member_totals')
          .selectAll()
          .orderBy('member_id')
          .orderBy('period')
          .execute(),
        counts: await t.handle.db
          .selectFrom('rank_counts')
          .selectAll()
          .where('n', '>', 0)
          .orderBy('scope')
          .orderBy('period')
          .orderBy('points')
          .execute(),
      });
      const incremental = await dump();
      await rebuildRankTables(t.handle.db);
      assert.deepEqual(await dump(), incremental);
      if (redis) {
        // Wipe the mirror and rebuild it from the tables: the ranks must come back the same.
        const rebuilder = new Redis(REDIS_URL);
        try {
          await rebuilder.del(...(await rebuilder.keys(`${prefix}*`)));
          await rebuildRedisMirror(t.handle.db, rebuilder, prefix);
          readers.splice(1, 1, redisRankReader(rebuilder, prefix));
          await check();
        } finally {
          rebuilder.disconnect();
        }
      }
    });

    if (redis) {
      test('a check-in and a quiz submit over HTTP reach the sorted sets before the answer', async () => {
        const member = await addMember(t.handle.db, { orgId: f.orgId, branchId: f.branchA, name: '钱七' });
        const bank = await addBank(t.handle.db, f.orgId);
        const http: Call = (method, url, as, payload) => call(method as 'GET' | 'PUT', url, as, payload);
        const activityId = await themeDayNow(http, f.branchA, f.secretaryA);
        const quizId = await examNow(http, bank, f.branchA, f.secretaryA);
        const client = new Redis(REDIS_URL);
        try {
          const now = Date.now();
          const scores = async () => {
            const out: Array<number | null> = [];
            for (const scope of [scopeKey('branch', f.branchA), scopeKey('org', f.orgId)]) {
              for (const period of [yearKey(now), monthKey(now)]) {
                const score = await client.zscore(allKey(prefix, scope, period), String(member));
                out.push(score === null ? null : Number(score));
              }
            }
            return out;
          };
          const committed = async () =>
            (
              await t.handle.db
                .selectFrom('rank_member_totals')
                .select('points')
                .where('member_id', '=', member)
                .where('period', '=', yearKey(now))
                .executeTakeFirst()
            )?.points ?? null;
          assert.deepEqual(await scores(), [null, null, null, null]);

          const checkIn = await checkInWithCode(http, activityId, f.secretaryA, member);
          assert.equal(checkIn.pointsAwarded, 1);
          // Read at once: the after-commit hook ran before the response was sent.
          assert.deepEqual(await scores(), [1, 1, 1, 1]);
          assert.equal(await committed(), 1);

          const result = await (await startAttempt(http, bank, quizId, member)).submit();
          assert.equal(result.pointsEarned, 3, 'pass and full marks');
          assert.deepEqual(await scores(), [4, 4, 4, 4]);
          assert.equal(await committed(), 4);
        } finally {
          client.disconnect();
        }
      });
    }
  });
}

rankingSuite('rankings on the database', false);
if (await redisReachable()) {
  rankingSuite('rankings with the Redis mirror', true);
} else if (process.env.CI) {
  throw new Error(`Redis is not reachable at ${REDIS_URL}; CI runs the Redis ranking tests.`);
} else {
  console.warn(`Redis not reachable at ${REDIS_URL}: skipped the Redis ranking tests.`);
}
