import type { MyPoints } from '@contract';
import { fetchMyPoints } from '../services/points';
import { type AsyncState, useAsync } from './useAsync';

/**
 * This year's points summary and the latest ledger entries of the signed-in member.
 * Pass `enabled: false` for an account known to have no points (a pure org admin).
 */
export function useMyPoints(enabled = true): AsyncState<MyPoints> {
  return useAsync(() => fetchMyPoints({ silent: true }), { enabled });
}
