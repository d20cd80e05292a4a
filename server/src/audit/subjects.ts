// Who and what an audit entry is about, in one place. audit_log keeps only
// (target_type, target_id, detail); the member an action affects and the branch its target
// belongs to are found here, by target type, so the org, branch and member views agree.
//
//   target_type       affected member                    branch of the target
//   member            the target                         -
//   points_entry      the ledger entry's member          the entry's branch (at the time)
//   leave_request     the request's member               the activity's branch
//   volunteer_record  the record's member                the record's branch (at the time)
//   points_objection  the objection's member             the objection's branch
//   activity          detail.memberId (roster marks)     the activity's branch
//   quiz              -                                  the quiz's branch
//   branch            -                                  the branch itself (also roster import, invite sheet)
//   anything else     detail.memberId, if recorded       -
//
// A secretary's view is the union: entries whose target lies in the branch, and entries
// about a member who is in the branch now.
import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from '../db/index.js';

const targetId = sql`cast(audit_log.target_id as integer)`;

/** `detail.memberId` of the outer audit_log row, read as JSON by the dialect at hand. */
function detailMemberId(dialect: Dialect): RawBuilder<number | null> {
  return dialect === 'sqlite'
    ? sql<number | null>`cast(json_extract(audit_log.detail, '$.memberId') as integer)`
    : sql<number | null>`cast(cast(audit_log.detail as jsonb) ->> 'memberId' as integer)`;
}

/** The member an audit entry affects, or null when it is about no one member. */
export function affectedMemberId(dialect: Dialect): RawBuilder<number | null> {
  return sql<number | null>`case audit_log.target_type
    when 'member' then ${targetId}
    when 'points_entry' then (select pl.member_id from points_ledger pl where pl.id = ${targetId})
    when 'leave_request' then (select lr.member_id from leave_requests lr where lr.id = ${targetId})
    when 'volunteer_record' then (select vr.member_id from volunteer_records vr where vr.id = ${targetId})
    when 'points_objection' then (select po.member_id from points_objections po where po.id = ${targetId})
    else ${detailMemberId(dialect)} end`;
}

/** The branch the entry's target belongs to; null for organisation-wide targets. */
export function targetBranchId(): RawBuilder<number | null> {
  return sql<number | null>`case audit_log.target_type
    when 'activity' then (select a.branch_id from activities a where a.id = ${targetId})
    when 'leave_request' then (select a.branch_id from leave_requests lr join activities a on a.id = lr.activity_id where lr.id = ${targetId})
    when 'points_entry' then (select pl.branch_id from points_ledger pl where pl.id = ${targetId})
    when 'volunteer_record' then (select vr.branch_id from volunteer_records vr where vr.id = ${targetId})
    when 'points_objection' then (select po.branch_id from points_objections po where po.id = ${targetId})
    when 'quiz' then (select q.branch_id from quizzes q where q.id = ${targetId})
    when 'branch' then ${targetId}
    else null end`;
}
