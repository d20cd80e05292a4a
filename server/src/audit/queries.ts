// Reading the audit log: one query shape for the organisation, a branch and a member,
// newest first, with the affected member resolved by ./subjects.ts.
import { sql } from 'kysely';
import type { AuditKind } from '../contract/audit.js';
import type { Db, Dialect } from '../db/index.js';
import { actionsOfKind, MEMBER_VISIBLE_ACTIONS } from './actions.js';
import { affectedMemberId, targetBranchId } from './subjects.js';

/** Whose entries: all of an organisation, those about one branch, or those about oneself. */
export type AuditScope =
  | { orgId: number; kind: 'org' }
  | { orgId: number; kind: 'branch'; branchId: number }
  | { orgId: number; kind: 'self'; memberId: number };

export interface AuditFilters {
  memberId?: number;
  actorId?: number;
  kind?: AuditKind;
}

export interface AuditRow {
  id: number;
  action: string;
  target_type: string;
  target_id: string;
  detail: string | null;
  created_at: number;
  actor_id: number | null;
  actor_name: string | null;
  member_id: number | null;
  member_name: string | null;
}

function scoped(db: Db, dialect: Dialect, scope: AuditScope, filters: AuditFilters) {
  const inner = db
    .selectFrom('audit_log')
    .select([
      'audit_log.id',
      'audit_log.actor_id',
      'audit_log.action',
      'audit_log.target_type',
      'audit_log.target_id',
      'audit_log.detail',
      'audit_log.created_at',
      affectedMemberId(dialect).as('member_id'),
      targetBranchId().as('target_branch_id'),
    ])
    .where('audit_log.org_id', '=', scope.orgId)
    .$if(filters.actorId !== undefined, (q) => q.where('audit_log.actor_id', '=', filters.actorId as number))
    .$if(filters.kind !== undefined && filters.kind !== 'other', (q) =>
      q.where('audit_log.action', 'in', actionsOfKind(filters.kind as AuditKind)),
    )
    .$if(filters.kind === 'other', (q) => q.where('audit_log.action', 'not in', actionsOfKind('other')));

  return db
    .selectFrom(inner.as('e'))
    .leftJoin('members as m', 'm.id', 'e.member_id')
    .leftJoin('members as actor', 'actor.id', 'e.actor_id')
    .$if(filters.memberId !== undefined, (q) => q.where('e.member_id', '=', filters.memberId as number))
    .$if(scope.kind === 'branch', (q) => {
      const branchId = (scope as { branchId: number }).branchId;
      return q.where((eb) => eb.or([eb('e.target_branch_id', '=', branchId), eb('m.branch_id', '=', branchId)]));
    })
    .$if(scope.kind === 'self', (q) => {
      const memberId = (scope as { memberId: number }).memberId;
      return q.where((eb) =>
        eb.or([
          eb.and([eb('e.member_id', '=', memberId), eb('e.action', 'in', MEMBER_VISIBLE_ACTIONS)]),
          // Closing an activity marks the unrecorded absent in bulk: the entry names no
          // member, so it is found through the absence it wrote (same instant, no method).
          eb.and([
            eb('e.action', '=', 'activity.close'),
            eb.exists(
              eb
                .selectFrom('attendance as at')
                .select(sql`1`.as('one'))
                .where(sql<boolean>`at.activity_id = cast(e.target_id as integer)`)
                .where('at.member_id', '=', memberId)
                .where('at.method', 'is', null)
                .whereRef('at.created_at', '=', 'e.created_at'),
            ),
          ]),
        ]),
      );
    });
}

export async function listAudit(
  db: Db,
  dialect: Dialect,
  scope: AuditScope,
  filters: AuditFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const base = scoped(db, dialect, scope, filters);
  const [rows, count] = await Promise.all([
    base
      .select([
        'e.id',
        'e.action',
        'e.target_type',
        'e.target_id',
        'e.detail',
        'e.created_at',
        'e.actor_id',
        'actor.name as actor_name',
        'e.member_id',
        'm.name as member_name',
      ])
      .orderBy('e.created_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as AuditRow[], total: Number(count.n) };
}
