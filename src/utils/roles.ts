import type { Me } from '@contract';

type Roles = Pick<Me, 'roles'>;

/** Secretaries, other branch managers and org admins see the 管理 entry; the API still checks every call. */
export function canManage(me: Roles): boolean {
  return me.roles.includes('secretary') || me.roles.includes('branch_manager') || me.roles.includes('org_admin');
}

export function isOrgAdmin(me: Roles): boolean {
  return me.roles.includes('org_admin');
}

/** The branches a secretary (or another manager of the branch) acts for, from the role grants. */
export function secretaryBranchIds(me: Pick<Me, 'grants'>): number[] {
  const ids = me.grants
    .filter((grant) => (grant.role === 'secretary' || grant.role === 'branch_manager') && grant.branchId !== null)
    .map((grant) => grant.branchId as number);
  return [...new Set(ids)];
}
