import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDemoOrg, type DemoActivity, type DemoOrg, type DemoPerson } from './demo-data.js';

const NOW = new Date('2026-11-22T10:00:00+08:00');
const NOW_MS = NOW.getTime();
const org = buildDemoOrg(NOW);

const ISO_CST = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
const YMD = /^\d{4}-\d{2}-\d{2}$/;
/** The CST calendar day of an instant. */
const cstDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
const TODAY = cstDay(NOW_MS);

const branchMembers = (o: DemoOrg, key: string | null) =>
  o.people.filter((p) => p.branchKey !== null && (key === null || p.branchKey === key));
/** Everyone a closed activity invited: committee meetings name their three 支委, the rest the audience. */
function expectedInvited(o: DemoOrg, a: DemoActivity): string[] {
  const day = a.startsAt.slice(0, 10);
  return branchMembers(o, a.branchKey)
    .filter((p) => p.joinedPartyOn < day)
    .map((p) => p.key)
    .sort();
}

test('the same now and seed give the same organisation; another seed gives another', () => {
  assert.deepEqual(buildDemoOrg(new Date(NOW_MS)), org);
  assert.deepEqual(buildDemoOrg(new Date(NOW_MS), 7), buildDemoOrg(new Date(NOW_MS), 7));
  assert.notDeepEqual(buildDemoOrg(new Date(NOW_MS), 7), org);
});

test('works for other dates (history always ends at now)', () => {
  for (const iso of ['2026-01-02T08:00:00+08:00', '2026-06-30T23:30:00+08:00', '2027-03-15T12:00:00+08:00']) {
    const now = new Date(iso);
    const o = buildDemoOrg(now);
    assert.equal(o.people.length, 60);
    for (const a of o.activities) {
      if (a.status === 'scheduled') assert.ok(Date.parse(a.startsAt) > now.getTime(), `${a.key} scheduled in the past`);
      else assert.ok(Date.parse(a.endsAt) <= now.getTime(), `${a.key} ${a.status} in the future`);
    }
    assert.ok(o.quizzes.length >= 4 && o.quizzes.length <= 6, `${iso}: ${o.quizzes.length} quizzes`);
    for (const v of o.volunteerRecords) assert.ok(Date.parse(v.submittedAt) <= now.getTime());
  }
});

test('has the structure DESIGN.md describes', () => {
  assert.equal(org.orgName, '示例市机关党委');
  assert.deepEqual(
    org.branches.map((b) => [b.key, b.name]),
    [
      ['b1', '机关第一党支部'],
      ['b2', '机关第二党支部'],
      ['b3', '机关第三党支部'],
      ['retired', '退休干部党支部'],
    ],
  );
  assert.equal(org.people.length, 60);
  const sizes = Object.fromEntries(org.branches.map((b) => [b.key, branchMembers(org, b.key).length]));
  assert.deepEqual(sizes, { b1: 12, b2: 12, b3: 15, retired: 20 });

  const admins = org.people.filter((p) => p.roles.includes('org_admin'));
  assert.equal(admins.length, 1);
  assert.deepEqual(admins[0]?.roles, ['org_admin']);
  assert.equal(admins[0]?.branchKey, null);
  assert.equal(org.people.filter((p) => p.branchKey === null).length, 1);

  for (const b of org.branches) {
    const members = branchMembers(org, b.key);
    assert.ok(members.every((p) => p.roles.includes('member')));
    const secretaries = members.filter((p) => p.roles.includes('secretary'));
    assert.equal(secretaries.length, 1, `${b.name} has one secretary`);
    assert.equal(secretaries[0]?.title, `${b.name} 书记`);
    assert.ok(members.every((p) => p.title.startsWith(`${b.name} `)));
  }
  assert.equal(org.people.filter((p) => p.roles.includes('secretary')).length, 4);
});

