// Member-level figures: head counts, the per-member participation table, and 需关注
// (no participation in the last 60 days) for the secretary's follow-up talk.
import type { AttentionList, MemberParticipation } from '../contract/dashboard.js';
import type { Db } from '../db/index.js';
import { cst } from '../lib/time.js';
import { dayOf } from './period.js';
import { branchOf, type Scope } from './scope.js';

/** Active members per branch of the scope. */
export async function membersByBranch(db: Db, scope: Scope): Promise<Map<number, number>> {
  const branchId = branchOf(scope);
  const rows = await db
    .selectFrom('members')
    .select((eb) => ['branch_id', eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', scope.orgId)
    .where('active', '=', 1)
    .$if(branchId !== null, (q) => q.where('branch_id', '=', branchId as number))
    .$if(branchId === null, (q) => q.where('branch_id', 'is not', null))
    .groupBy('branch_id')
    .execute();
  return new Map(rows.map((r) => [r.branch_id as number, Number(r.n)]));
}

export const countMembers = (byBranch: Map<number, number>) => [...byBranch.values()].reduce((a, b) => a + b, 0);

export interface LastParticipation {
  date: string;
  kind: 'activity' | 'quiz' | 'volunteer';
}

/**
 * Each branch member's latest participation of any kind: attending (present or late), a
 * submitted quiz attempt, or volunteer service logged (approved or waiting for review).
 */
export async function lastParticipation(db: Db, branchId: number): Promise<Map<number, LastParticipation>> {
  const [activity, quiz, volunteer] = await Promise.all([
    db
      .selectFrom('attendance as at')
      .innerJoin('members as m', 'm.id', 'at.member_id')
      .innerJoin('activities as a', 'a.id', 'at.activity_id')
      .select((eb) => ['at.member_id', eb.fn.max('a.starts_at').as('last')])
      .where('m.branch_id', '=', branchId)
      .where('at.status', 'in', ['present', 'late'])
      .groupBy('at.member_id')
      .execute(),
    db
      .selectFrom('quiz_attempts as qa')
      .innerJoin('members as m', 'm.id', 'qa.member_id')
      .select((eb) => ['qa.member_id', eb.fn.max('qa.submitted_at').as('last')])
      .where('m.branch_id', '=', branchId)
      .where('qa.submitted_at', 'is not', null)
      .groupBy('qa.member_id')
      .execute(),
    db
      .selectFrom('volunteer_records as v')
      .innerJoin('members as m', 'm.id', 'v.member_id')
      .select((eb) => ['v.member_id', eb.fn.max('v.served_on').as('last')])
      .where('m.branch_id', '=', branchId)
      .where('v.status', 'in', ['approved', 'pending'])
      .groupBy('v.member_id')
      .execute(),
  ]);
  const latest = new Map<number, LastParticipation>();
  const offer = (memberId: number, date: string, kind: LastParticipation['kind']) => {
    const known = latest.get(memberId);
    if (!known || date > known.date) latest.set(memberId, { date, kind });
  };
  for (const r of activity) if (r.last !== null) offer(r.member_id, dayOf(Number(r.last)), 'activity');
  for (const r of quiz) if (r.last !== null) offer(r.member_id, dayOf(Number(r.last)), 'quiz');
  for (const r of volunteer) if (r.last !== null) offer(r.member_id, String(r.last), 'volunteer');
  return latest;
}

export const ATTENTION_DAYS = 60;

/** Active branch members with no participation since `days` days ago, longest silent first. */
export async function needsAttention(
  db: Db,
  branchId: number,
  now: number,
  days = ATTENTION_DAYS,
): Promise<AttentionList> {
  const since = cst(now).startOf('day').subtract(days, 'day').format('YYYY-MM-DD');
  const [members, latest] = await Promise.all([
    db
      .selectFrom('members')
      .select(['id', 'name'])
      .where('branch_id', '=', branchId)
      .where('active', '=', 1)
      .orderBy('id')
      .execute(),
    lastParticipation(db, branchId),
  ]);
  const silent = members
    .map((m) => ({
      memberId: m.id,
      name: m.name,
      lastParticipation: latest.get(m.id)?.date ?? null,
      lastKind: latest.get(m.id)?.kind ?? null,
    }))
    .filter((m) => m.lastParticipation === null || m.lastParticipation < since);
  silent.sort(
    (a, b) => (a.lastParticipation ?? '').localeCompare(b.lastParticipation ?? '') || a.memberId - b.memberId,
  );
  return { days, since, members: silent };
}

/** The per-member table: attendance, quizzes passed and volunteer hours in the period, this year's points. */
export async function memberParticipation(
  db: Db,
  branchId: number,
  range: { fromMs: number; toMs: number; from: string; to: string; year: number },
  baseScore: number,
): Promise<MemberParticipation[]> {
  const [members, invitations, passes, hours, latest] = await Promise.all([
    db
      .selectFrom('members as m')
      .leftJoin('points_totals as pt', (join) => join.onRef('pt.member_id', '=', 'm.id').on('pt.year', '=', range.year))
      .select(['m.id', 'm.name', 'pt.base', 'pt.earned'])
      .where('m.branch_id', '=', branchId)
      .where('m.active', '=', 1)
      .orderBy('m.id')
      .execute(),
    db
      .selectFrom('activity_invitees as i')
      .innerJoin('members as m', 'm.id', 'i.member_id')
      .innerJoin('activities as a', 'a.id', 'i.activity_id')
      .leftJoin('attendance as at', (join) =>
        join.onRef('at.activity_id', '=', 'i.activity_id').onRef('at.member_id', '=', 'i.member_id'),
      )
      .select((eb) => [
        'i.member_id',
        eb.fn.countAll<number>().as('invited'),
        eb.fn.sum<number>(eb.case().when('at.status', 'in', ['present', 'late']).then(1).else(0).end()).as('attended'),
      ])
      .where('m.branch_id', '=', branchId)
      .where('a.status', '=', 'closed')
      .where('a.starts_at', '>=', range.fromMs)
      .where('a.starts_at', '<', range.toMs)
      .groupBy('i.member_id')
      .execute(),
    db
      .selectFrom('quiz_attempts as qa')
      .innerJoin('members as m', 'm.id', 'qa.member_id')
      .innerJoin('quizzes as q', 'q.id', 'qa.quiz_id')
      .select((eb) => ['qa.member_id', eb.fn.count<number>('qa.quiz_id').distinct().as('passed')])
      .where('m.branch_id', '=', branchId)
      .where('qa.passed', '=', 1)
      .where('q.kind', '=', 'exam')
      .where('q.opens_at', '>=', range.fromMs)
      .where('q.opens_at', '<', range.toMs)
      .groupBy('qa.member_id')
      .execute(),
    db
      .selectFrom('volunteer_records as v')
      .innerJoin('members as m', 'm.id', 'v.member_id')
      .select((eb) => ['v.member_id', eb.fn.sum<number>('v.hours').as('hours')])
      .where('m.branch_id', '=', branchId)
      .where('v.status', '=', 'approved')
      .where('v.served_on', '>=', range.from)
      .where('v.served_on', '<=', range.to)
      .groupBy('v.member_id')
      .execute(),
    lastParticipation(db, branchId),
  ]);
  const invitedOf = new Map(invitations.map((r) => [r.member_id, r]));
  const passedOf = new Map(passes.map((r) => [r.member_id, Number(r.passed)]));
  const hoursOf = new Map(hours.map((r) => [r.member_id, Number(r.hours ?? 0)]));
  return members.map((m) => ({
    memberId: m.id,
    name: m.name,
    attended: Number(invitedOf.get(m.id)?.attended ?? 0),
    invited: Number(invitedOf.get(m.id)?.invited ?? 0),
    quizzesPassed: passedOf.get(m.id) ?? 0,
    volunteerHours: hoursOf.get(m.id) ?? 0,
    points: (m.base ?? baseScore) + (m.earned ?? 0),
    lastParticipation: latest.get(m.id)?.date ?? null,
  }));
}
