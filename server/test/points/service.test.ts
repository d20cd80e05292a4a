import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { award, pointsSummary, reverse } from '../../src/points/service.js';
import { starLevelOf, defaultRules } from '../../src/points/rules.js';
import { type AppError } from '../../src/errors.js';
import { buildOrgFixture, type OrgFixture } from '../../../mocks/fixtures.js';
import { openTestDatabase, type TestDatabase } from '../helpers.js';

const at = (iso: string) => Date.parse(iso);

describe(`points core`, () => {
  let handle: TestDatabase;
  let f: OrgFixture;
  before(async () => {
    handle = await openTestDatabase();
  });
  after(async () => handle.close());
  beforeEach(async () => {
    // Each test starts from a fresh fixture so that totals and caps are its own.
    f = await buildOrgFixture(handle.db);
  });

  const totalOf = async (memberId: number, year = 2026) =>
    (await pointsSummary(handle.db, memberId, f.orgId, year)).total;

  test('a source pays once; repeating returns the first entry', async () => {
    const input = {
      memberId: f.memberA1,
      ruleCode: 'attend_theme_day',
      sourceType: 'activity' as const,
      sourceId: 7,
      occurredAt: at('2026-03-05T14:00:00+08:00'),
    };
    const first = await award(handle.db, input);
    const second = await award(handle.db, input);
    assert.equal(first.created, true);
    assert.equal(second.created, false);
    assert.equal(second.entry?.id, first.entry?.id);
    assert.equal(await totalOf(f.memberA1), 61);
  });

  test('racing awards for one source pay exactly once', async () => {
    const input = {
      memberId: f.memberA1,
      ruleCode: 'attend_meeting',
      sourceType: 'activity' as const,
      sourceId: 99,
      occurredAt: at('2026-04-01T09:00:00+08:00'),
    };
    const results = await Promise.all(Array.from({ length: 8 }, () => award(handle.db, input)));
    assert.equal(results.filter((r) => r.created).length, 1);
    const rows = await handle.db.selectFrom('points_ledger').select('id').where('member_id', '=', f.memberA1).execute();
    assert.equal(rows.length, 1);
    assert.equal(await totalOf(f.memberA1), 61);
  });

  test('a yearly cap clamps automatic awards and records what was cut', async () => {
    // 主题党日 pays 1 each, at most 12 a year: the 13th and 14th pay nothing.
    for (let month = 1; month <= 14; month++) {
      const day = month <= 12 ? `2026-${String(month).padStart(2, '0')}-10` : `2026-12-${month + 5}`;
      await award(handle.db, {
        memberId: f.memberA2,
        ruleCode: 'attend_theme_day',
        sourceType: 'activity',
        sourceId: month,
        occurredAt: at(`${day}T15:00:00+08:00`),
      });
    }
    assert.equal(await totalOf(f.memberA2), 72);
    const capped = await handle.db
      .selectFrom('points_ledger')
      .selectAll()
      .where('member_id', '=', f.memberA2)
      .where('delta', '=', 0)
      .execute();
    assert.equal(capped.length, 2);
    assert.deepEqual(
      capped.map((c) => c.capped_from),
      [1, 1],
    );
  });

  test('racing awards from different sources never exceed the cap', async () => {
    // Volunteer service: 2 a month. Five approvals of 1 hour in one month race each other.
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        award(handle.db, {
          memberId: f.retiredA3,
          ruleCode: 'volunteer_hour',
          sourceType: 'volunteer_record',
          sourceId: n,
          units: 1.5,
          occurredAt: at(`2026-05-0${n}T12:00:00+08:00`),
        }),
      ),
    );
    assert.equal(await totalOf(f.retiredA3), 62);
  });

  test('months and years are China time: 00:00-08:00 already belongs to the next month and year', async () => {
    // Each instant below is still the previous day, month or year in UTC.
    const practice = async (iso: string) =>
      (
        await award(handle.db, {
          memberId: f.memberA1,
          ruleCode: 'daily_practice',
          sourceType: 'daily_practice',
          sourceId: iso,
          occurredAt: at(iso),
        })
      ).entry!;
    const paid = [];
    for (const iso of [
      '2026-03-31T23:30:00+08:00',
      '2026-04-01T00:30:00+08:00', // 2026-03-31 16:30 UTC
      '2026-04-30T12:00:00+08:00',
      '2026-05-01T07:59:00+08:00', // 2026-04-30 23:59 UTC
    ]) {
      paid.push((await practice(iso)).delta);
    }
    assert.deepEqual(paid, [1, 1, 0, 1], 'one a month, months counted in China time');
    const newYear = await practice('2027-01-01T06:00:00+08:00'); // 2026-12-31 22:00 UTC
    assert.equal(newYear.year, 2027);
    assert.equal(await totalOf(f.memberA1, 2027), 61);
    const ranks = await handle.db
      .selectFrom('rank_member_totals')
      .select('period')
      .where('member_id', '=', f.memberA1)
      .where('period', 'in', ['y2027', 'm2027-01'])
      .execute();
    assert.equal(ranks.length, 2, 'the rank periods are China time too');
  });

  test('caps count per period: a new month has room again', async () => {
    await award(handle.db, {
      memberId: f.memberB1,
      ruleCode: 'volunteer_hour',
      sourceType: 'volunteer_record',
      sourceId: 1,
      units: 3,
      occurredAt: at('2026-06-30T12:00:00+08:00'),
    });
    await award(handle.db, {
      memberId: f.memberB1,
      ruleCode: 'volunteer_hour',
      sourceType: 'volunteer_record',
      sourceId: 2,
      units: 3,
      occurredAt: at('2026-07-01T12:00:00+08:00'),
    });
    assert.equal(await totalOf(f.memberB1), 64);
  });

  test('manual awards are checked against the rule limits and refuse past the cap', async () => {
    const manual = (delta: number, id: string) =>
      award(handle.db, {
        memberId: f.memberA1,
        ruleCode: delta > 0 ? 'award' : 'deduction',
        sourceType: 'manual',
        sourceId: id,
        delta,
        occurredAt: at('2026-08-01T10:00:00+08:00'),
        onCap: 'reject',
        reason: '测试',
      });
    await assert.rejects(manual(6, 'm1'), (e: AppError) => e.code === 'POINTS_OUT_OF_RANGE' && e.statusCode === 400);
    await assert.rejects(manual(-11, 'm2'), (e: AppError) => e.code === 'POINTS_OUT_OF_RANGE');
    await manual(5, 'm3');
    await manual(4, 'm4');
    await assert.rejects(
      manual(2, 'm5'),
      (e: AppError) => e.code === 'POINTS_CAP_REACHED' && e.statusCode === 409 && e.message.includes('1 分'),
    );
    await manual(-3, 'm6');
    assert.equal(await totalOf(f.memberA1), 66);
    const entries = await handle.db
      .selectFrom('points_ledger')
      .select('id')
      .where('member_id', '=', f.memberA1)
      .execute();
    assert.equal(entries.length, 3, 'refused awards write nothing');
  });

  test('a reversal is a new entry, restores the total, frees the cap and cannot repeat', async () => {
    const first = await award(handle.db, {
      memberId: f.memberA2,
      ruleCode: 'daily_practice',
      sourceType: 'daily_practice',
      sourceId: '2026-09-01',
      occurredAt: at('2026-09-01T08:00:00+08:00'),
    });
    const blocked = await award(handle.db, {
      memberId: f.memberA2,
      ruleCode: 'daily_practice',
      sourceType: 'daily_practice',
      sourceId: '2026-09-02',
      occurredAt: at('2026-09-02T08:00:00+08:00'),
    });
    assert.equal(blocked.entry?.delta, 0, 'daily practice pays once a month');
    const reversal = await reverse(handle.db, first.entry!.id, { actorId: f.secretaryA, reason: '误记' });
    assert.equal(reversal.delta, -1);
    assert.equal(reversal.reverses_entry_id, first.entry!.id);
    const original = await handle.db
      .selectFrom('points_ledger')
      .selectAll()
      .where('id', '=', first.entry!.id)
      .executeTakeFirstOrThrow();
    assert.equal(original.delta, 1, 'the original entry is never edited');
    assert.equal(await totalOf(f.memberA2), 60);
    const again = await award(handle.db, {
      memberId: f.memberA2,
      ruleCode: 'daily_practice',
      sourceType: 'daily_practice',
      sourceId: '2026-09-03',
      occurredAt: at('2026-09-03T08:00:00+08:00'),
    });
    assert.equal(again.entry?.delta, 1, 'the reversal freed the month');
    await assert.rejects(
      reverse(handle.db, first.entry!.id, { actorId: f.secretaryA, reason: '再次' }),
      (e: AppError) => e.code === 'ALREADY_REVERSED',
    );
    await assert.rejects(
      reverse(handle.db, reversal.id, { actorId: f.secretaryA, reason: '再次' }),
      (e: AppError) => e.code === 'CANNOT_REVERSE_REVERSAL',
    );
  });

  test('yearly totals equal the sum of the ledger', async () => {
    const rows = await handle.db.selectFrom('points_ledger').select(['member_id', 'year', 'delta']).execute();
    const sums = new Map<string, number>();
    for (const r of rows) sums.set(`${r.member_id}:${r.year}`, (sums.get(`${r.member_id}:${r.year}`) ?? 0) + r.delta);
    const totals = await handle.db.selectFrom('points_totals').select(['member_id', 'year', 'earned']).execute();
    for (const t of totals) assert.equal(t.earned, sums.get(`${t.member_id}:${t.year}`) ?? 0);
  });
});

describe('star levels', () => {
  test('follow the default thresholds', () => {
    const level = (n: number) => starLevelOf(n, defaultRules);
    assert.deepEqual(level(59), { stars: 0, label: '不合格', nextAt: 1 });
    assert.deepEqual(level(60), { stars: 1, label: '★', nextAt: 10 });
    assert.deepEqual(level(78), { stars: 2, label: '★★', nextAt: 2 });
    assert.deepEqual(level(96), { stars: 5, label: '★★★★★', nextAt: null });
  });
});
