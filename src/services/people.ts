// 组织与成员: branches, appointments and the roster (server/src/routes/people.ts).
import type {
  BranchSaved,
  DeactivateBody,
  EditMemberBody,
  MemberDirectory,
  MemberDirectoryQuery,
  MemberRecord,
  NewMemberBody,
  Onboarding,
  RoleChangeBody,
} from '@contract';
import { del, get, patch, post, type RequestOptions } from './request';

function queryString(query: MemberDirectoryQuery): string {
  const parts = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The whole organisation's members (org admin), or one branch's (its managers). */
export function fetchMemberDirectory(
  where: { orgId: number } | { branchId: number },
  query: MemberDirectoryQuery,
  options?: RequestOptions,
): Promise<MemberDirectory> {
  const base = 'orgId' in where ? `/api/orgs/${where.orgId}/members` : `/api/branches/${where.branchId}/member-table`;
  return get<MemberDirectory>(`${base}${queryString(query)}`, options);
}

export function fetchMemberRecord(memberId: number, options?: RequestOptions): Promise<MemberRecord> {
  return get<MemberRecord>(`/api/members/${memberId}`, options);
}

export function createBranch(orgId: number, name: string): Promise<BranchSaved> {
  return post<BranchSaved>(`/api/orgs/${orgId}/branches`, { name });
}

export function renameBranch(branchId: number, name: string): Promise<BranchSaved> {
  return patch<BranchSaved>(`/api/branches/${branchId}`, { name });
}

export function archiveBranch(branchId: number): Promise<BranchSaved> {
  return post<BranchSaved>(`/api/branches/${branchId}/archive`);
}

export function addMember(branchId: number, body: NewMemberBody): Promise<MemberRecord> {
  return post<MemberRecord>(`/api/branches/${branchId}/people`, body);
}

export function editMember(memberId: number, body: EditMemberBody): Promise<MemberRecord> {
  return patch<MemberRecord>(`/api/members/${memberId}`, body);
}

export function moveMember(memberId: number, branchId: number): Promise<MemberRecord> {
  return post<MemberRecord>(`/api/members/${memberId}/move`, { branchId });
}

export function deactivateMember(memberId: number, body: DeactivateBody): Promise<MemberRecord> {
  return post<MemberRecord>(`/api/members/${memberId}/deactivate`, body);
}

export function reactivateMember(memberId: number): Promise<MemberRecord> {
  return post<MemberRecord>(`/api/members/${memberId}/reactivate`, {});
}

export function grantRole(memberId: number, change: RoleChangeBody): Promise<{ changed: boolean }> {
  return post<{ changed: boolean }>(`/api/members/${memberId}/roles`, change);
}

export function revokeRole(memberId: number, change: RoleChangeBody): Promise<{ changed: boolean }> {
  const branch = change.branchId !== undefined ? `&branchId=${change.branchId}` : '';
  return del<{ changed: boolean }>(`/api/members/${memberId}/roles?role=${change.role}${branch}`);
}

/** 开通向导: which first-run steps the organisation has done, read from its own records. */
export const fetchOnboarding = (orgId: number, options?: RequestOptions) =>
  get<Onboarding>(`/api/orgs/${orgId}/onboarding`, options);

/** The org admin read the points rules and keeps them as they are (audited). */
export const confirmRulesReviewed = (orgId: number) => post<Onboarding>(`/api/orgs/${orgId}/onboarding/rules-reviewed`);
