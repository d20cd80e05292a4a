// Whose figures: one branch (its current members) or a whole organisation.
import type { DashboardScope } from '../contract/dashboard.js';

export type Scope =
  { kind: 'branch'; orgId: number; branchId: number; name: string } | { kind: 'org'; orgId: number; name: string };

export const branchScope = (branch: { id: number; org_id: number; name: string }): Scope => ({
  kind: 'branch',
  orgId: branch.org_id,
  branchId: branch.id,
  name: branch.name,
});

export const orgScope = (org: { id: number; name: string }): Scope => ({ kind: 'org', orgId: org.id, name: org.name });

export const scopeRef = (scope: Scope): DashboardScope => ({
  kind: scope.kind,
  id: scope.kind === 'branch' ? scope.branchId : scope.orgId,
  name: scope.name,
});

/** The branch id to filter members on, or null for the whole organisation. */
export const branchOf = (scope: Scope): number | null => (scope.kind === 'branch' ? scope.branchId : null);
