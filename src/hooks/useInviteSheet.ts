import type { InviteSheet } from '@contract';
import { fetchInviteSheet } from '../services/roster';
import { type AsyncState, useAsync } from './useAsync';

/** A branch's unbound members and their valid invite codes; waits until the branch id is known. */
export function useInviteSheet(branchId: number | null): AsyncState<InviteSheet> {
  return useAsync(() => fetchInviteSheet(branchId as number, { silent: true }), {
    enabled: branchId !== null,
    key: branchId,
  });
}
