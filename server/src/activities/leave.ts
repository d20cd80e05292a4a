// A member takes back their own leave request while the secretary has not decided it.
// The request is removed (nothing was decided, so nothing is worth keeping); asking again
// later starts a fresh request.
import type { Db } from '../db/index.js';
import type { LeaveRow } from './repo.js';
import { conflict } from '../errors.js';

export const leaveNotPending = () =>
  conflict('LEAVE_NOT_PENDING', '该请假申请已处理，不能撤回；如有变化，请联系支部书记');

/** Deletes the request only while it is still pending: a decision taken in between wins. */
export async function withdrawLeave(db: Db, leave: LeaveRow): Promise<void> {
  if (leave.status !== 'pending') throw leaveNotPending();
  const deleted = await db
    .deleteFrom('leave_requests')
    .where('id', '=', leave.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0) throw leaveNotPending();
}
