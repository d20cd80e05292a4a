// The resources routes address by id, loaded once by the guard: each loader reads the row
// and says where it belongs (org, branch) and whose it is (the member it concerns), so the
// guard can decide with one rule for every kind of resource.
import type { Selectable } from 'kysely';
import type { Actor } from './actor.js';
import type { Db } from '../db/index.js';
import type { AppError } from '../errors.js';
import { mayReadQuestion, questionNotOwned, questionOutOfScope } from '../quiz/ownership.js';
import type {
  ActivityTable,
  LeaveRequestTable,
  PointsLedgerTable,
  PointsObjectionTable,
  PracticeSessionTable,
  QuestionTable,
  QuizAttemptTable,
  QuizTable,
  SubscriptionTable,
  VolunteerRecordTable,
} from '../db/schema.js';

/** Where a resource belongs and whom it concerns. */
export interface Placement {
  orgId: number;
  /** null: it belongs to the whole organisation (only its admins manage it). */
  branchId: number | null;
  /** The member the resource is about (its owner), if any. */
  memberId: number | null;
  /** For an activity or quiz: is the actor in its audience? */
  inAudience?: boolean;
}

export interface Loaded<T> {
  row: T;
  placement: Placement;
}

/** The actor's own standing in an activity, read with the activity in one statement. */
export interface MyActivityStanding {
  invited: boolean;
  attendance: { id: number; status: string; method: string | null; checked_in_at: number | null } | null;
}

export interface ResourceRows {
  org: { id: number; name: string };
  branch: { id: number; org_id: number; name: string };
  member: { id: number; org_id: number; branch_id: number | null; name: string };
  activity: Selectable<ActivityTable> & { mine: MyActivityStanding };
  leaveRequest: Selectable<LeaveRequestTable>;
  volunteerRecord: Selectable<VolunteerRecordTable>;
  volunteerPhoto: {
    id: number;
    file_name: string;
    mime: string;
    member_id: number;
    org_id: number;
    branch_id: number | null;
  };
  question: Selectable<QuestionTable>;
  quiz: Selectable<QuizTable>;
  attempt: Selectable<QuizAttemptTable> & { quiz_org_id: number; quiz_branch_id: number | null };
  pointsEntry: Selectable<PointsLedgerTable> & { member_branch_id: number | null };
  objection: Selectable<PointsObjectionTable>;
  practiceSession: Selectable<PracticeSessionTable> & { org_id: number; branch_id: number | null };
  subscription: Selectable<SubscriptionTable>;
}

export type Scope = keyof ResourceRows;

interface ResourceKind<S extends Scope> {
  /** The route parameter that carries the id. */
  param: string;
  /** What it is called in a 404. */
  noun: string;
  /** The refusal for someone outside its audience, in the domain's own words. */
  notInAudience?: { code: string; message: string };
  /**
   * The domain's own refusal, in its own words, when the guard refuses a relation (e.g. a
   * question a secretary may read but not change names who keeps it).
   */
  refusal?(actor: Actor, relation: string, row: ResourceRows[S]): AppError | undefined;
  load(
    db: Db,
    id: number,
    actor: Actor | null,
    params: Record<string, unknown>,
  ): Promise<Loaded<ResourceRows[S]> | undefined>;
}

const byBranch = (orgId: number, branchId: number | null, memberId: number | null = null): Placement => ({
  orgId,
  branchId,
  memberId,
});

/** A row that names its org, branch and member: it belongs where it says and concerns that member. */
const ownedRow = <T extends { org_id: number; branch_id: number | null; member_id: number }>(row: T | undefined) =>
  row && { row, placement: byBranch(row.org_id, row.branch_id, row.member_id) };

