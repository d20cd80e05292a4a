// The roster as the organisation keeps it: the member table (search and filters), adding a
// member by hand, editing, moving between branches (组织关系转接), deactivating and
// reactivating. The guard has loaded and checked the branch or member a call addresses.
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../auth/actor.js';
import type { Role } from '../contract/common.js';
import type {
  DeactivateBody,
  DeactivationReason,
  EditMemberBody,
  MemberRecord,
  MemberDirectory,
  MemberDirectoryQuery,
  NewMemberBody,
} from '../contract/people.js';
import type { RoleGrant } from '../contract/org.js';
import type { Db } from '../db/index.js';
import type { Database } from '../db/schema.js';
import { badRequest, conflict } from '../errors.js';
import { audit } from '../lib/audit.js';
import { cst } from '../lib/time.js';
import { pointsTransaction } from '../points/service.js';
import { moveRankScopes, removeFromRanks, restoreRanks } from '../rankings/counts.js';
import { forgetPopulation } from '../rankings/service.js';
import { liveBranch, refuseLastAdmin } from '../org/people.js';
import { visiblePhone } from './service.js';

type Executor = Kysely<Database> | Transaction<Database>;
type MemberRef = { id: number; org_id: number; branch_id: number | null; name: string };

const REASONS: Record<DeactivationReason, string> = { transferred: '转出', deceased: '去世', other: '其他' };

/** What a member record is built from: the member, their branch's name, and whether WeChat is bound. */
function recordRows(db: Executor) {
  return db
    .selectFrom('members as m')
    .leftJoin('branches as b', 'b.id', 'm.branch_id')
    .leftJoin('wechat_bindings as w', 'w.member_id', 'm.id')
    .select([
      'm.id',
      'm.org_id',
      'm.name',
      'm.phone',
      'm.branch_id',
      'm.political_status',
      'm.employment',
      'm.joined_party_on',
      'm.active',
      'm.deactivated_on',
      'm.deactivation_reason',
      'b.name as branchName',
      'w.member_id as boundId',
    ]);
}

/** Members of an organisation, or of one branch, as the member table lists them. */
export async function memberTable(
  db: Db,
  actor: Actor,
  where: { orgId: number; branchId?: number },
  query: MemberDirectoryQuery,
): Promise<MemberDirectory> {
  let members = recordRows(db).where('m.org_id', '=', where.orgId).where('m.branch_id', 'is not', null);
  const branchId = where.branchId ?? query.branchId;
  if (branchId !== undefined) members = members.where('m.branch_id', '=', branchId);
  const status = query.status ?? 'active';
  if (status !== 'all') members = members.where('m.active', '=', status === 'active' ? 1 : 0);
  if (query.employment) members = members.where('m.employment', '=', query.employment);
  if (query.bound) members = members.where('w.member_id', query.bound === 'bound' ? 'is not' : 'is', null);
  const q = query.q?.trim();
  if (q) members = members.where('m.name', 'like', `%${q.replace(/[\\%_]/g, '')}%`);
  const rows = await members.orderBy('m.branch_id').orderBy('m.id').execute();
  const grants = await grantsOf(
    db,
    rows.map((r) => r.id),
  );
  const branches = await db
    .selectFrom('branches')
    .select(['id', 'name'])
    .where('org_id', '=', where.orgId)
    .where('archived_at', 'is', null)
    .orderBy('id')
    .execute();
  return {
    items: rows.map((r) => toRecord(actor, r, grants.get(r.id) ?? [])),
    total: rows.length,
    branches: where.branchId !== undefined ? branches.filter((b) => b.id === where.branchId) : branches,
  };
}

export async function memberRecord(db: Executor, actor: Actor, memberId: number): Promise<MemberRecord> {
  const row = await recordRows(db).where('m.id', '=', memberId).executeTakeFirstOrThrow();
  const grants = await grantsOf(db, [memberId]);
  return toRecord(actor, row, grants.get(memberId) ?? []);
}

async function grantsOf(db: Executor, memberIds: number[]): Promise<Map<number, RoleGrant[]>> {
  const byMember = new Map<number, RoleGrant[]>();
  for (let i = 0; i < memberIds.length; i += 500) {
    const rows = await db
      .selectFrom('role_grants')
      .select(['member_id', 'role', 'branch_id'])
      .where('member_id', 'in', memberIds.slice(i, i + 500))
      .orderBy('id')
      .execute();
    for (const g of rows) {
      byMember.set(g.member_id, [
        ...(byMember.get(g.member_id) ?? []),
        { role: g.role as Role, branchId: g.branch_id },
      ]);
    }
  }
  return byMember;
}