test('people are plausible and unique', () => {
  const names = org.people.map((p) => p.name);
  assert.equal(new Set(names).size, names.length, 'names are unique');
  assert.ok(names.every((n) => /^[\u4e00-\u9fa5]{2,3}$/.test(n)));
  const surnames = new Set(names.map((n) => n[0]));
  assert.ok(surnames.size >= 30, `varied surnames (${surnames.size})`);
  const phones = org.people.map((p) => p.phone);
  assert.equal(new Set(phones).size, phones.length);
  assert.ok(phones.every((p) => /^1[3-9]\d{9}$/.test(p)));
  assert.equal(new Set(org.people.map((p) => p.key)).size, 60);

  const year = (p: DemoPerson) => Number(p.joinedPartyOn.slice(0, 4));
  for (const p of org.people) {
    assert.match(p.joinedPartyOn, YMD);
    assert.ok(p.joinedPartyOn <= TODAY);
    assert.ok(p.engagement >= 0 && p.engagement <= 1);
  }
  const retired = branchMembers(org, 'retired');
  assert.ok(retired.every((p) => p.employment === 'retired' && year(p) >= 1970 && year(p) <= 1999));
  assert.ok(org.people.filter((p) => p.branchKey !== 'retired').every((p) => p.employment === 'in_service'));
  assert.ok(retired.filter((p) => p.engagement < 0.4).length >= 4, 'several retired members are hard to reach');

  const probationary = org.people.filter((p) => p.politicalStatus === 'probationary');
  assert.ok(probationary.length >= 1 && probationary.length <= 3);
  const yearAgo = cstDay(NOW_MS - 365 * 24 * 3600_000);
  for (const p of probationary) {
    assert.notEqual(p.branchKey, 'retired');
    assert.ok(p.joinedPartyOn > yearAgo, `${p.key} joined within the last 12 months`);
    // Accepted at a 支部党员大会 of the own branch on that day.
    assert.ok(
      org.activities.some(
        (a) => a.branchKey === p.branchKey && a.type === 'general_meeting' && a.startsAt.startsWith(p.joinedPartyOn),
      ),
    );
  }
  const inService = org.people.filter((p) => p.employment === 'in_service' && p.branchKey);
  assert.ok(inService.filter((p) => p.engagement >= 0.6).length >= inService.length * 0.7);
  assert.ok(inService.some((p) => p.engagement <= 0.4));
});

test('activities follow the branch calendar', () => {
  const keys = org.activities.map((a) => a.key);
  assert.equal(new Set(keys).size, keys.length);
  // History starts on the first day of the month 11 months before now.
  const start = '2025-12-01';
  for (const a of org.activities) {
    assert.match(a.startsAt, ISO_CST);
    assert.match(a.endsAt, ISO_CST);
    assert.ok(Date.parse(a.endsAt) > Date.parse(a.startsAt));
    assert.ok(a.startsAt.slice(0, 10) >= start, `${a.key} starts before the history`);
    assert.ok(a.title && a.topic && a.place);
    const day = new Date(Date.parse(a.startsAt) + 8 * 3600_000).getUTCDay();
    assert.ok(day >= 1 && day <= 5, `${a.key} on a weekday`);
    const hour = Number(a.startsAt.slice(11, 13));
    if (a.branchKey === 'retired') assert.ok(hour < 12, `${a.key} in the morning`);
    else if (a.branchKey) assert.ok(hour >= 12, `${a.key} in the afternoon`);
  }
  for (const b of org.branches) {
    const closed = org.activities.filter((a) => a.branchKey === b.key && a.status === 'closed');
    const months = (type: string) => new Set(closed.filter((a) => a.type === type).map((a) => a.startsAt.slice(0, 7)));
    assert.ok(months('theme_day').size >= 11, `${b.key}: a 主题党日 every month`);
    assert.equal(months('theme_day').size, closed.filter((a) => a.type === 'theme_day').length, 'one per month');
    assert.ok(months('committee_meeting').size >= 11, `${b.key}: a 支委会 every month`);
    assert.ok(months('group_meeting').size >= 8, `${b.key}: a 党小组会 most months`);
    assert.ok(months('general_meeting').size >= 3, `${b.key}: a 党员大会 each quarter`);
    assert.ok(months('party_lecture').size >= 3, `${b.key}: a 党课 each quarter`);
  }
  const orgWide = org.activities.filter((a) => a.branchKey === null && a.status === 'closed');
  assert.ok(orgWide.length >= 1 && orgWide.length <= 3);

  const scheduled = org.activities.filter((a) => a.status === 'scheduled');
  assert.ok(scheduled.length >= 2 && scheduled.length <= 3);
  for (const a of scheduled) {
    const t = Date.parse(a.startsAt);
    assert.ok(t > NOW_MS && t <= NOW_MS + 14 * 24 * 3600_000, `${a.key} within the next two weeks`);
    assert.notEqual(a.type, 'committee_meeting');
  }
  const cancelled = org.activities.filter((a) => a.status === 'cancelled');
  assert.equal(cancelled.length, 1);
  assert.ok(Date.parse(cancelled[0]!.startsAt) < NOW_MS);
});

