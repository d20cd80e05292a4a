import type { Me } from '@contract';

type Roles = Pick<Me, 'roles'>;

/** Secretaries and org admins see the 管理 entry; the API still checks every call. */
export function canManage(me: Roles): boolean {
  return me.roles.includes('secretary') || me.roles.includes('org_admin');
}

export function isOrgAdmin(me: Roles): boolean {
  return me.roles.includes('org_admin');
}

/** The branches a secretary acts for, from the role grants. */
export function secretaryBranchIds(me: Pick<Me, 'grants'>): number[] {
  return me.grants
    .filter((grant) => grant.role === 'secretary' && grant.branchId !== null)
    .map((grant) => grant.branchId as number);
}
