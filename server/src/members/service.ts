import type { Db } from '../db/index.js';
import type { Actor } from '../auth/actor.js';
import type { RosterMember } from '../contract/org.js';
import type { Role } from '../contract/common.js';
import { maskPhone } from '../lib/crypto.js';

type Politics = RosterMember['politicalStatus'];
type Employment = RosterMember['employment'];

/**
 * A phone number is shown in full only to the member and to their own branch secretary;
 * everyone else (the org admin included) sees it masked.
 */
export function visiblePhone(actor: Actor, member: { id: number; branch_id: number | null; phone: string | null }) {
  const own = actor.memberId === member.id;
  const ownSecretary = member.branch_id !== null && actor.secretaryOf.includes(member.branch_id);
  return own || ownSecretary ? member.phone : maskPhone(member.phone);
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