test('attendance rows cover exactly the invited set of closed activities, and none of the others', () => {
  const committees = new Map<string, string>();
  for (const a of org.activities) {
    if (a.status !== 'closed') {
      assert.deepEqual(a.attendance, [], `${a.key} has no attendance`);
      assert.equal(a.record, null);
      continue;
    }
    assert.ok(a.record && a.record.length > 20, `${a.key} has a meeting record`);
    const got = a.attendance.map((r) => r.personKey).sort();
    assert.equal(new Set(got).size, got.length, `${a.key}: one row per person`);
    if (a.type === 'committee_meeting') {
      assert.equal(got.length, 3);
      const secretary = org.people.find((p) => p.branchKey === a.branchKey && p.roles.includes('secretary'))!;
      assert.ok(got.includes(secretary.key));
      assert.ok(got.every((k) => org.people.find((p) => p.key === k)?.branchKey === a.branchKey));
      const fixed = committees.get(a.branchKey!) ?? got.join(',');
      assert.equal(got.join(','), fixed, `${a.branchKey}: the same 支委 every month`);
      committees.set(a.branchKey!, fixed);
    } else {
      assert.deepEqual(got, expectedInvited(org, a), `${a.key}: rows for every invited member`);
    }
  }
  assert.equal(committees.size, 4);
});

test('attendance rows are consistent and never after now', () => {
  const byKey = new Map(org.people.map((p) => [p.key, p]));
  let roster = 0;
  for (const a of org.activities) {
    const starts = Date.parse(a.startsAt);
    for (const r of a.attendance) {
      if (r.status === 'present' || r.status === 'late') {
        assert.ok(r.method, `${a.key}/${r.personKey} has a method`);
        assert.match(r.checkedInAt!, ISO_CST);
        const t = Date.parse(r.checkedInAt!);
        assert.ok(t <= NOW_MS && t <= Date.parse(a.endsAt));
        assert.ok(t >= starts - 30 * 60_000, 'not before the check-in window opens');
        if (r.status === 'late') assert.ok(t > starts + 10 * 60_000, `${a.key}/${r.personKey} late after +10 min`);
        else assert.ok(t < starts + 10 * 60_000, `${a.key}/${r.personKey} present before +10 min`);
      } else {
        assert.equal(r.method, null);
        assert.equal(r.checkedInAt, null);
      }
      if (r.status === 'leave') assert.ok(r.note, 'leave has a reason');
      if (r.method === 'roster') {
        roster++;
        assert.ok(r.note, 'a roster mark has a note');
      }
      assert.ok(byKey.has(r.personKey));
    }
  }
  assert.ok(roster > 0);
  // The retired branch relies more on the roster than the branches in service.
  const share = (key: string) => {
    const rows = org.activities
      .filter((a) => a.branchKey === key)
      .flatMap((a) => a.attendance)
      .filter((r) => r.method);
    return rows.filter((r) => r.method === 'roster').length / rows.length;
  };
  assert.ok(share('retired') > share('b1'));
});

test('questions are well formed', () => {
  assert.ok(org.questions.length >= 150, `${org.questions.length} questions`);
  const stems = new Set<string>();
  for (const q of org.questions) {
    assert.ok(q.options.length >= 2 && q.options.length <= 8, q.stem);
    assert.equal(new Set(q.options).size, q.options.length, `${q.stem}: distinct options`);
    assert.ok(
      q.answer.every((i) => Number.isInteger(i) && i >= 0 && i < q.options.length),
      q.stem,
    );
    assert.equal(new Set(q.answer).size, q.answer.length);
    if (q.kind === 'single') assert.equal(q.answer.length, 1, q.stem);
    if (q.kind === 'judge') {
      assert.equal(q.answer.length, 1, q.stem);
      assert.deepEqual(q.options, ['正确', '错误']);
    }
    if (q.kind === 'multiple') assert.ok(q.answer.length >= 2 && q.answer.length < q.options.length, q.stem);
    assert.ok(q.explanation.trim().length > 0 && q.source.trim().length > 0, q.stem);
    assert.ok(q.tags.length > 0);
    assert.ok([1, 2, 3].includes(q.difficulty));
    // Every regulation question cites where it comes from.
    if (q.source.startsWith('《')) assert.ok(q.explanation.includes(q.source), `${q.stem}: cites ${q.source}`);
    assert.ok(!stems.has(q.stem));
    stems.add(q.stem);
  }
  for (const kind of ['single', 'multiple', 'judge']) assert.ok(org.questions.some((q) => q.kind === kind));
});

