/** Who an activity list or a new activity is for: a secretary's branch, or the whole org (admin). */
export type ActivityScope = { branchId: number } | { orgId: number };

/** Scope from a page query: `branchId` or `orgId`. */
export function scopeFromParams(params: Record<string, string | undefined>): ActivityScope | null {
  const branchId = Number(params.branchId);
  if (Number.isInteger(branchId) && branchId > 0) return { branchId };
  const orgId = Number(params.orgId);
  if (Number.isInteger(orgId) && orgId > 0) return { orgId };
  return null;
}

export function scopeQuery(scope: ActivityScope): string {
  return 'branchId' in scope ? `branchId=${scope.branchId}` : `orgId=${scope.orgId}`;
}
