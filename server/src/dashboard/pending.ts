// Pending work: what waits for a secretary's (or the org admin's) decision.
//
// The one seam left for the features built beside this one: volunteer records are read
// from volunteer_records (status 'pending'); leave requests and points objections have no
// table yet, so their lists are empty until `pendingLeave` and `pendingObjections` read
// the tables the check-in and points features add.
import type { PendingList, PendingWork } from '../contract/dashboard.js';
import type { Db } from '../db/index.js';
import { toIso } from '../lib/time.js';
import { branchOf, type Scope } from './scope.js';

const ITEMS = 20;
const none = (): PendingList => ({ count: 0, items: [] });

async function pendingVolunteer(db: Db, scope: Scope): Promise<PendingList> {
  const branchId = branchOf(scope);
  const base = db
    .selectFrom('volunteer_records as v')
    .innerJoin('members as m', 'm.id', 'v.member_id')
    .where('v.org_id', '=', scope.orgId)
    .where('v.status', '=', 'pending')
    .$if(branchId !== null, (q) => q.where('m.branch_id', '=', branchId as number));
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .select(['v.id', 'v.member_id', 'm.name', 'v.served_on', 'v.hours', 'v.category', 'v.created_at'])
      .orderBy('v.created_at')
      .orderBy('v.id')
      .limit(ITEMS)
      .execute(),
  ]);
  return {
    count: Number(count.n),
    items: rows.map((r) => ({
      id: r.id,
      memberId: r.member_id,
      memberName: r.name,
      title: `${r.category} ${r.hours} 小时`,
      detail: `服务日期 ${r.served_on}`,
      submittedAt: toIso(Number(r.created_at)),
    })),
  };
}

/** Leave requests waiting for approval. TODO(lead): read the check-in feature's leave requests. */
async function pendingLeave(_db: Db, _scope: Scope): Promise<PendingList> {
  return none();
}

/** Objections to points entries waiting for a decision. TODO(lead): read the points feature's objections. */
async function pendingObjections(_db: Db, _scope: Scope): Promise<PendingList> {
  return none();
}

export async function pendingWork(db: Db, scope: Scope): Promise<PendingWork> {
  const [leave, volunteer, objections] = await Promise.all([
    pendingLeave(db, scope),
    pendingVolunteer(db, scope),
    pendingObjections(db, scope),
  ]);
  return { leave, volunteer, objections };
}
