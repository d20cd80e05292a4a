// Pending work: what waits for a secretary's (or the org admin's) decision: leave requests
// for activities that have not started, volunteer records and objections to points entries.
import type { PendingItem, PendingList, PendingWork } from '../contract/dashboard.js';
import type { Db } from '../db/index.js';
import { cst, toIso } from '../lib/time.js';
import { branchOf, type Scope } from './scope.js';

const ITEMS = 20;

/** How many wait, and the oldest ITEMS of them as items. */
async function listed<Row>(
  count: Promise<{ n: number | string }>,
  rows: Promise<Row[]>,
  item: (row: Row) => PendingItem,
): Promise<PendingList> {
  const [counted, oldest] = await Promise.all([count, rows]);
  return { count: Number(counted.n), items: oldest.map(item) };
}

async function pendingVolunteer(db: Db, scope: Scope): Promise<PendingList> {
  const branchId = branchOf(scope);
  const base = db
    .selectFrom('volunteer_records as v')
    .innerJoin('members as m', 'm.id', 'v.member_id')
    .where('v.org_id', '=', scope.orgId)
    .where('v.status', '=', 'pending')
    .$if(branchId !== null, (q) => q.where('m.branch_id', '=', branchId as number));
  return listed(
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .select(['v.id', 'v.member_id', 'm.name', 'v.served_on', 'v.hours', 'v.category', 'v.created_at'])
      .orderBy('v.created_at')
      .orderBy('v.id')
      .limit(ITEMS)
      .execute(),
    (r) => ({
      id: r.id,
      memberId: r.member_id,
      memberName: r.name,
      title: `${r.category} ${r.hours} 小时`,
      detail: `服务日期 ${r.served_on}`,
      submittedAt: toIso(Number(r.created_at)),
    }),
  );
}

/** Leave requests still undecided for activities that have not started (later ones lapse). */
async function pendingLeave(db: Db, scope: Scope, now: number): Promise<PendingList> {
  const branchId = branchOf(scope);
  const base = db
    .selectFrom('leave_requests as l')
    .innerJoin('activities as a', 'a.id', 'l.activity_id')
    .innerJoin('members as m', 'm.id', 'l.member_id')
    .where('a.org_id', '=', scope.orgId)
    .where('l.status', '=', 'pending')
    .where('a.status', '=', 'scheduled')
    .where('a.starts_at', '>', now)
    .$if(branchId !== null, (q) => q.where('m.branch_id', '=', branchId as number));
  return listed(
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .select([
        'l.id',
        'l.member_id',
        'm.name',
        'a.id as activity_id',
        'a.title',
        'a.starts_at',
        'l.reason',
        'l.created_at',
      ])
      .orderBy('l.created_at')
      .orderBy('l.id')
      .limit(ITEMS)
      .execute(),
    (r) => ({
      id: r.id,
      memberId: r.member_id,
      memberName: r.name,
      title: r.title,
      detail: `${cst(Number(r.starts_at)).format('M月D日 HH:mm')} 开始 · 事由：${r.reason}`,
      submittedAt: toIso(Number(r.created_at)),
      activityId: r.activity_id,
    }),
  );
}

/** Objections to points entries waiting for the secretary's decision. */
async function pendingObjections(db: Db, scope: Scope): Promise<PendingList> {
  const branchId = branchOf(scope);
  const base = db
    .selectFrom('points_objections as o')
    .innerJoin('members as m', 'm.id', 'o.member_id')
    .innerJoin('points_ledger as e', 'e.id', 'o.entry_id')
    .where('o.org_id', '=', scope.orgId)
    .where('o.status', '=', 'pending')
    .$if(branchId !== null, (q) => q.where('m.branch_id', '=', branchId as number));
  return listed(
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .select(['o.id', 'o.member_id', 'm.name', 'e.delta', 'e.occurred_at', 'o.reason', 'o.created_at'])
      .orderBy('o.created_at')
      .orderBy('o.id')
      .limit(ITEMS)
      .execute(),
    (r) => ({
      id: r.id,
      memberId: r.member_id,
      memberName: r.name,
      title: `对 ${cst(Number(r.occurred_at)).format('YYYY年M月D日')} 的积分记录（${r.delta > 0 ? '+' : ''}${r.delta} 分）有异议`,
      detail: `理由：${r.reason}`,
      submittedAt: toIso(Number(r.created_at)),
    }),
  );
}

export async function pendingWork(db: Db, scope: Scope, now = Date.now()): Promise<PendingWork> {
  const [leave, volunteer, objections] = await Promise.all([
    pendingLeave(db, scope, now),
    pendingVolunteer(db, scope),
    pendingObjections(db, scope),
  ]);
  return { leave, volunteer, objections };
}
