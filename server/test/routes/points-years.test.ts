// Year close (结算) and what it guarantees: an early close needs a confirmed override; after
// the close nothing is dated in the year on any path; corrections after 公示 are booked in the
// open year, name the corrected entry, and are listed beside the unchanged publication.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { buildOrgFixture, type OrgFixture } from '../../../mocks/fixtures.js';
import { award } from '../../src/points/service.js';
import { yearOf } from '../../src/lib/time.js';
import { addBank, type FixtureQuestion } from './quiz-fixture.js';
import { caller, checkInWithCode, examNow, startAttempt, themeDayNow } from './flows.js';

describe('year close, the closed year and corrections after 公示', () => {
  let t: TestApp;
  let f: OrgFixture;
  let bank: FixtureQuestion[];
  const call = caller(
    () => t.app,
    () => t.handle.db,
  );
  const thisYear = yearOf(Date.now());
  const lastYear = thisYear - 1;
  const midLastYear = Date.parse(`${lastYear}-06-15T10:00:00+08:00`);
  const years = () => `/api/orgs/${f.orgId}/points/years`;
  const ledgerCount = async () => (await snapshotCounts(t.handle)).points_ledger;
  let awardLastYear: number;
  let practiceLastYear: number;

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
    bank = await addBank(t.handle.db, f.orgId);
  });
  after(async () => t.close());

  test('a year that has ended closes with an empty POST; the current year only with an override confirmed by its number', async () => {
    const manual = await award(t.handle.db, {
      memberId: f.memberA1,
      ruleCode: 'award',
      sourceType: 'manual',
      sourceId: 'last-year-1',
      occurredAt: midLastYear,
      delta: 3,
      reason: '先锋岗',
      actorId: f.secretaryA,
    });
    awardLastYear = manual.entry!.id;
    practiceLastYear = (
      await award(t.handle.db, {
        memberId: f.memberA1,
        ruleCode: 'daily_practice',
        sourceType: 'daily_practice',
        sourceId: 'last-year-p',
        occurredAt: midLastYear,
      })
    ).entry!.id;

    // The years page offers 结算 on an ended year only when it has something to close.
    const listed = (await call('GET', years(), f.admin)).json().years as Array<{ year: number; hasEntries: boolean }>;
    assert.equal(listed.find((y) => y.year === lastYear)?.hasEntries, true);
    const otherOrg = (await call('GET', `/api/orgs/${f.other.orgId}/points/years`, f.other.admin)).json()
      .years as Array<{
      year: number;
      hasEntries: boolean;
    }>;
    assert.equal(otherOrg.find((y) => y.year === lastYear)?.hasEntries, false);

    const before = await snapshotCounts(t.handle);
    for (const body of [
      undefined,
      {},
      { early: true },
      { confirmYear: thisYear },
      { early: true, confirmYear: lastYear },
    ]) {
      const res = await call('POST', `${years()}/${thisYear}/close`, f.admin, body);
      assert.equal(res.statusCode, 409, JSON.stringify(body));
      assert.equal(res.json().code, 'YEAR_NOT_ENDED');
      assert.match(res.json().message, /尚未结束.*不再计分/);
    }
    assert.deepEqual(await snapshotCounts(t.handle), before, 'a refused close changes nothing');

    const closed = await call('POST', `${years()}/${lastYear}/close`, f.admin);
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal((await call('POST', `${years()}/${lastYear}/publish`, f.admin)).statusCode, 200);
    const pub = (await call('GET', '/api/me/points/publications', f.memberA1)).json().items[0];
    assert.equal(pub.year, lastYear);
    assert.equal(pub.summary.total, 64);
    assert.deepEqual(pub.corrections, []);
  });

  test('after 公示 a correction is booked in the open year, names the entry, and the publication lists it', async () => {
    // A manual award dated in the closed year is refused by the points core.
    await assert.rejects(
      award(t.handle.db, {
        memberId: f.memberA1,
        ruleCode: 'award',
        sourceType: 'manual',
        sourceId: 'last-year-late',
        occurredAt: midLastYear,
        delta: 1,
        reason: '补录',
        actorId: f.secretaryA,
      }),
      (e: { code?: string }) => e.code === 'YEAR_CLOSED',
    );
    // An automatic source keeps the fact and pays nothing, saying why.
    const automatic = await award(t.handle.db, {
      memberId: f.memberA1,
      ruleCode: 'daily_practice',
      sourceType: 'daily_practice',
      sourceId: 'last-year-late-p',
      occurredAt: midLastYear,
    });
    assert.deepEqual(automatic, { entry: null, created: false, yearClosed: true });

    const reversed = await call('POST', `/api/points/entries/${awardLastYear}/reverse`, f.secretaryA, {
      reason: '表彰名单有误',
    });
    assert.equal(reversed.statusCode, 200, reversed.body);
    const reversal = reversed.json();
    assert.equal(reversal.year, thisYear, 'booked in the open year');
    assert.equal(reversal.delta, -3);
    assert.equal(reversal.reversesEntryId, awardLastYear);
    assert.equal(reversal.correctsEntryId, awardLastYear);

    const objection = await call('POST', `/api/points/entries/${practiceLastYear}/objections`, f.memberA1, {
      reason: '那天做了两次练习',
    });
    assert.equal(objection.statusCode, 200, objection.body);
    const resolved = await call('POST', `/api/objections/${objection.json().id}/resolve`, f.secretaryA, {
      outcome: 'adjust',
      delta: 2,
      note: '核实后补加',
    });
    assert.equal(resolved.statusCode, 200, resolved.body);
    const adjustment = resolved.json().resolutionEntry;
    assert.equal(adjustment.year, thisYear);
    assert.equal(adjustment.correctsEntryId, practiceLastYear);

    const pub = (await call('GET', '/api/me/points/publications', f.memberA1)).json().items[0];
    assert.equal(pub.summary.total, 64, 'the published result is what was published');
    assert.deepEqual(
      pub.corrections.map((c: { delta: number; correctsEntryId: number; year: number }) => [
        c.delta,
        c.correctsEntryId,
        c.year,
      ]),
      [
        [-3, awardLastYear, thisYear],
        [2, practiceLastYear, thisYear],
      ],
    );
    const mine = (await call('GET', '/api/me/points', f.memberA1)).json().summary;
    assert.equal(mine.year, thisYear);
    assert.equal(mine.earned, -1, 'the corrections count in the open year');
    const closedYear = (await call('GET', `/api/members/${f.memberA1}/points?year=${lastYear}`, f.memberA1)).json()
      .summary;
    assert.equal(closedYear.total, 64);
  });

  test('after an early close, check-in and quiz are recorded without points; a manual award is refused', async () => {
    const activityId = await themeDayNow(call, f.branchA, f.secretaryA);
    const quizId = await examNow(call, bank, f.branchA, f.secretaryA);
    const attempt = await startAttempt(call, bank, quizId, f.memberA2);

    const closed = await call('POST', `${years()}/${thisYear}/close`, f.admin, { early: true, confirmYear: thisYear });
    assert.equal(closed.statusCode, 200, closed.body);
    const entries = await ledgerCount();

    const checkIn = await checkInWithCode(call, activityId, f.secretaryA, f.memberA1);
    assert.equal(checkIn.created, true);
    assert.equal(checkIn.attendance.status, 'present');
    assert.equal(checkIn.pointsAwarded, 0);
    assert.match(checkIn.pointsNote, /已结算.*签到已记录/);
    const roster = await t.handle.db
      .selectFrom('attendance')
      .select('status')
      .where('activity_id', '=', activityId)
      .where('member_id', '=', f.memberA1)
      .executeTakeFirstOrThrow();
    assert.equal(roster.status, 'present', 'attendance still counts');

    const result = await attempt.submit();
    assert.equal(result.passed, true);
    assert.equal(result.score, 100);
    assert.equal(result.pointsEarned, 0);

    const manual = await call('POST', `/api/members/${f.memberA2}/points/entries`, f.secretaryA, {
      delta: 2,
      reason: '结算后补录',
    });
    assert.equal(manual.statusCode, 409);
    assert.equal(manual.json().code, 'YEAR_CLOSED');
    const reverse = await call('POST', `/api/points/entries/${awardLastYear}/reverse`, f.secretaryA, {
      reason: '再冲正',
    });
    assert.equal(reverse.statusCode, 409, 'already reversed');
    assert.equal(await ledgerCount(), entries, 'no entry was dated in the closed year');
  });
});
