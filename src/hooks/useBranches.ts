import type { BranchList } from '@contract';
import { fetchBranches } from '../services/org';
import { type AsyncState, useAsync } from './useAsync';

/** The organisation's branches; waits until the org id is known. */
export function useBranches(orgId: number | null): AsyncState<BranchList> {
  return useAsync(() => fetchBranches(orgId as number, { silent: true }), { enabled: orgId !== null, key: orgId });
}
