import type { Roster } from '@contract';
import { fetchRoster } from '../services/org';
import { type AsyncState, useAsync } from './useAsync';

/** A branch's roster; waits until the branch id is known. */
export function useRoster(branchId: number | null): AsyncState<Roster> {
  return useAsync(() => fetchRoster(branchId as number, { silent: true }), {
    enabled: branchId !== null,
    key: branchId,
  });
}
