import type { MemberDirectory, MemberDirectoryQuery } from '@contract';
import { fetchMemberDirectory } from '../services/people';
import { type AsyncState, useAsync } from './useAsync';

/** The member table of an organisation or a branch, with the filters applied by the server. */
export function useMemberDirectory(
  where: { orgId: number } | { branchId: number } | null,
  query: MemberDirectoryQuery,
): AsyncState<MemberDirectory> {
  const key = where ? `${JSON.stringify(where)}${JSON.stringify(query)}` : null;
  return useAsync(() => fetchMemberDirectory(where!, query, { silent: true }), { enabled: where !== null, key });
}
