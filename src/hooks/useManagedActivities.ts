import type { ManagedActivities } from '@contract';
import { fetchManagedActivities } from '../services/activities';
import { type AsyncState, useAsync } from './useAsync';

/** Activities a secretary runs (one branch) or the org admin oversees (the whole organisation). */
export function useManagedActivities(
  scope: { branchId: number } | { orgId: number } | null,
): AsyncState<ManagedActivities> {
  const key = scope === null ? null : 'branchId' in scope ? `b${scope.branchId}` : `o${scope.orgId}`;
  return useAsync(() => fetchManagedActivities(scope!, { silent: true }), { enabled: scope !== null, key });
}
