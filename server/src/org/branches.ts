// The organisation's branches and the one-time invites that bind a roster member to WeChat.
import type { Actor } from '../auth/actor.js';
import type { Invite } from '../contract/auth.js';
import type { BranchList } from '../contract/org.js';
import type { Db } from '../db/index.js';
import { badRequest, notFound } from '../errors.js';
import { audit } from '../lib/audit.js';
import { newInviteCode } from '../lib/crypto.js';
import { toIso } from '../lib/time.js';

/** The organisation's branches with their active member counts, secretaries and other managers. */
export async function branchesOf(db: Db, orgId: number): Promise<BranchList> {
  const [orgRow, branches, counts, unbound, managers] = await Promise.all([
    db.selectFrom('orgs').select(['id', 'name']).where('id', '=', orgId).executeTakeFirstOrThrow(),
    db
      .selectFrom('branches')
      .select(['id', 'name', 'archived_at', 'sandbox'])
      .where('org_id', '=', orgId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('members')
      .select((eb) => ['branch_id', eb.fn.countAll<number>().as('n')])
      .where('org_id', '=', orgId)
      .where('active', '=', 1)
      .groupBy('branch_id')
      .execute(),
    db
      .selectFrom('members')
      .leftJoin('wechat_bindings', 'wechat_bindings.member_id', 'members.id')
      .select((eb) => ['members.branch_id', eb.fn.countAll<number>().as('n')])
      .where('members.org_id', '=', orgId)
      .where('members.active', '=', 1)
      .where('wechat_bindings.member_id', 'is', null)
      .groupBy('members.branch_id')
      .execute(),
    db
      .selectFrom('role_grants')
      .innerJoin('members', 'members.id', 'role_grants.member_id')
      .select(['role_grants.branch_id', 'role_grants.role', 'members.id', 'members.name'])
      .where('role_grants.org_id', '=', orgId)
      .where('role_grants.role', 'in', ['secretary', 'branch_manager'])
      .orderBy('role_grants.id')
      .execute(),
  ]);
  const countOf = new Map(counts.map((c) => [c.branch_id, Number(c.n)]));
  const unboundOf = new Map(unbound.map((c) => [c.branch_id, Number(c.n)]));
  const holders = (branchId: number, role: string) =>
    managers.filter((m) => m.branch_id === branchId && m.role === role).map((m) => ({ id: m.id, name: m.name }));
  return {
    org: orgRow,
    branches: branches.map((b) => ({
      id: b.id,
      name: b.name,
      memberCount: countOf.get(b.id) ?? 0,
      secretaries: holders(b.id, 'secretary'),
      managers: holders(b.id, 'branch_manager'),
      unboundCount: unboundOf.get(b.id) ?? 0,
      archived: b.archived_at !== null,
      ...(Number(b.sandbox) === 1 ? { sandbox: true as const } : {}),
    })),
  };
}

/** A new 8-character code for a member of the branch; it voids any unused earlier one. */
export async function issueInvite(
  db: Db,
  actor: Actor,
  branch: { id: number },
  memberId: number,
  ttlMs: number,
  now = Date.now(),
): Promise<Invite> {
  const member = await db
    .selectFrom('members')
    .select(['id', 'name', 'branch_id', 'active'])
    .where('id', '=', memberId)
    .executeTakeFirst();
  if (!member || !member.active) throw notFound('党员');
  if (member.branch_id !== branch.id) throw badRequest('MEMBER_NOT_IN_BRANCH', '该党员不属于本支部');
  const expiresAt = now + ttlMs;
  const code = newInviteCode();
  await db.transaction().execute(async (trx) => {
    // A new code replaces any unused one, so only the latest handed-out code works.
    await trx
      .updateTable('invites')
      .set({ expires_at: now })
      .where('member_id', '=', member.id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .execute();
    await trx
      .insertInto('invites')
      .values({
        code,
        member_id: member.id,
        issued_by: actor.memberId,
        expires_at: expiresAt,
        used_at: null,
        created_at: now,
      })
      .execute();
    await audit(
      trx,
      {
        orgId: actor.orgId,
        actorId: actor.memberId,
        action: 'invite.issue',
        targetType: 'member',
        targetId: member.id,
      },
      now,
    );
  });
  return { code, memberId: member.id, memberName: member.name, expiresAt: toIso(expiresAt) };
}