export const resourceKinds: { [S in Scope]: ResourceKind<S> } = {
  org: {
    param: 'orgId',
    noun: '组织',
    async load(db, id) {
      const row = await db.selectFrom('orgs').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
      return row && { row, placement: byBranch(row.id, null) };
    },
  },
  branch: {
    param: 'branchId',
    noun: '支部',
    async load(db, id) {
      const row = await db
        .selectFrom('branches')
        .select(['id', 'org_id', 'name'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row && { row, placement: byBranch(row.org_id, row.id) };
    },
  },
  member: {
    param: 'memberId',
    noun: '党员',
    async load(db, id) {
      const row = await db
        .selectFrom('members')
        .select(['id', 'org_id', 'branch_id', 'name'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row && { row, placement: byBranch(row.org_id, row.branch_id, row.id) };
    },
  },
  activity: {
    param: 'id',
    noun: '活动',
    notInAudience: { code: 'NOT_INVITED', message: '您不在本次活动的参加人员名单中' },
    // The activity with the caller's invitation and attendance in one read: the check-in,
    // the hottest route, needs nothing else before it writes.
    async load(db, id, actor) {
      const memberId = actor?.memberId ?? 0;
      const found = await db
        .selectFrom('activities as act')
        .leftJoin('activity_invitees as i', (join) =>
          join.onRef('i.activity_id', '=', 'act.id').on('i.member_id', '=', memberId),
        )
        .leftJoin('attendance as a', (join) =>
          join.onRef('a.activity_id', '=', 'act.id').on('a.member_id', '=', memberId),
        )
        .selectAll('act')
        .select([
          'i.member_id as invitedMemberId',
          'a.id as attendanceId',
          'a.status as attendanceStatus',
          'a.method as attendanceMethod',
          'a.checked_in_at as attendanceCheckedInAt',
        ])
        .where('act.id', '=', id)
        .executeTakeFirst();
      if (!found) return undefined;
      const { invitedMemberId, attendanceId, attendanceStatus, attendanceMethod, attendanceCheckedInAt, ...activity } =
        found;
      const mine: MyActivityStanding = {
        invited: invitedMemberId !== null,
        attendance:
          attendanceId !== null && attendanceStatus !== null
            ? {
                id: attendanceId,
                status: attendanceStatus,
                method: attendanceMethod,
                checked_in_at: attendanceCheckedInAt,
              }
            : null,
      };
      return {
        row: { ...activity, mine },
        placement: { ...byBranch(activity.org_id, activity.branch_id), inAudience: mine.invited },
      };
    },
  },
  leaveRequest: {
    param: 'requestId',
    noun: '请假申请',
    async load(db, id, _actor, params) {
      const row = await db
        .selectFrom('leave_requests as l')
        .innerJoin('activities as act', 'act.id', 'l.activity_id')
        .selectAll('l')
        .select(['act.org_id', 'act.branch_id'])
        .where('l.id', '=', id)
        .where('l.activity_id', '=', Number(params.id))
        .executeTakeFirst();
      if (!row) return undefined;
      const { org_id, branch_id, ...leave } = row;
      return { row: leave, placement: byBranch(org_id, branch_id, leave.member_id) };
    },
  },
  volunteerRecord: {
    param: 'id',
    noun: '志愿服务记录',
    async load(db, id) {
      return ownedRow(await db.selectFrom('volunteer_records').selectAll().where('id', '=', id).executeTakeFirst());
    },
  },
  volunteerPhoto: {
    param: 'id',
    noun: '照片',
    async load(db, id) {
      return ownedRow(
        await db
          .selectFrom('volunteer_photos as p')
          .innerJoin('members as m', 'm.id', 'p.member_id')
          .select(['p.id', 'p.file_name', 'p.mime', 'p.member_id', 'm.org_id', 'm.branch_id'])
          .where('p.id', '=', id)
          .executeTakeFirst(),
      );
    },
  },
  question: {
    param: 'id',
    noun: '题目',
    refusal: (actor, relation, row) =>
      relation === 'manage' && mayReadQuestion(actor, row) ? questionNotOwned(row) : questionOutOfScope(),
    async load(db, id) {
      const row = await db.selectFrom('questions').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row || row.archived_at !== null) return undefined;
      return { row, placement: byBranch(row.org_id, row.branch_id) };
    },
  },
  quiz: {
    param: 'id',
    noun: '答题',
    notInAudience: { code: 'QUIZ_NOT_FOR_YOU', message: '这场答题不面向您所在的支部' },
    async load(db, id, actor) {
      const row = await db.selectFrom('quizzes').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const inAudience =
        actor !== null &&
        actor.orgId === row.org_id &&
        actor.branchId !== null &&
        (row.branch_id === null || row.branch_id === actor.branchId);
      return { row, placement: { ...byBranch(row.org_id, row.branch_id), inAudience } };
    },
  },
  attempt: {
    param: 'id',
    noun: '答卷',
    async load(db, id) {
      const row = await db
        .selectFrom('quiz_attempts as t')
        .innerJoin('quizzes as q', 'q.id', 't.quiz_id')
        .selectAll('t')
        .select(['q.org_id as quiz_org_id', 'q.branch_id as quiz_branch_id'])
        .where('t.id', '=', id)
        .executeTakeFirst();
      return row && { row, placement: byBranch(row.quiz_org_id, row.quiz_branch_id, row.member_id) };
    },
  },
  pointsEntry: {
    param: 'id',
    noun: '积分记录',
    // An entry is managed where its member is now: a member who moved branch is looked
    // after by the new branch's secretary.
    async load(db, id) {
      const row = await db
        .selectFrom('points_ledger as l')
        .innerJoin('members as m', 'm.id', 'l.member_id')
        .selectAll('l')
        .select('m.branch_id as member_branch_id')
        .where('l.id', '=', id)
        .executeTakeFirst();
      return row && { row, placement: byBranch(row.org_id, row.member_branch_id, row.member_id) };
    },
  },
  objection: {
    param: 'id',
    noun: '异议',
    async load(db, id) {
      return ownedRow(await db.selectFrom('points_objections').selectAll().where('id', '=', id).executeTakeFirst());
    },
  },
  practiceSession: {
    param: 'id',
    noun: '练习',
    async load(db, id) {
      return ownedRow(
        await db
          .selectFrom('practice_sessions as s')
          .innerJoin('members as m', 'm.id', 's.member_id')
          .selectAll('s')
          .select(['m.org_id', 'm.branch_id'])
          .where('s.id', '=', id)
          .executeTakeFirst(),
      );
    },
  },
  subscription: {
    param: 'subscriptionId',
    noun: '消息提醒',
    async load(db, id) {
      const row = await db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
      return row && { row, placement: byBranch(row.org_id, null, row.member_id) };
    },
  },
};

/** Whether the actor looks after the branch (or, for null, the organisation) of a resource. */
export function manages(actor: Actor, placement: Pick<Placement, 'orgId' | 'branchId'>): boolean {
  if (actor.orgId !== placement.orgId) return false;
  if (actor.isOrgAdmin) return true;
  return placement.branchId !== null && actor.managerOf.includes(placement.branchId);
}
