// The organisation's own structure, kept by its admin: branches (create, rename, archive
// when empty) and who manages what (secretaries, other branch managers, org admins).
// The guard has loaded and checked the org, branch or member a call addresses; these
// functions apply the domain's rules and audit every change in the same transaction.
import type { Transaction } from 'kysely';
import type { Actor } from '../auth/actor.js';
import type { BranchSaved, GrantableRole, RoleChangeBody, RoleHolders } from '../contract/people.js';
import type { Db } from '../db/index.js';
import type { Database } from '../db/schema.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { audit } from '../lib/audit.js';

const ROLE_NAMES: Record<GrantableRole, string> = {
  secretary: '支部书记',
  branch_manager: '支部管理人员',
  org_admin: '组织管理员',
};

async function refuseTakenName(db: Db, orgId: number, name: string, exceptId?: number) {
  let query = db.selectFrom('branches').select('id').where('org_id', '=', orgId).where('name', '=', name);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw conflict('BRANCH_NAME_TAKEN', `已有名为“${name}”的支部`);
}

export async function createBranch(db: Db, actor: Actor, orgId: number, rawName: string, now = Date.now()) {
  const name = rawName.trim();
  await refuseTakenName(db, orgId, name);
  return db.transaction().execute(async (trx): Promise<BranchSaved> => {
    const row = await trx
      .insertInto('branches')
      .values({ org_id: orgId, name, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(
      trx,
      {
        orgId,
        actorId: actor.memberId,
        action: 'branch.create',
        targetType: 'branch',
        targetId: row.id,
        detail: { name },
      },
      now,
    );
    return { id: row.id, name, archived: false };
  });
}

export async function renameBranch(
  db: Db,
  actor: Actor,
  branch: { id: number; org_id: number; name: string },
  rawName: string,
  now = Date.now(),
): Promise<BranchSaved> {
  const name = rawName.trim();
  const current = await db
    .selectFrom('branches')
    .select('archived_at')
    .where('id', '=', branch.id)
    .executeTakeFirstOrThrow();
  if (name !== branch.name) {
    await refuseTakenName(db, branch.org_id, name, branch.id);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('branches').set({ name }).where('id', '=', branch.id).execute();
      await audit(
        trx,
        {
          orgId: branch.org_id,
          actorId: actor.memberId,
          action: 'branch.rename',
          targetType: 'branch',
          targetId: branch.id,
          detail: { from: branch.name, to: name },
        },
        now,
      );
    });
  }
  return { id: branch.id, name, archived: current.archived_at !== null };
}

/** Only an empty branch is archived: its history stays, it takes no new members. */
export async function archiveBranch(
  db: Db,
  actor: Actor,
  branch: { id: number; org_id: number; name: string },
  now = Date.now(),
): Promise<BranchSaved> {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('branches')
      .select('archived_at')
      .where('id', '=', branch.id)
      .executeTakeFirstOrThrow();
    if (current.archived_at !== null) return { id: branch.id, name: branch.name, archived: true };
    const members = await trx
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('branch_id', '=', branch.id)
      .where('active', '=', 1)
      .executeTakeFirstOrThrow();
    if (Number(members.n) > 0) {
      throw conflict(
        'BRANCH_NOT_EMPTY',
        `该支部还有 ${Number(members.n)} 名党员，请先把他们转到其他支部或办理停用，再撤销支部`,
      );
    }
    await trx.updateTable('branches').set({ archived_at: now }).where('id', '=', branch.id).execute();
    // Nobody manages a branch that is gone.
    await trx
      .deleteFrom('role_grants')
      .where('branch_id', '=', branch.id)
      .where('role', 'in', ['secretary', 'branch_manager'])
      .execute();
    await audit(
      trx,
      {
        orgId: branch.org_id,
        actorId: actor.memberId,
        action: 'branch.archive',
        targetType: 'branch',
        targetId: branch.id,
        detail: { name: branch.name },
      },
      now,
    );
    return { id: branch.id, name: branch.name, archived: true };
  });
}

/** Refuses an archived or missing branch of another organisation as the place for a member or a role. */
export async function liveBranch(db: Db, orgId: number, branchId: number) {
  const branch = await db
    .selectFrom('branches')
    .select(['id', 'name', 'org_id', 'archived_at'])
    .where('id', '=', branchId)
    .executeTakeFirst();
  if (!branch || branch.org_id !== orgId) throw notFound('支部');
  if (branch.archived_at !== null) throw conflict('BRANCH_ARCHIVED', `“${branch.name}”已撤销，不能再安排党员或职务`);
  return branch;
}

