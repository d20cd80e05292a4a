import type { Role } from '../contract/common.js';
import type { RoleGrant } from '../contract/org.js';
import type { Db } from '../db/index.js';
import { sha256 } from '../lib/crypto.js';
import { unauthenticated } from '../errors.js';

/** Who is calling, from the session: never from the request body. */
export interface Actor {
  memberId: number;
  orgId: number;
  branchId: number | null;
  name: string;
  roles: Role[];
  grants: RoleGrant[];
  /** Branches this actor is secretary of (for display: who is 书记). */
  secretaryOf: number[];
  /** Branches this actor manages: as secretary or as another manager (branch_manager). */
  managerOf: number[];
  isOrgAdmin: boolean;
}

export async function actorFromToken(db: Db, token: string, now = Date.now()): Promise<Actor> {
  const session = await db
    .selectFrom('sessions')
    .innerJoin('members', 'members.id', 'sessions.member_id')
    .select([
      'sessions.expires_at',
      'members.id',
      'members.org_id',
      'members.branch_id',
      'members.name',
      'members.active',
    ])
    .where('sessions.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!session) throw unauthenticated('登录状态无效，请重新登录');
  if (session.expires_at <= now) throw unauthenticated('登录已过期，请重新登录', 'SESSION_EXPIRED');
  if (!session.active) throw unauthenticated('账号已停用，请联系支部书记', 'ACCOUNT_DISABLED');
  const grants = await db
    .selectFrom('role_grants')
    .select(['role', 'branch_id'])
    .where('member_id', '=', session.id)
    .orderBy('id')
    .execute();
  return buildActor(session, grants);
}

export function buildActor(
  member: { id: number; org_id: number; branch_id: number | null; name: string },
  grants: Array<{ role: string; branch_id: number | null }>,
): Actor {
  const typed = grants.map((g) => ({ role: g.role as Role, branchId: g.branch_id }));
  return {
    memberId: member.id,
    orgId: member.org_id,
    branchId: member.branch_id,
    name: member.name,
    roles: [...new Set(typed.map((g) => g.role))],
    grants: typed,
    secretaryOf: typed.filter((g) => g.role === 'secretary' && g.branchId !== null).map((g) => g.branchId as number),
    managerOf: [
      ...new Set(
        typed
          .filter((g) => (g.role === 'secretary' || g.role === 'branch_manager') && g.branchId !== null)
          .map((g) => g.branchId as number),
      ),
    ],
    isOrgAdmin: typed.some((g) => g.role === 'org_admin'),
  };
}

/** May this actor manage (secretary duties) the given branch of the given org? */
export const managesBranch = (actor: Actor, branch: { id: number; org_id: number }) =>
  (actor.isOrgAdmin && actor.orgId === branch.org_id) || actor.managerOf.includes(branch.id);
