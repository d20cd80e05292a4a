// A year of branch life (2025) inserted row by row on top of the org fixture, kept as plain
// data so the tests can compute every expected figure from it without the code under test.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/index.js';
import { award } from '../../src/points/service.js';
import { buildOrgFixture, type OrgFixture } from '../../../mocks/fixtures.js';

export const at = (iso: string) => Date.parse(iso);
const DAY = 24 * 60 * 60 * 1000;

export type Status = 'present' | 'late' | 'leave' | 'absent';

export interface ActivitySpec {
  key: string;
  branch: 'A' | 'B' | null;
  type: string;
  title: string;
  topic: string;
  place: string;
  startsAt: number;
  status: 'closed' | 'cancelled' | 'scheduled';
  record: string | null;
  /** member key -> status; a key with `null` was invited but has no attendance row. */
  roll: Record<string, Status | null>;
}

export interface QuizSpec {
  key: string;
  branch: 'A' | 'B' | null;
  title: string;
  kind: 'exam' | 'practice';
  passMark: number;
  opensAt: number;
  closesAt: number;
  attempts: Array<{ member: string; score: number; passed: boolean; submittedAt: number }>;
}

export interface VolunteerSpec {
  member: string;
  servedOn: string;
  hours: number;
  category: string;
  place: string;
  description: string;
  status: 'approved' | 'pending' | 'rejected';
}

export interface AwardSpec {
  member: string;
  delta: number;
  reason: string;
  at: number;
}

export interface History {
  f: OrgFixture;
  /** Member keys of branch A and B, and their ids and names. */
  idOf: Record<string, number>;
  nameOf: Record<string, string>;
  branchOf: Record<string, 'A' | 'B'>;
  activities: Array<ActivitySpec & { id: number }>;
  quizzes: Array<QuizSpec & { id: number }>;
  volunteer: VolunteerSpec[];
  awards: AwardSpec[];
  /** Attendance paid by the points core (theme day and meetings of 2025). */
  now: number;
}