test('quizzes: org-wide exams, attempts only by the audience and at most one each', () => {
  assert.ok(org.quizzes.length >= 4 && org.quizzes.length <= 6);
  const keys = new Set<string>();
  for (const quiz of org.quizzes) {
    assert.ok(!keys.has(quiz.key));
    keys.add(quiz.key);
    assert.equal(quiz.kind, 'exam');
    assert.equal(quiz.branchKey, null);
    assert.equal(quiz.questionIndexes.length, 10);
    assert.equal(new Set(quiz.questionIndexes).size, 10);
    assert.ok(quiz.questionIndexes.every((i) => i >= 0 && i < org.questions.length));
    assert.equal(quiz.passMark, 60);
    assert.ok(quiz.timeLimitMinutes >= 20 && quiz.timeLimitMinutes <= 30);
    const opens = Date.parse(quiz.opensAt);
    const closes = Date.parse(quiz.closesAt);
    assert.ok(opens < closes && opens <= NOW_MS);
    const audience = new Set(branchMembers(org, quiz.branchKey).map((p) => p.key));
    const who = quiz.attempts.map((a) => a.personKey);
    assert.equal(new Set(who).size, who.length, `${quiz.title}: one attempt each`);
    for (const a of quiz.attempts) {
      assert.ok(audience.has(a.personKey), `${a.personKey} is in the audience`);
      assert.ok(Number.isInteger(a.score) && a.score >= 0 && a.score <= 100 && a.score % 10 === 0);
      assert.equal(a.passed, a.score >= quiz.passMark);
      const s = Date.parse(a.startedAt);
      const t = Date.parse(a.submittedAt);
      assert.ok(s >= opens && t > s && t <= closes && t <= NOW_MS);
      assert.ok(t - s <= quiz.timeLimitMinutes * 60_000, 'within the time limit');
    }
    assert.ok(quiz.attempts.length > 0);
  }
  assert.ok(
    org.quizzes.some((q) => Date.parse(q.closesAt) > NOW_MS),
    'one exam is open now',
  );
});

test('volunteer records: never in the future, half hours up to 8, reviewed by the secretary', () => {
  const records = org.volunteerRecords;
  assert.ok(records.length > 100);
  const statuses = new Set(records.map((r) => r.status));
  assert.deepEqual([...statuses].sort(), ['approved', 'pending', 'rejected']);
  const rejected = records.filter((r) => r.status === 'rejected');
  assert.ok(rejected.length >= 1 && rejected.length <= 3);
  for (const r of records) {
    assert.match(r.date, YMD);
    assert.ok(r.date <= TODAY, `${r.personKey} ${r.date} is not in the future`);
    assert.ok(r.hours >= 0.5 && r.hours <= 8 && Number.isInteger(r.hours * 2), `${r.hours} hours`);
    assert.ok(Date.parse(r.submittedAt) <= NOW_MS);
    assert.ok(r.submittedAt.slice(0, 10) >= r.date, 'submitted after the service');
    const person = org.people.find((p) => p.key === r.personKey)!;
    assert.ok(person.branchKey, 'a branch member');
    assert.ok(r.date > person.joinedPartyOn);
    if (r.status === 'pending') {
      assert.equal(r.decidedAt, null);
      assert.equal(r.reviewerKey, null);
    } else {
      assert.ok(Date.parse(r.decidedAt!) <= NOW_MS && Date.parse(r.decidedAt!) > Date.parse(r.submittedAt));
      const secretary = org.people.find((p) => p.branchKey === person.branchKey && p.roles.includes('secretary'))!;
      const expected = person.key === secretary.key ? 'admin' : secretary.key;
      assert.equal(r.reviewerKey, expected);
    }
    if (r.status === 'rejected') assert.ok(r.rejectReason);
    else assert.equal(r.rejectReason, null);
  }
  // No one serves more than 12 hours in a day (DESIGN.md), counting what was not rejected.
  const perDay = new Map<string, number>();
  for (const r of records.filter((x) => x.status !== 'rejected')) {
    const k = `${r.personKey}:${r.date}`;
    perDay.set(k, (perDay.get(k) ?? 0) + r.hours);
  }
  assert.ok([...perDay.values()].every((h) => h <= 12));
});

test('awards and deductions stay within the rules', () => {
  assert.ok(org.awards.length >= 8);
  const deductions = org.awards.filter((a) => a.delta < 0);
  assert.ok(deductions.length >= 1 && deductions.length <= 3);
  const yearly = new Map<string, number>();
  for (const a of org.awards) {
    assert.ok(Number.isInteger(a.delta) && a.delta !== 0);
    assert.ok(a.delta > 0 ? a.delta <= 5 : a.delta >= -3, `${a.delta}`);
    assert.ok(a.reason.length > 4);
    assert.ok(Date.parse(a.at) <= NOW_MS);
    const person = org.people.find((p) => p.key === a.personKey)!;
    const actor = org.people.find((p) => p.key === a.actorKey)!;
    assert.ok(
      (actor.roles.includes('secretary') && actor.branchKey === person.branchKey && actor.key !== person.key) ||
        actor.roles.includes('org_admin'),
      `${a.actorKey} may award ${a.personKey}`,
    );
    if (a.delta > 0) {
      const key = `${a.personKey}:${a.at.slice(0, 4)}`;
      yearly.set(key, (yearly.get(key) ?? 0) + a.delta);
    }
  }
  assert.ok(
    [...yearly.values()].every((v) => v <= 10),
    'award cap of 10 a year',
  );
  for (const b of org.branches) assert.ok(org.awards.some((a) => a.personKey.startsWith(`${b.key}-`)));
});
