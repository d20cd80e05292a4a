// A year of participation for the dashboard benchmarks, bulk-inserted (not through the API):
// branches of members, branch activities with every member invited and an outcome each,
// a few activities of the whole organisation, monthly exams, volunteer records and points
// totals. Deterministic (a seeded generator), relative to `now`.
import { sql, type Insertable } from 'kysely';
import type { Db } from '../../src/db/index.js';
import type { Database } from '../../src/db/schema.js';
import { createSession } from '../../src/auth/sessions.js';
import { publishRules } from '../../src/points/service.js';
import { defaultRules } from '../../src/points/rules.js';

const DAY = 24 * 60 * 60 * 1000;

export interface DashboardDataSpec {
  branches: number;
  membersPerBranch: number;
  /** Activities per branch over the last year. */
  branchActivities: number;
  /** Activities of the whole organisation over the last year. */
  orgActivities: number;
  /** Exams of the whole organisation, one a month. */
  quizzes: number;
  /** Volunteer records per member over the year. */
  volunteerPerMember: number;
}

export interface DashboardData {
  orgId: number;
  branchIds: number[];
  secretaryToken: string;
  adminToken: string;
  rows: Record<string, number>;
}

function generator(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

async function insertAll<T extends keyof Database>(db: Db, table: T, rows: Array<Insertable<Database[T]>>) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  const chunk = Math.max(1, Math.floor(30_000 / columns));
  for (let i = 0; i < rows.length; i += chunk) {
    // Kysely's insert typing does not follow a generic table name.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + chunk) as never)
      .execute();
  }
}

async function insertReturningIds<T extends 'activities' | 'quizzes' | 'branches' | 'members'>(
  db: Db,
  table: T,
  rows: Array<Insertable<Database[T]>>,
): Promise<number[]> {
  const ids: number[] = [];
  const columns = Object.keys(rows[0] as object).length;
  const chunk = Math.max(1, Math.floor(30_000 / columns));
  for (let i = 0; i < rows.length; i += chunk) {
    const inserted = await db
      .insertInto(table)
      .values(rows.slice(i, i + chunk) as never)
      .returning('id' as never)
      .execute();
    ids.push(...(inserted as unknown as Array<{ id: number }>).map((r) => r.id));
  }
  return ids;
}

