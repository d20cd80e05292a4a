import type { MemberRecord } from '@contract';
import { fetchMemberRecord } from '../services/people';
import { type AsyncState, useAsync } from './useAsync';

/** One member as a manager sees them; waits until the id is known. */
export function useMemberRecord(memberId: number | null): AsyncState<MemberRecord> {
  return useAsync(() => fetchMemberRecord(memberId as number, { silent: true }), {
    enabled: memberId !== null,
    key: memberId,
  });
}
