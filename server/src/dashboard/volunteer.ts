// Volunteer figures: approved records whose service day lies in the period.
import type { VolunteerSummary } from '../contract/dashboard.js';
import type { Db } from '../db/index.js';
import { mean } from './period.js';
import { branchOf, type Scope } from './scope.js';

export interface VolunteerByBranch {
  branchId: number;
  records: number;
  hours: number;
  volunteers: number;
}

/** Per branch of the scope: approved records, hours and distinct volunteers served from..to (inclusive days). */
export async function volunteerByBranch(db: Db, scope: Scope, from: string, to: string): Promise<VolunteerByBranch[]> {
  const branchId = branchOf(scope);
  // A record belongs to the branch that reviewed it (kept on the record), even if the member moves on.
  const rows = await db
    .selectFrom('volunteer_records as v')
    .select((eb) => [
      'v.branch_id',
      eb.fn.countAll<number>().as('records'),
      eb.fn.sum<number>('v.hours').as('hours'),
      eb.fn.count<number>('v.member_id').distinct().as('volunteers'),
    ])
    .where('v.org_id', '=', scope.orgId)
    .where('v.status', '=', 'approved')
    .where('v.served_on', '>=', from)
    .where('v.served_on', '<=', to)
    .$if(branchId !== null, (q) => q.where('v.branch_id', '=', branchId as number))
    .$if(branchId === null, (q) => q.where('v.branch_id', 'is not', null))
    .groupBy('v.branch_id')
    .execute();
  return rows.map((r) => ({
    branchId: r.branch_id as number,
    records: Number(r.records),
    hours: Number(r.hours ?? 0),
    volunteers: Number(r.volunteers),
  }));
}

export function volunteerSummary(rows: VolunteerByBranch[], members: number): VolunteerSummary {
  const hours = rows.reduce((sum, r) => sum + r.hours, 0);
  return {
    records: rows.reduce((sum, r) => sum + r.records, 0),
    hours,
    volunteers: rows.reduce((sum, r) => sum + r.volunteers, 0),
    hoursPerMember: mean(hours, members),
  };
}
