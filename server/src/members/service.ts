import type { Db } from '../db/index.js';
import type { Actor } from '../auth/actor.js';
import type { RosterMember } from '../contract/org.js';
import type { Role } from '../contract/common.js';
import type { Me } from '../contract/auth.js';
import { notFound } from '../errors.js';
import { maskPhone } from '../lib/crypto.js';
import { yearOf } from '../lib/time.js';
import { pointsSummary } from '../points/service.js';

type Politics = RosterMember['politicalStatus'];
type Employment = RosterMember['employment'];

/**
 * A phone number is shown in full only to the member and to the managers of their own branch
 * (the secretary and any other branch manager, who keep its roster); everyone else (the org
 * admin included) sees it masked.
 */
export function visiblePhone(actor: Actor, member: { id: number; branch_id: number | null; phone: string | null }) {
  const own = actor.memberId === member.id;
  const ownManager = member.branch_id !== null && actor.managerOf.includes(member.branch_id);
  return own || ownManager ? member.phone : maskPhone(member.phone);
}

export async function rosterOf(db: Db, actor: Actor, branch: { id: number; name: string }): Promise<RosterMember[]> {
  const [members, grants, bindings] = await Promise.all([
    db
      .selectFrom('members')
      .selectAll()
      .where('branch_id', '=', branch.id)
      .where('active', '=', 1)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('role_grants')
      .innerJoin('members', 'members.id', 'role_grants.member_id')
      .select(['role_grants.member_id', 'role_grants.role'])
      .where('members.branch_id', '=', branch.id)
      .execute(),
    db
      .selectFrom('wechat_bindings')
      .innerJoin('members', 'members.id', 'wechat_bindings.member_id')
      .select('wechat_bindings.member_id')
      .where('members.branch_id', '=', branch.id)
      .execute(),
  ]);
  const bound = new Set(bindings.map((b) => b.member_id));
  return members.map((m) => ({
    id: m.id,
    name: m.name,
    phone: visiblePhone(actor, m),
    politicalStatus: m.political_status as Politics,
    employment: m.employment as Employment,
    joinedPartyOn: m.joined_party_on,
    branch: { id: branch.id, name: branch.name },
    roles: [...new Set(grants.filter((g) => g.member_id === m.id).map((g) => g.role as Role))],
    wechatBound: bound.has(m.id),
  }));
}

/** The signed-in person's profile, roles and (for a member) this year's points. */
export async function profileOf(db: Db, actor: Actor): Promise<Me> {
  const row = await db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .leftJoin('branches', 'branches.id', 'members.branch_id')
    .select([
      'members.id',
      'members.name',
      'members.phone',
      'members.branch_id',
      'members.political_status',
      'members.employment',
      'members.joined_party_on',
      'orgs.id as orgId',
      'orgs.name as orgName',
      'branches.name as branchName',
    ])
    .where('members.id', '=', actor.memberId)
    .executeTakeFirst();
  if (!row) throw notFound('党员');
  const isMember = actor.roles.includes('member');
  return {
    id: row.id,
    name: row.name,
    phone: visiblePhone(actor, row),
    politicalStatus: row.political_status as Me['politicalStatus'],
    employment: row.employment as Me['employment'],
    joinedPartyOn: row.joined_party_on,
    org: { id: row.orgId, name: row.orgName },
    branch: row.branch_id !== null && row.branchName !== null ? { id: row.branch_id, name: row.branchName } : null,
    roles: actor.roles,
    grants: actor.grants,
    points: isMember ? await pointsSummary(db, actor.memberId, actor.orgId, yearOf(Date.now())) : null,
  };
}