export async function seedDashboardData(db: Db, spec: DashboardDataSpec, now = Date.now()): Promise<DashboardData> {
  const random = generator(20261123);
  const yearAgo = now - 365 * DAY;
  const org = await db
    .insertInto('orgs')
    .values({ name: '压测机关党委', ranking_visibility: 'opt_in', created_at: yearAgo })
    .returning('id')
    .executeTakeFirstOrThrow();
  await publishRules(db, org.id, defaultRules, null, yearAgo);

  const branchIds = await insertReturningIds(
    db,
    'branches',
    Array.from({ length: spec.branches }, (_, i) => ({
      org_id: org.id,
      name: `第${i + 1}党支部`,
      created_at: yearAgo,
    })),
  );
  const memberRows = branchIds.flatMap((branchId, b) =>
    Array.from({ length: spec.membersPerBranch }, (_, m) => ({
      org_id: org.id,
      branch_id: branchId,
      name: `党员${b + 1}-${m + 1}`,
      phone: null,
      gender: null,
      political_status: 'full',
      employment: 'in_service',
      joined_party_on: null,
      active: 1,
      created_at: yearAgo,
    })),
  );
  const memberIds = await insertReturningIds(db, 'members', memberRows);
  const membersOf = (b: number) => memberIds.slice(b * spec.membersPerBranch, (b + 1) * spec.membersPerBranch);
  const adminId = (
    await db
      .insertInto('members')
      .values({ ...memberRows[0]!, branch_id: null, name: '管理员' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await insertAll(db, 'role_grants', [
    { member_id: adminId, org_id: org.id, role: 'org_admin', branch_id: null, created_at: yearAgo },
    ...branchIds.map((branchId, b) => ({
      member_id: membersOf(b)[0]!,
      org_id: org.id,
      role: 'secretary',
      branch_id: branchId,
      created_at: yearAgo,
    })),
    ...memberIds.map((id) => ({ member_id: id, org_id: org.id, role: 'member', branch_id: null, created_at: yearAgo })),
  ]);

  // Each member has an engagement level; it sets how often they attend, take exams and serve.
  const engagement = new Map(memberIds.map((id) => [id, 0.3 + 0.7 * random()]));
  const types = ['theme_day', 'general_meeting', 'group_meeting', 'party_lecture', 'committee_meeting'];
  const activity = (branchId: number | null, i: number, startsAt: number) => ({
    org_id: org.id,
    branch_id: branchId,
    type: types[i % types.length]!,
    title: `活动${i + 1}`,
    topic: '学习',
    place: '会议室',
    lat: null,
    lng: null,
    radius_m: null,
    starts_at: startsAt,
    ends_at: startsAt + 2 * 3600_000,
    checkin_opens_at: startsAt - 1800_000,
    checkin_closes_at: startsAt + 2 * 3600_000,
    late_after: startsAt + 600_000,
    status: 'closed',
    secret: 's',
    record: i % 3 === 0 ? '会议记录' : null,
    created_by: null,
    created_at: startsAt - 7 * DAY,
    closed_at: startsAt + 2 * 3600_000,
  });
  const plans: Array<{ startsAt: number; members: number[] }> = [];
  const activityRows = [];
  for (const [b, branchId] of branchIds.entries()) {
    for (let i = 0; i < spec.branchActivities; i++) {
      const startsAt = yearAgo + Math.floor(((i + random()) / spec.branchActivities) * 360 * DAY);
      activityRows.push(activity(branchId, i, startsAt));
      plans.push({ startsAt, members: membersOf(b) });
    }
  }
  for (let i = 0; i < spec.orgActivities; i++) {
    const startsAt = yearAgo + Math.floor(((i + 0.5) / spec.orgActivities) * 360 * DAY);
    activityRows.push(activity(null, i, startsAt));
    plans.push({ startsAt, members: memberIds });
  }
  const activityIds = await insertReturningIds(db, 'activities', activityRows);
  const invitees: Array<Insertable<Database['activity_invitees']>> = [];
  const attendance: Array<Insertable<Database['attendance']>> = [];
  for (const [k, plan] of plans.entries()) {
    const activityId = activityIds[k]!;
    for (const memberId of plan.members) {
      invitees.push({ activity_id: activityId, member_id: memberId });
      const roll = random();
      const e = engagement.get(memberId)!;
      const status =
        roll < e * 0.85 ? 'present' : roll < e * 0.95 ? 'late' : roll < e * 0.95 + 0.05 ? 'leave' : 'absent';
      const attended = status === 'present' || status === 'late';
      attendance.push({
        activity_id: activityId,
        member_id: memberId,
        status,
        method: attended ? 'qr' : 'roster',
        checked_in_at: attended ? plan.startsAt : null,
        note: null,
        marked_by: null,
        created_at: plan.startsAt,
      });
    }
  }
  await insertAll(db, 'activity_invitees', invitees);
  await insertAll(db, 'attendance', attendance);

  const quizRows = Array.from({ length: spec.quizzes }, (_, i) => {
    const opensAt = yearAgo + Math.floor((i / spec.quizzes) * 360 * DAY) + DAY;
    return {
      org_id: org.id,
      branch_id: null,
      title: `第${i + 1}次考试`,
      kind: 'exam',
      question_ids: '[]',
      time_limit_minutes: 20,
      pass_mark: 60,
      opens_at: opensAt,
      closes_at: opensAt + 20 * DAY,
      created_by: adminId,
      created_at: opensAt - DAY,
    };
  });
  const quizIds = await insertReturningIds(db, 'quizzes', quizRows);
  const attempts: Array<Insertable<Database['quiz_attempts']>> = [];
  for (const [q, quizId] of quizIds.entries()) {
    for (const memberId of memberIds) {
      if (random() > engagement.get(memberId)!) continue;
      const submittedAt = quizRows[q]!.opens_at + Math.floor(random() * 10 * DAY);
      const score = Math.min(100, Math.round(40 + 60 * random()));
      attempts.push({
        quiz_id: quizId,
        member_id: memberId,
        score,
        passed: score >= 60 ? 1 : 0,
        started_at: submittedAt - 600_000,
        submitted_at: submittedAt,
      });
    }
  }
  await insertAll(db, 'quiz_attempts', attempts);

  const volunteer: Array<Insertable<Database['volunteer_records']>> = [];
  for (const [b, branchId] of branchIds.entries()) {
    for (const memberId of membersOf(b)) {
      for (let v = 0; v < spec.volunteerPerMember; v++) {
        const day = new Date(yearAgo + Math.floor(random() * 364 * DAY) + 8 * 3600_000).toISOString().slice(0, 10);
        const status = random() < 0.9 ? 'approved' : 'pending';
        volunteer.push({
          org_id: org.id,
          branch_id: branchId,
          member_id: memberId,
          served_on: day,
          hours: 1 + Math.floor(random() * 6) / 2,
          category: '社区服务',
          place: '社区',
          description: '志愿服务',
          status,
          reviewer_id: status === 'approved' ? membersOf(b)[0]! : null,
          decided_at: status === 'approved' ? Date.parse(`${day}T20:00:00+08:00`) : null,
          reject_reason: null,
          created_at: Date.parse(`${day}T18:00:00+08:00`),
        });
      }
    }
  }
  await insertAll(db, 'volunteer_records', volunteer);

  const year = new Date(now + 8 * 3600_000).getUTCFullYear();
  await insertAll(
    db,
    'points_totals',
    memberIds.map((id, i) => ({
      member_id: id,
      year,
      org_id: org.id,
      branch_id: branchIds[Math.floor(i / spec.membersPerBranch)]!,
      base: 60,
      earned: Math.round(engagement.get(id)! * 40),
      updated_at: now,
    })),
  );

  // Fresh planner statistics, as a database in use would have them after a bulk load.
  await sql`analyze`.execute(db);
  const day = 24 * 3600_000;
  return {
    orgId: org.id,
    branchIds,
    secretaryToken: (await createSession(db, membersOf(0)[0]!, day)).token,
    adminToken: (await createSession(db, adminId, day)).token,
    rows: {
      members: memberIds.length,
      activities: activityIds.length,
      invitations: invitees.length,
      quiz_attempts: attempts.length,
      volunteer_records: volunteer.length,
    },
  };
}

/** p50 of `runs` sequential calls, in ms, after a few unmeasured ones. */
export async function p50(runs: number, call: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await call();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 100) / 100;
}
