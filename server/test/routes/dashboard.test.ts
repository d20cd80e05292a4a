import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { bearer } from '../../../mocks/fixtures.js';
import { buildHistory, type History } from '../dashboard/history.js';
import {
  attendanceTotals,
  heldActivities,
  JUNE_2025,
  membersOf,
  pointsTotal,
  quizTotals,
  ratio,
  starsOf,
  volunteerHours,
  Y2025,
} from '../dashboard/expected.js';

describe('dashboard, member table, 需关注, pending work and branch comparison', () => {
  let t: TestApp;
  let h: History;
  const get = async (url: string, as: number) =>
    t.app.inject({ method: 'GET', url, headers: await bearer(t.handle.db, as) });

  before(async () => {
    t = await openTestApp();
    h = await buildHistory(t.handle.db);
  });
  after(async () => t.close());

  test("a secretary reads the own branch's year: attendance, quizzes, volunteering, points, pending", async () => {
    const res = await get(`/api/branches/${h.f.branchA}/dashboard?period=year&date=2025-06-15`, h.f.secretaryA);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(body.scope, { kind: 'branch', id: h.f.branchA, name: '第一党支部' });
    assert.deepEqual(body.period, { kind: 'year', label: '2025年', from: '2025-01-01', to: '2025-12-31', year: 2025 });
    assert.equal(body.members, membersOf(h, 'A').length);
    assert.deepEqual(body.attendance, attendanceTotals(h, 'A', Y2025));
    assert.deepEqual(body.quiz, quizTotals(h, 'A', Y2025));

    const hours = membersOf(h, 'A').reduce((s, m) => s + volunteerHours(h, m, '2025-01-01', '2025-12-31'), 0);
    const volunteers = membersOf(h, 'A').filter((m) => volunteerHours(h, m, '2025-01-01', '2025-12-31') > 0);
    assert.deepEqual(body.volunteer, {
      records: h.volunteer.filter(
        (v) => v.status === 'approved' && h.branchOf[v.member] === 'A' && v.servedOn.startsWith('2025'),
      ).length,
      hours,
      volunteers: volunteers.length,
      hoursPerMember: Math.round((hours / membersOf(h, 'A').length) * 100) / 100,
    });

    // The year is over, so the projection is the final total.
    const totals = membersOf(h, 'A').map((m) => pointsTotal(h, m, 2025));
    assert.equal(body.points.year, 2025);
    assert.equal(body.points.average, Math.round((totals.reduce((a, b) => a + b, 0) / totals.length) * 100) / 100);
    for (const bucket of body.points.stars) {
      const n = totals.filter((x) => starsOf(x) === bucket.stars).length;
      assert.equal(bucket.current, n, `${bucket.label} now`);
      assert.equal(bucket.projected, n, `${bucket.label} projected`);
    }
    assert.deepEqual(body.pending, {
      leave: 0,
      volunteer: h.volunteer.filter((v) => v.status === 'pending' && h.branchOf[v.member] === 'A').length,
      objections: 0,
    });

    // Monthly trend: March and June held activities, every other month none.
    assert.equal(body.trend.length, 12);
    for (const month of body.trend) {
      const m = Number(month.month.slice(5));
      const range = {
        from: Date.parse(`2025-${String(m).padStart(2, '0')}-01T00:00:00+08:00`),
        to: m === 12 ? Y2025.to : Date.parse(`2025-${String(m + 1).padStart(2, '0')}-01T00:00:00+08:00`),
      };
      const expected = attendanceTotals(h, 'A', range);
      assert.deepEqual(
        [month.held, month.invited, month.attended, month.rate],
        [expected.held, expected.invited, expected.present + expected.late, expected.rate],
        month.month,
      );
    }
    // Per activity, newest first; the cancelled one and the other branch's are absent.
    const held = heldActivities(h, 'A', Y2025).sort((a, b) => b.startsAt - a.startsAt);
    assert.deepEqual(
      body.activities.map((a: { title: string; invited: number; rate: number | null }) => [a.title, a.invited, a.rate]),
      held.map((a) => [a.title, a.invited, ratio(a.present + a.late, a.invited)]),
    );
    // Each names the branch that held it (null: the organisation's), so identical titles can be told apart.
    for (const a of body.activities as Array<{ id: number; branch: { id: number; name: string } | null }>) {
      const planted = h.activities.find((x) => x.id === a.id)!;
      assert.deepEqual(a.branch?.id ?? null, planted.branch === 'A' ? h.f.branchA : null);
      if (a.branch) assert.ok(a.branch.name.length > 0);
    }
  });

  test('a month narrows every figure to the month', async () => {
    const body = (
      await get(`/api/branches/${h.f.branchA}/dashboard?period=month&date=2025-06-15`, h.f.secretaryA)
    ).json();
    assert.equal(body.period.label, '2025年6月');
    assert.deepEqual(body.attendance, attendanceTotals(h, 'A', JUNE_2025));
    assert.deepEqual(body.quiz, quizTotals(h, 'A', JUNE_2025));
    const quarter = (
      await get(`/api/branches/${h.f.branchA}/dashboard?period=quarter&date=2025-03-31`, h.f.admin)
    ).json();
    assert.equal(quarter.period.label, '2025年第1季度');
    assert.deepEqual(
      quarter.attendance,
      attendanceTotals(h, 'A', { from: Y2025.from, to: Date.parse('2025-04-01T00:00:00+08:00') }),
    );
  });

  test('the per-member table gives attendance, quizzes passed, hours, points and last participation', async () => {
    const res = await get(`/api/branches/${h.f.branchA}/dashboard/members?date=2025-06-15`, h.f.secretaryA);
    assert.equal(res.statusCode, 200);
    const rows = res.json().members as Array<Record<string, unknown>>;
    const held = heldActivities(h, 'A', Y2025);
    const expected = membersOf(h, 'A').map((m) => {
      const mine = held.filter((a) => a.roll.some(([k]) => k === m));
      const status = (a: (typeof held)[number]) => a.roll.find(([k]) => k === m)![1];
      return {
        memberId: h.idOf[m],
        name: h.nameOf[m],
        attended: mine.filter((a) => ['present', 'late'].includes(status(a) ?? '')).length,
        invited: mine.length,
        quizzesPassed: h.quizzes.filter(
          (q) =>
            q.kind === 'exam' &&
            q.opensAt >= Y2025.from &&
            q.opensAt < Y2025.to &&
            q.attempts.some((a) => a.member === m && a.passed),
        ).length,
        volunteerHours: volunteerHours(h, m, '2025-01-01', '2025-12-31'),
        points: pointsTotal(h, m, 2025),
      };
    });
    assert.deepEqual(
      rows.map(({ lastParticipation: _, ...rest }) => rest),
      expected,
    );
  });

  test('需关注 lists members silent for 60 days with their last date; the active are not listed', async () => {
    const res = await get(`/api/branches/${h.f.branchA}/dashboard/attention`, h.f.secretaryA);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.days, 60);
    const day = (ms: number) => new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10);
    // Last participation of each member, from the inserted rows of every kind.
    const last = (m: string) => {
      const dates = [
        ...h.activities.filter((a) => ['present', 'late'].includes(a.roll[m] ?? '')).map((a) => day(a.startsAt)),
        ...h.quizzes.flatMap((q) => q.attempts.filter((a) => a.member === m).map((a) => day(a.submittedAt))),
        ...h.volunteer.filter((v) => v.member === m && v.status !== 'rejected').map((v) => v.servedOn),
      ].sort();
      return dates.at(-1) ?? null;
    };
    const since = day(Date.now() - 60 * 24 * 3600 * 1000);
    const silent = membersOf(h, 'A')
      .map((m) => ({ name: h.nameOf[m], last: last(m) }))
      .filter((m) => m.last === null || m.last < since)
      .sort((a, b) => (a.last ?? '').localeCompare(b.last ?? ''));
    assert.ok(silent.length >= 2 && silent.length < membersOf(h, 'A').length, 'the history has both kinds');
    assert.deepEqual(
      body.members.map((m: { name: string; lastParticipation: string | null }) => ({
        name: m.name,
        last: m.lastParticipation,
      })),
      silent,
    );
    assert.ok(!body.members.some((m: { name: string }) => m.name === '甲书记'), 'attended 10 days ago');
  });

  test('pending work lists volunteer records waiting for review, oldest first', async () => {
    const res = await get(`/api/branches/${h.f.branchA}/pending`, h.f.secretaryA);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    const waiting = h.volunteer.filter((v) => v.status === 'pending' && h.branchOf[v.member] === 'A');
    assert.equal(body.volunteer.count, waiting.length);
    assert.deepEqual(
      body.volunteer.items.map((i: { memberName: string; detail: string }) => [i.memberName, i.detail]),
      waiting.map((v) => [h.nameOf[v.member], `服务日期 ${v.servedOn}`]),
    );
    assert.deepEqual(body.leave, { count: 0, items: [] }, 'the history has no leave requests');
    assert.deepEqual(body.objections, { count: 0, items: [] }, 'nor objections');
    const b = (await get(`/api/branches/${h.f.branchB}/pending`, h.f.secretaryB)).json();
    assert.equal(b.volunteer.count, 0);
  });

  test('pending work also lists leave asked for an upcoming activity and objections to points, until decided', async () => {
    const send = async (method: 'POST' | 'PUT', url: string, as: number, payload: object) =>
      t.app.inject({ method, url, headers: await bearer(t.handle.db, as), payload });
    const startsAt = Date.now() + 3 * 24 * 60 * 60 * 1000;
    const created = await send('POST', `/api/branches/${h.f.branchA}/activities`, h.f.secretaryA, {
      type: 'party_lecture',
      title: '党课：学习党章',
      topic: '党章第一章',
      place: '三楼会议室',
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 2 * 60 * 60 * 1000).toISOString(),
    });
    assert.equal(created.statusCode, 200, created.body);
    const activityId = created.json().id as number;
    const leave = await send('POST', `/api/activities/${activityId}/leave`, h.f.memberA1, { reason: '出差在外地' });
    assert.equal(leave.statusCode, 200, leave.body);
    const entry = await t.handle.db
      .selectFrom('points_ledger as e')
      .innerJoin('members as m', 'm.id', 'e.member_id')
      .select(['e.id', 'e.member_id', 'm.name'])
      .where('m.branch_id', '=', h.f.branchA)
      .where('e.source_type', '!=', 'reversal')
      .orderBy('e.id')
      .executeTakeFirstOrThrow();
    const objection = await send('POST', `/api/points/entries/${entry.id}/objections`, entry.member_id, {
      reason: '这次活动我请过假',
    });
    assert.equal(objection.statusCode, 200, objection.body);

    const body = (await get(`/api/branches/${h.f.branchA}/pending`, h.f.secretaryA)).json();
    assert.equal(body.leave.count, 1);
    assert.equal(body.leave.items[0].memberName, '张三');
    assert.equal(body.leave.items[0].title, '党课：学习党章');
    assert.equal(body.leave.items[0].activityId, activityId);
    assert.match(body.leave.items[0].detail, /出差在外地/);
    assert.equal(body.objections.count, 1);
    assert.equal(body.objections.items[0].memberName, entry.name);
    assert.match(body.objections.items[0].detail, /这次活动我请过假/);
    const other = (await get(`/api/branches/${h.f.branchB}/pending`, h.f.secretaryB)).json();
    assert.deepEqual([other.leave.count, other.objections.count], [0, 0], 'another branch sees none of it');

    const requestId = (
      await t.handle.db
        .selectFrom('leave_requests')
        .select('id')
        .where('activity_id', '=', activityId)
        .executeTakeFirstOrThrow()
    ).id;
    const decided = await send(
      'POST',
      `/api/activities/${activityId}/leave-requests/${requestId}/decision`,
      h.f.secretaryA,
      { approve: true },
    );
    assert.equal(decided.statusCode, 200, decided.body);
    const after = (await get(`/api/branches/${h.f.branchA}/pending`, h.f.secretaryA)).json();
    assert.equal(after.leave.count, 0, 'a decided request no longer waits');
    assert.equal(after.objections.count, 1);
  });

  test('the org admin reads the whole organisation and the branches side by side', async () => {
    const org = await get(`/api/orgs/${h.f.orgId}/dashboard?date=2025-06-15`, h.f.admin);
    assert.equal(org.statusCode, 200);
    const body = org.json();
    assert.deepEqual(body.scope, { kind: 'org', id: h.f.orgId, name: '测试机关党委' });
    assert.equal(body.members, membersOf(h, null).length);
    assert.deepEqual(body.attendance, attendanceTotals(h, null, Y2025));
    assert.deepEqual(body.quiz, quizTotals(h, null, Y2025));

    const res = await get(`/api/orgs/${h.f.orgId}/branch-comparison?date=2025-06-15`, h.f.admin);
    assert.equal(res.statusCode, 200);
    const expected = (['A', 'B'] as const).map((b) => {
      const members = membersOf(h, b);
      const attendance = attendanceTotals(h, b, Y2025);
      const quiz = quizTotals(h, b, Y2025);
      const hours = members.reduce((s, m) => s + volunteerHours(h, m, '2025-01-01', '2025-12-31'), 0);
      const points = members.reduce((s, m) => s + pointsTotal(h, m, 2025), 0);
      return {
        id: b === 'A' ? h.f.branchA : h.f.branchB,
        name: b === 'A' ? '第一党支部' : '第二党支部',
        members: members.length,
        attendanceRate: attendance.rate,
        quizParticipationRate: quiz.participationRate,
        quizPassRate: quiz.passRate,
        volunteerHoursPerMember: Math.round((hours / members.length) * 100) / 100,
        averagePoints: Math.round((points / members.length) * 100) / 100,
      };
    });
    assert.deepEqual(res.json().branches, expected);
  });

  test('the org admin may read any branch of the own org', async () => {
    const res = await get(`/api/branches/${h.f.branchB}/dashboard?date=2025-06-15`, h.f.admin);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().attendance, attendanceTotals(h, 'B', Y2025));
  });

  test('refusals: members, other branches, other orgs, bad periods; nothing changes', async () => {
    const before = await snapshotCounts(t.handle);
    const branchUrls = ['dashboard', 'dashboard/members', 'dashboard/attention', 'pending', 'ledger.xlsx'].map(
      (p) => `/api/branches/${h.f.branchA}/${p}`,
    );
    for (const url of branchUrls) {
      const member = await get(url, h.f.memberA1);
      assert.equal(member.statusCode, 403, url);
      assert.equal(member.json().code, 'FORBIDDEN_ROLE');
      const otherBranch = await get(url, h.f.secretaryB);
      assert.equal(otherBranch.statusCode, 403, url);
      assert.equal(otherBranch.json().code, 'FORBIDDEN_SCOPE');
      assert.equal((await get(url, h.f.other.admin)).statusCode, 403, url);
      assert.equal((await get(url, h.f.other.secretary)).statusCode, 403, url);
      assert.equal((await t.app.inject({ method: 'GET', url })).statusCode, 401, url);
    }
    for (const url of [`/api/orgs/${h.f.orgId}/dashboard`, `/api/orgs/${h.f.orgId}/branch-comparison`]) {
      assert.equal((await get(url, h.f.secretaryA)).json().code, 'FORBIDDEN_ROLE', url);
      assert.equal((await get(url, h.f.other.admin)).json().code, 'FORBIDDEN_SCOPE', url);
      assert.equal((await get(url.replace(String(h.f.orgId), '999999'), h.f.admin)).statusCode, 404, url);
    }
    assert.equal((await get(`/api/branches/999999/dashboard`, h.f.admin)).statusCode, 404);
    const badPeriod = await get(`/api/branches/${h.f.branchA}/dashboard?period=week`, h.f.secretaryA);
    assert.equal(badPeriod.statusCode, 400);
    const badDate = await get(`/api/branches/${h.f.branchA}/dashboard?date=2025-02-30`, h.f.secretaryA);
    assert.equal(badDate.statusCode, 400);
    assert.equal(badDate.json().code, 'INVALID_DATE');
    assert.match(badDate.json().message, /日期/);
    const extra = await get(`/api/branches/${h.f.branchA}/dashboard?branchId=2`, h.f.secretaryA);
    assert.equal(extra.statusCode, 400);
    assert.deepEqual(await snapshotCounts(t.handle), before);
  });

  test('the sign-in sheet lists the invitees with what is on record, within the reader scope', async () => {
    const march = h.activities.find((a) => a.key === 'march')!;
    const res = await get(`/api/activities/${march.id}/sign-in-sheet`, h.f.secretaryA);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.activity.title, march.title);
    assert.equal(body.activity.branchName, '第一党支部');
    assert.deepEqual(
      body.rows.map((r: { name: string; status: string | null }) => [r.name, r.status]),
      Object.entries(march.roll).map(([k, s]) => [h.nameOf[k], s]),
    );
    assert.equal((await get(`/api/activities/${march.id}/sign-in-sheet`, h.f.secretaryB)).statusCode, 403);
    assert.equal((await get(`/api/activities/${march.id}/sign-in-sheet`, h.f.memberA1)).statusCode, 403);
    assert.equal((await get(`/api/activities/${march.id}/sign-in-sheet`, h.f.other.admin)).statusCode, 403);
    assert.equal((await get(`/api/activities/999999/sign-in-sheet`, h.f.admin)).statusCode, 404);

    // An activity of the whole organisation: the admin sees everyone, a secretary the own branch.
    const orgWide = h.activities.find((a) => a.key === 'orgWide')!;
    const all = (await get(`/api/activities/${orgWide.id}/sign-in-sheet`, h.f.admin)).json();
    assert.equal(all.rows.length, Object.keys(orgWide.roll).length);
    const own = (await get(`/api/activities/${orgWide.id}/sign-in-sheet`, h.f.secretaryB)).json();
    assert.deepEqual(
      own.rows.map((r: { name: string }) => r.name),
      ['乙书记', '赵六'],
    );
    assert.equal((await get(`/api/activities/${orgWide.id}/sign-in-sheet`, h.f.other.secretary)).statusCode, 403);
  });
});