export async function buildHistory(db: Db, now = Date.now()): Promise<History> {
  const f = await buildOrgFixture(db);
  const idOf: Record<string, number> = {
    secA: f.secretaryA,
    a1: f.memberA1,
    a2: f.memberA2,
    a3: f.retiredA3,
    secB: f.secretaryB,
    b1: f.memberB1,
  };
  const nameOf: Record<string, string> = {
    secA: '甲书记',
    a1: '张三',
    a2: '李四',
    a3: '王老五',
    secB: '乙书记',
    b1: '赵六',
  };
  const branchOf: Record<string, 'A' | 'B'> = { secA: 'A', a1: 'A', a2: 'A', a3: 'A', secB: 'B', b1: 'B' };
  const branchId = (b: 'A' | 'B' | null) => (b === 'A' ? f.branchA : b === 'B' ? f.branchB : null);

  const activitySpecs: ActivitySpec[] = [
    {
      key: 'lastYear',
      branch: 'A',
      type: 'theme_day',
      title: '2024年12月主题党日',
      topic: '年终总结',
      place: '一楼会议室',
      startsAt: at('2024-12-20T14:30:00+08:00'),
      status: 'closed',
      record: null,
      roll: { secA: 'present', a1: 'present', a2: 'present', a3: 'present' },
    },
    {
      key: 'march',
      branch: 'A',
      type: 'theme_day',
      title: '3月主题党日：学习雷锋精神',
      topic: '学习雷锋精神，开展志愿服务',
      place: '三楼会议室',
      startsAt: at('2025-03-10T14:30:00+08:00'),
      status: 'closed',
      record: '学习了雷锋同志事迹，甲书记领学，张三、王老五发言。',
      roll: { secA: 'present', a1: 'late', a2: 'leave', a3: 'absent' },
    },
    {
      key: 'lecture',
      branch: 'A',
      type: 'party_lecture',
      title: '书记讲党课',
      topic: '党章学习',
      place: '三楼会议室',
      startsAt: at('2025-06-05T09:00:00+08:00'),
      status: 'closed',
      record: null,
      roll: { secA: 'present', a1: 'present', a2: 'present', a3: null },
    },
    {
      key: 'bOnly',
      branch: 'B',
      type: 'theme_day',
      title: '第二支部主题党日',
      topic: '参观红色教育基地',
      place: '革命纪念馆',
      startsAt: at('2025-06-10T09:00:00+08:00'),
      status: 'closed',
      record: null,
      roll: { secB: 'present', b1: 'absent' },
    },
    {
      key: 'orgWide',
      branch: null,
      type: 'general_meeting',
      title: '全体党员大会',
      topic: '传达上级会议精神',
      place: '大礼堂',
      startsAt: at('2025-06-20T15:00:00+08:00'),
      status: 'closed',
      record: '传达学习了上级会议精神。',
      roll: { secA: 'present', a1: 'absent', a2: 'present', a3: 'present', secB: 'present', b1: 'late' },
    },
    {
      key: 'cancelled',
      branch: 'A',
      type: 'theme_day',
      title: '取消的活动',
      topic: '因故取消',
      place: '三楼会议室',
      startsAt: at('2025-06-25T14:30:00+08:00'),
      status: 'cancelled',
      record: null,
      roll: { secA: null, a1: null, a2: null, a3: null },
    },
    {
      key: 'recent',
      branch: 'A',
      type: 'group_meeting',
      title: '近期党小组会',
      topic: '近期学习',
      place: '三楼会议室',
      startsAt: now - 10 * DAY,
      status: 'closed',
      record: null,
      roll: { secA: 'present', a1: 'absent', a2: 'absent', a3: 'absent' },
    },
  ];

  const activities: History['activities'] = [];
  for (const spec of activitySpecs) {
    const row = await db
      .insertInto('activities')
      .values({
        org_id: f.orgId,
        branch_id: branchId(spec.branch),
        type: spec.type,
        title: spec.title,
        topic: spec.topic,
        place: spec.place,
        lat: null,
        lng: null,
        radius_m: null,
        starts_at: spec.startsAt,
        ends_at: spec.startsAt + 2 * 60 * 60 * 1000,
        checkin_opens_at: spec.startsAt - 30 * 60 * 1000,
        checkin_closes_at: spec.startsAt + 2 * 60 * 60 * 1000,
        late_after: spec.startsAt + 10 * 60 * 1000,
        status: spec.status,
        secret: randomBytes(16).toString('hex'),
        record: spec.record,
        created_by: f.secretaryA,
        created_at: spec.startsAt - 7 * DAY,
        closed_at: spec.status === 'closed' ? spec.startsAt + 2 * 60 * 60 * 1000 : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [member, status] of Object.entries(spec.roll)) {
      await db.insertInto('activity_invitees').values({ activity_id: row.id, member_id: idOf[member]! }).execute();
      if (status === null) continue;
      const attended = status === 'present' || status === 'late';
      await db
        .insertInto('attendance')
        .values({
          activity_id: row.id,
          member_id: idOf[member]!,
          status,
          method: attended ? 'qr' : 'roster',
          checked_in_at: attended ? spec.startsAt + (status === 'late' ? 15 : -5) * 60 * 1000 : null,
          note: null,
          marked_by: attended ? null : f.secretaryA,
          created_at: spec.startsAt,
        })
        .execute();
    }
    activities.push({ ...spec, id: row.id });
  }

  // An activity of the other organisation, which no figure here may count.
  const otherActivity = await db
    .insertInto('activities')
    .values({
      org_id: f.other.orgId,
      branch_id: f.other.branch,
      type: 'theme_day',
      title: '他单位主题党日',
      topic: '他单位',
      place: '他处',
      lat: null,
      lng: null,
      radius_m: null,
      starts_at: at('2025-06-12T09:00:00+08:00'),
      ends_at: at('2025-06-12T11:00:00+08:00'),
      checkin_opens_at: at('2025-06-12T08:30:00+08:00'),
      checkin_closes_at: at('2025-06-12T11:00:00+08:00'),
      late_after: at('2025-06-12T09:10:00+08:00'),
      status: 'closed',
      secret: 'x',
      record: null,
      created_by: null,
      created_at: at('2025-06-01T09:00:00+08:00'),
      closed_at: at('2025-06-12T11:00:00+08:00'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('activity_invitees')
    .values({ activity_id: otherActivity.id, member_id: f.other.member })
    .execute();
  await db
    .insertInto('attendance')
    .values({
      activity_id: otherActivity.id,
      member_id: f.other.member,
      status: 'present',
      method: 'qr',
      checked_in_at: at('2025-06-12T09:00:00+08:00'),
      note: null,
      marked_by: null,
      created_at: at('2025-06-12T09:00:00+08:00'),
    })
    .execute();

  const quizSpecs: QuizSpec[] = [
    {
      key: 'q1',
      branch: null,
      title: '党章知识考试',
      kind: 'exam',
      passMark: 60,
      opensAt: at('2025-06-01T08:00:00+08:00'),
      closesAt: at('2025-06-30T20:00:00+08:00'),
      attempts: [
        { member: 'a1', score: 50, passed: false, submittedAt: at('2025-06-02T10:00:00+08:00') },
        { member: 'a1', score: 80, passed: true, submittedAt: at('2025-06-03T10:00:00+08:00') },
        { member: 'secA', score: 90, passed: true, submittedAt: at('2025-06-02T11:00:00+08:00') },
        { member: 'a2', score: 40, passed: false, submittedAt: at('2025-06-04T11:00:00+08:00') },
        { member: 'b1', score: 70, passed: true, submittedAt: at('2025-06-04T12:00:00+08:00') },
      ],
    },
    {
      key: 'q2',
      branch: 'B',
      title: '第二支部廉政考试',
      kind: 'exam',
      passMark: 60,
      opensAt: at('2025-06-02T08:00:00+08:00'),
      closesAt: at('2025-06-30T20:00:00+08:00'),
      attempts: [{ member: 'b1', score: 100, passed: true, submittedAt: at('2025-06-05T10:00:00+08:00') }],
    },
    {
      key: 'q3',
      branch: null,
      title: '党史练习',
      kind: 'practice',
      passMark: 60,
      opensAt: at('2025-06-03T08:00:00+08:00'),
      closesAt: at('2025-12-31T20:00:00+08:00'),
      attempts: [{ member: 'a3', score: 80, passed: true, submittedAt: at('2025-06-21T10:00:00+08:00') }],
    },
    {
      key: 'q4',
      branch: null,
      title: '2024年度考试',
      kind: 'exam',
      passMark: 60,
      opensAt: at('2024-11-01T08:00:00+08:00'),
      closesAt: at('2024-11-30T20:00:00+08:00'),
      attempts: [{ member: 'a1', score: 95, passed: true, submittedAt: now - 70 * DAY }],
    },
  ];
  const quizzes: History['quizzes'] = [];
  for (const spec of quizSpecs) {
    const row = await db
      .insertInto('quizzes')
      .values({
        org_id: f.orgId,
        branch_id: branchId(spec.branch),
        title: spec.title,
        kind: spec.kind,
        question_ids: '[]',
        time_limit_minutes: 20,
        pass_mark: spec.passMark,
        opens_at: spec.opensAt,
        closes_at: spec.closesAt,
        created_by: f.admin,
        created_at: spec.opensAt - DAY,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const attemptsSoFar = new Map<string, number>();
    for (const a of spec.attempts) {
      const attemptNo = (attemptsSoFar.get(a.member) ?? 0) + 1;
      attemptsSoFar.set(a.member, attemptNo);
      await db
        .insertInto('quiz_attempts')
        .values({
          quiz_id: row.id,
          member_id: idOf[a.member]!,
          attempt_no: attemptNo,
          score: a.score,
          passed: a.passed ? 1 : 0,
          started_at: a.submittedAt - 10 * 60 * 1000,
          submitted_at: a.submittedAt,
        })
        .execute();
    }
    quizzes.push({ ...spec, id: row.id });
  }
  // An attempt still running has no score and counts for nothing.
  await db
    .insertInto('quiz_attempts')
    .values({
      quiz_id: quizzes[0]!.id,
      member_id: f.retiredA3,
      score: null,
      passed: null,
      started_at: at('2025-06-10T10:00:00+08:00'),
      submitted_at: null,
    })
    .execute();

  const volunteer: VolunteerSpec[] = [
    {
      member: 'a1',
      servedOn: '2025-06-01',
      hours: 2.5,
      category: '社区服务',
      place: '幸福社区',
      description: '清理楼道',
      status: 'approved',
    },
    {
      member: 'a1',
      servedOn: '2025-03-01',
      hours: 1,
      category: '文明创建',
      place: '路口',
      description: '文明劝导',
      status: 'approved',
    },
    {
      member: 'a2',
      servedOn: '2025-06-02',
      hours: 3,
      category: '助老助残',
      place: '敬老院',
      description: '陪老人聊天',
      status: 'pending',
    },
    {
      member: 'a3',
      servedOn: '2025-06-03',
      hours: 2,
      category: '其他',
      place: '家中',
      description: '无证明',
      status: 'rejected',
    },
    {
      member: 'b1',
      servedOn: '2025-06-04',
      hours: 4,
      category: '乡村振兴',
      place: '某村',
      description: '助农直播',
      status: 'approved',
    },
    {
      member: 'a1',
      servedOn: '2024-12-31',
      hours: 5,
      category: '社区服务',
      place: '幸福社区',
      description: '跨年值守',
      status: 'approved',
    },
  ];
  for (const [i, v] of volunteer.entries()) {
    await db
      .insertInto('volunteer_records')
      .values({
        org_id: f.orgId,
        branch_id: branchId(branchOf[v.member]!),
        member_id: idOf[v.member]!,
        served_on: v.servedOn,
        hours: v.hours,
        category: v.category,
        place: v.place,
        description: v.description,
        status: v.status,
        reviewer_id: v.status === 'pending' ? null : f.secretaryA,
        decided_at: v.status === 'pending' ? null : at(`${v.servedOn}T20:00:00+08:00`),
        reject_reason: v.status === 'rejected' ? '缺少说明' : null,
        created_at: at(`${v.servedOn}T18:00:00+08:00`) + i,
      })
      .execute();
  }

  const awards: AwardSpec[] = [
    { member: 'secA', delta: 5, reason: '先锋岗', at: at('2025-04-01T10:00:00+08:00') },
    { member: 'secA', delta: 5, reason: '优秀党务工作者', at: at('2025-05-01T10:00:00+08:00') },
    { member: 'a1', delta: 1, reason: '积极发言', at: at('2025-03-10T16:00:00+08:00') },
    { member: 'a3', delta: -3, reason: '无故缺席两次', at: at('2025-06-30T10:00:00+08:00') },
    { member: 'b1', delta: 2, reason: '助农直播', at: at('2025-06-04T20:00:00+08:00') },
  ];
  for (const [i, a] of awards.entries()) {
    await award(db, {
      memberId: idOf[a.member]!,
      ruleCode: a.delta > 0 ? 'award' : 'deduction',
      sourceType: 'manual',
      sourceId: `t-${i}`,
      occurredAt: a.at,
      delta: a.delta,
      reason: a.reason,
      actorId: a.member.endsWith('B') || a.member === 'b1' ? f.secretaryB : f.secretaryA,
      now: a.at,
    });
  }
  return { f, idOf, nameOf, branchOf, activities, quizzes, volunteer, awards, now };
}