function toRecord(
  actor: Actor,
  r: {
    id: number;
    name: string;
    phone: string | null;
    branch_id: number | null;
    political_status: string;
    employment: string;
    joined_party_on: string | null;
    active: number;
    deactivated_on: string | null;
    deactivation_reason: string | null;
    branchName: string | null;
    boundId: number | null;
  },
  grants: RoleGrant[],
): MemberRecord {
  return {
    id: r.id,
    name: r.name,
    phone: visiblePhone(actor, r),
    politicalStatus: r.political_status as MemberRecord['politicalStatus'],
    employment: r.employment as MemberRecord['employment'],
    joinedPartyOn: r.joined_party_on,
    branch: r.branch_id !== null && r.branchName !== null ? { id: r.branch_id, name: r.branchName } : null,
    roles: [...new Set(grants.map((g) => g.role))],
    wechatBound: r.boundId !== null,
    active: Boolean(r.active),
    deactivatedOn: r.deactivated_on,
    deactivationReason: r.deactivation_reason as DeactivationReason | null,
    grants,
  };
}

const today = (now: number) => cst(now).format('YYYY-MM-DD');

function refuseFutureDate(date: string | null | undefined, now: number, what: string) {
  if (date && date > today(now)) throw badRequest('DATE_IN_FUTURE', `${what}不能晚于今天`);
}

/** Adds a member by hand to a branch; they hold `member` like every roster entry. */
export async function addMember(
  db: Db,
  actor: Actor,
  branch: { id: number; org_id: number },
  body: NewMemberBody,
  now = Date.now(),
): Promise<MemberRecord> {
  await liveBranch(db, branch.org_id, branch.id);
  refuseFutureDate(body.joinedPartyOn, now, '入党日期');
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('members')
      .values({
        org_id: branch.org_id,
        branch_id: branch.id,
        name: body.name.trim(),
        phone: body.phone ?? null,
        gender: null,
        political_status: body.politicalStatus,
        employment: body.employment,
        joined_party_on: body.joinedPartyOn ?? null,
        active: 1,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('role_grants')
      .values({ member_id: row.id, org_id: branch.org_id, role: 'member', branch_id: null, created_at: now })
      .execute();
    await audit(
      trx,
      {
        orgId: branch.org_id,
        actorId: actor.memberId,
        action: 'member.create',
        targetType: 'member',
        targetId: row.id,
        detail: { name: body.name.trim(), branchId: branch.id },
      },
      now,
    );
    return row.id;
  });
  forgetPopulation();
  return memberRecord(db, actor, id);
}

/** Edits a member's particulars; 在职 → 退休 (and back) is audited as such. */
export async function editMember(
  db: Db,
  actor: Actor,
  member: MemberRef,
  body: EditMemberBody,
  now = Date.now(),
): Promise<MemberRecord> {
  refuseFutureDate(body.joinedPartyOn, now, '入党日期');
  const current = await db.selectFrom('members').selectAll().where('id', '=', member.id).executeTakeFirstOrThrow();
  const next = {
    name: body.name?.trim() ?? current.name,
    phone: body.phone !== undefined ? body.phone : current.phone,
    employment: body.employment ?? current.employment,
    political_status: body.politicalStatus ?? current.political_status,
    joined_party_on: body.joinedPartyOn !== undefined ? body.joinedPartyOn : current.joined_party_on,
  };
  const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== current[k]);
  if (changed.length > 0) {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('members').set(next).where('id', '=', member.id).execute();
      const onlyEmployment = changed.length === 1 && changed[0] === 'employment';
      await audit(
        trx,
        {
          orgId: member.org_id,
          actorId: actor.memberId,
          action: onlyEmployment
            ? next.employment === 'retired'
              ? 'member.retire'
              : 'member.unretire'
            : 'member.update',
          targetType: 'member',
          targetId: member.id,
          // Which fields changed, not their values: the log is read more widely than the roster.
          detail: { fields: changed },
        },
        now,
      );
    });
  }
  return memberRecord(db, actor, member.id);
}

/**
 * 组织关系转接 within the organisation. The ledger keeps each entry's branch (history stays
 * where it happened); the open years' totals and every rank period move with the member,
 * in one transaction with the move, and the Redis mirror follows after the commit.
 * Appointments in the old branch end with the move.
 */
export async function moveMember(
  db: Db,
  actor: Actor,
  member: MemberRef,
  toBranchId: number,
  now = Date.now(),
): Promise<MemberRecord> {
  if (member.branch_id === toBranchId) throw conflict('ALREADY_IN_BRANCH', `${member.name}已在该支部`);
  const target = await liveBranch(db, member.org_id, toBranchId);
  await pointsTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom('members')
      .select('active')
      .where('id', '=', member.id)
      .executeTakeFirstOrThrow();
    if (!current.active) throw conflict('MEMBER_INACTIVE', '该党员已停用，请先恢复再转接');
    // The totals rows first: the points core takes the same row lock before it writes, so an
    // award racing the move waits for it and then sees the new branch.
    const closed = trx.selectFrom('points_years').select('year').where('org_id', '=', member.org_id);
    await trx
      .updateTable('points_totals')
      .set({ branch_id: target.id, updated_at: now })
      .where('member_id', '=', member.id)
      .where('year', 'not in', closed)
      .execute();
    await trx.updateTable('members').set({ branch_id: target.id }).where('id', '=', member.id).execute();
    await moveRankScopes(trx, member.id, target.id);
    const ended = member.branch_id === null ? [] : await endBranchRoles(trx, member.id, member.branch_id);
    await audit(
      trx,
      {
        orgId: member.org_id,
        actorId: actor.memberId,
        action: 'member.move',
        targetType: 'member',
        targetId: member.id,
        detail: { fromBranchId: member.branch_id, toBranchId: target.id, endedRoles: ended },
      },
      now,
    );
  });
  forgetPopulation();
  return memberRecord(db, actor, member.id);
}

