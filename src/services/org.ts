import type { BranchList, Invite, Roster } from '@contract';
import { get, post, type RequestOptions } from './request';

/** Every branch of the organisation with member counts (org admin only). */
export function fetchBranches(orgId: number, options?: RequestOptions): Promise<BranchList> {
  return get<BranchList>(`/api/orgs/${orgId}/branches`, options);
}

/** A branch's members (its secretary or the org admin). */
export function fetchRoster(branchId: number, options?: RequestOptions): Promise<Roster> {
  return get<Roster>(`/api/branches/${branchId}/members`, options);
}

/** A one-time code the member types to bind WeChat to their roster entry. */
export function issueInvite(branchId: number, memberId: number, options?: RequestOptions): Promise<Invite> {
  return post<Invite>(`/api/branches/${branchId}/invites`, { memberId }, options);
}
