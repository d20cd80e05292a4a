// The printable sign-in sheet (签到表) of one activity: its invitees with what is on record.
import type { Actor } from '../auth/actor.js';
import type { SignInSheet } from '../contract/dashboard.js';
import type { Db } from '../db/index.js';
import { notFound } from '../errors.js';
import { toIso } from '../lib/time.js';

type Status = SignInSheet['rows'][number]['status'];

export async function signInSheet(db: Db, actor: Actor, activityId: number): Promise<SignInSheet> {
  const activity = await db
    .selectFrom('activities as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .leftJoin('branches as b', 'b.id', 'a.branch_id')
    .select([
      'a.id',
      'a.org_id',
      'a.branch_id',
      'a.title',
      'a.type',
      'a.topic',
      'a.place',
      'a.starts_at',
      'a.ends_at',
      'a.status',
      'b.name as branch_name',
      'o.name as org_name',
    ])
    .where('a.id', '=', activityId)
    .executeTakeFirst();
  if (!activity) throw notFound('活动');
  // The guard let in a manager of the activity (or, for one of the whole organisation, any
  // manager of it); a secretary sees only the own branches' invitees of an org-wide activity.
  const onlyBranches = activity.branch_id === null && !actor.isOrgAdmin ? actor.managerOf : null;
  const rows = await db
    .selectFrom('activity_invitees as i')
    .innerJoin('members as m', 'm.id', 'i.member_id')
    .leftJoin('branches as b', 'b.id', 'm.branch_id')
    .leftJoin('attendance as at', (join) =>
      join.onRef('at.activity_id', '=', 'i.activity_id').onRef('at.member_id', '=', 'i.member_id'),
    )
    .select(['m.id', 'm.name', 'b.name as branch_name', 'at.status', 'at.checked_in_at'])
    .where('i.activity_id', '=', activity.id)
    .$if(onlyBranches !== null, (q) => q.where('m.branch_id', 'in', onlyBranches as number[]))
    .orderBy('m.branch_id')
    .orderBy('m.id')
    .execute();
  return {
    activity: {
      id: activity.id,
      title: activity.title,
      type: activity.type,
      topic: activity.topic,
      place: activity.place,
      startsAt: toIso(Number(activity.starts_at)),
      endsAt: toIso(Number(activity.ends_at)),
      status: activity.status,
      branchName: activity.branch_name,
      orgName: activity.org_name,
    },
    rows: rows.map((r) => ({
      memberId: r.id,
      name: r.name,
      branchName: r.branch_name,
      status: (r.status ?? null) as Status,
      checkedInAt: r.checked_in_at === null ? null : toIso(Number(r.checked_in_at)),
    })),
  };
}