async function endBranchRoles(trx: Transaction<Database>, memberId: number, branchId: number | null) {
  let grants = trx
    .selectFrom('role_grants')
    .select(['id', 'role'])
    .where('member_id', '=', memberId)
    .where('role', 'in', ['secretary', 'branch_manager']);
  if (branchId !== null) grants = grants.where('branch_id', '=', branchId);
  const rows = await grants.execute();
  if (rows.length) {
    await trx
      .deleteFrom('role_grants')
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
  }
  return rows.map((r) => r.role);
}

/**
 * 转出 / 去世 / 其他: the member's records stay; their sessions and unused invites end now,
 * they drop out of new audiences, of every rate (which count active members only) and of
 * the rankings, and their appointments end. The last org admin cannot be deactivated.
 */
export async function deactivateMember(
  db: Db,
  actor: Actor,
  member: MemberRef,
  body: DeactivateBody,
  now = Date.now(),
): Promise<MemberRecord> {
  refuseFutureDate(body.on, now, '停用日期');
  await pointsTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom('members')
      .select('active')
      .where('id', '=', member.id)
      .executeTakeFirstOrThrow();
    if (!current.active) throw conflict('MEMBER_INACTIVE', `${member.name}已停用`);
    const isAdmin = await trx
      .selectFrom('role_grants')
      .select('id')
      .where('member_id', '=', member.id)
      .where('role', '=', 'org_admin')
      .executeTakeFirst();
    if (isAdmin) await refuseLastAdmin(trx, member.org_id, member.id);
    await trx
      .updateTable('members')
      .set({ active: 0, deactivated_on: body.on, deactivation_reason: body.reason })
      .where('id', '=', member.id)
      .execute();
    await removeFromRanks(trx, member.id);
    const sessions = await trx.deleteFrom('sessions').where('member_id', '=', member.id).executeTakeFirst();
    await trx
      .updateTable('invites')
      .set({ expires_at: now })
      .where('member_id', '=', member.id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .execute();
    const ended = await endBranchRoles(trx, member.id, null);
    if (isAdmin) {
      await trx.deleteFrom('role_grants').where('member_id', '=', member.id).where('role', '=', 'org_admin').execute();
      ended.push('org_admin');
    }
    await audit(
      trx,
      {
        orgId: member.org_id,
        actorId: actor.memberId,
        action: 'member.deactivate',
        targetType: 'member',
        targetId: member.id,
        detail: {
          reason: body.reason,
          reasonLabel: REASONS[body.reason],
          on: body.on,
          note: body.note ?? null,
          endedRoles: ended,
          sessionsEnded: Number(sessions.numDeletedRows),
        },
      },
      now,
    );
  });
  forgetPopulation();
  return memberRecord(db, actor, member.id);
}

/** Back on the roster, in the old branch or the one named; appointments are not restored. */
export async function reactivateMember(
  db: Db,
  actor: Actor,
  member: MemberRef,
  branchId: number | undefined,
  now = Date.now(),
): Promise<MemberRecord> {
  const current = await db.selectFrom('members').select('active').where('id', '=', member.id).executeTakeFirstOrThrow();
  if (current.active) throw conflict('MEMBER_ACTIVE', `${member.name}未停用，无需恢复`);
  const toBranch = branchId ?? member.branch_id;
  if (toBranch === null) throw badRequest('BRANCH_REQUIRED', '请选择恢复到哪个支部');
  await liveBranch(db, member.org_id, toBranch);
  await pointsTransaction(db, async (trx) => {
    await trx
      .updateTable('members')
      .set({ active: 1, deactivated_on: null, deactivation_reason: null })
      .where('id', '=', member.id)
      .execute();
    if (toBranch !== member.branch_id) {
      const closed = trx.selectFrom('points_years').select('year').where('org_id', '=', member.org_id);
      await trx
        .updateTable('points_totals')
        .set({ branch_id: toBranch, updated_at: now })
        .where('member_id', '=', member.id)
        .where('year', 'not in', closed)
        .execute();
      await trx.updateTable('members').set({ branch_id: toBranch }).where('id', '=', member.id).execute();
    }
    await restoreRanks(trx, member.id);
    await audit(
      trx,
      {
        orgId: member.org_id,
        actorId: actor.memberId,
        action: 'member.reactivate',
        targetType: 'member',
        targetId: member.id,
        detail: { branchId: toBranch },
      },
      now,
    );
  });
  forgetPopulation();
  return memberRecord(db, actor, member.id);
}