export async function roleHolders(db: Db, orgId: number): Promise<RoleHolders> {
  const rows = await db
    .selectFrom('role_grants as g')
    .innerJoin('members as m', 'm.id', 'g.member_id')
    .leftJoin('branches as b', 'b.id', 'g.branch_id')
    .select(['g.member_id', 'm.name', 'g.role', 'g.branch_id', 'b.name as branchName'])
    .where('g.org_id', '=', orgId)
    .where('g.role', 'in', ['secretary', 'branch_manager', 'org_admin'])
    .orderBy('g.role')
    .orderBy('g.branch_id')
    .orderBy('g.id')
    .execute();
  return {
    items: rows.map((r) => ({
      memberId: r.member_id,
      name: r.name,
      role: r.role as GrantableRole,
      branch: r.branch_id !== null && r.branchName !== null ? { id: r.branch_id, name: r.branchName } : null,
    })),
  };
}

type MemberRow = { id: number; org_id: number; branch_id: number | null; name: string };

/** The branch a role names: a branch role needs one (the member's own), an org admin none. */
function branchOfRole(member: MemberRow, change: RoleChangeBody): number | null {
  if (change.role === 'org_admin') {
    if (change.branchId !== undefined)
      throw badRequest('ROLE_TAKES_NO_BRANCH', '组织管理员不属于某个支部，无需选择支部');
    return null;
  }
  const branchId = change.branchId ?? member.branch_id;
  if (branchId === null) throw badRequest('ROLE_NEEDS_BRANCH', `${ROLE_NAMES[change.role]}须指定支部`);
  return branchId;
}

/** Appoints a member; the guard has refused a self-appointment (decides). Idempotent. */
export async function grantRole(db: Db, actor: Actor, member: MemberRow, change: RoleChangeBody, now = Date.now()) {
  const branchId = branchOfRole(member, change);
  const person = await db.selectFrom('members').select('active').where('id', '=', member.id).executeTakeFirstOrThrow();
  if (!person.active) throw conflict('MEMBER_INACTIVE', '该党员已停用，不能任职');
  if (branchId !== null) {
    const branch = await liveBranch(db, member.org_id, branchId);
    if (member.branch_id !== branch.id) {
      throw conflict('MEMBER_NOT_IN_BRANCH', `${member.name}不是“${branch.name}”的党员，请先转入该支部再任职`);
    }
  }
  return db.transaction().execute(async (trx) => {
    let existing = trx
      .selectFrom('role_grants')
      .select('id')
      .where('member_id', '=', member.id)
      .where('role', '=', change.role);
    existing = branchId === null ? existing.where('branch_id', 'is', null) : existing.where('branch_id', '=', branchId);
    if (await existing.executeTakeFirst()) return { changed: false };
    await trx
      .insertInto('role_grants')
      .values({ member_id: member.id, org_id: member.org_id, role: change.role, branch_id: branchId, created_at: now })
      .execute();
    await audit(
      trx,
      {
        orgId: member.org_id,
        actorId: actor.memberId,
        action: 'role.grant',
        targetType: 'member',
        targetId: member.id,
        detail: { role: change.role, branchId },
      },
      now,
    );
    return { changed: true };
  });
}

/**
 * Ends an appointment. Stepping down oneself is allowed, except for the last org admin: an
 * organisation always keeps someone who can appoint.
 */
export async function revokeRole(db: Db, actor: Actor, member: MemberRow, change: RoleChangeBody, now = Date.now()) {
  const branchId = change.role === 'org_admin' ? null : (change.branchId ?? member.branch_id);
  return db.transaction().execute(async (trx) => {
    let grant = trx
      .selectFrom('role_grants')
      .select('id')
      .where('member_id', '=', member.id)
      .where('role', '=', change.role);
    grant = branchId === null ? grant.where('branch_id', 'is', null) : grant.where('branch_id', '=', branchId);
    const found = await grant.executeTakeFirst();
    if (!found) return { changed: false };
    if (change.role === 'org_admin') await refuseLastAdmin(trx, member.org_id, member.id);
    await trx.deleteFrom('role_grants').where('id', '=', found.id).execute();
    await audit(
      trx,
      {
        orgId: member.org_id,
        actorId: actor.memberId,
        action: 'role.revoke',
        targetType: 'member',
        targetId: member.id,
        detail: { role: change.role, branchId },
      },
      now,
    );
    return { changed: true };
  });
}

/** Refuses to leave the organisation without an org admin (when `memberId` stops being one). */
export async function refuseLastAdmin(db: Db | Transaction<Database>, orgId: number, memberId: number) {
  const others = await db
    .selectFrom('role_grants as g')
    .innerJoin('members as m', 'm.id', 'g.member_id')
    .select('g.id')
    .where('g.org_id', '=', orgId)
    .where('g.role', '=', 'org_admin')
    .where('g.member_id', '!=', memberId)
    .where('m.active', '=', 1)
    .limit(1)
    .execute();
  if (others.length === 0) {
    throw conflict('LAST_ORG_ADMIN', '这是本单位唯一的组织管理员，请先任命另一位组织管理员');
  }
}
