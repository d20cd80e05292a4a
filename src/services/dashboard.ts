import type {
  AttentionList,
  BranchComparison,
  Dashboard,
  MemberTable,
  PendingWork,
  PeriodKind,
  SignInSheet,
} from '@contract';
import { download, get, type RequestOptions } from './request';

const periodQuery = (period: PeriodKind) => `period=${period}`;

/** A branch's dashboard for this month, quarter or year (its secretary or the org admin). */
export function fetchBranchDashboard(branchId: number, period: PeriodKind, options?: RequestOptions) {
  return get<Dashboard>(`/api/branches/${branchId}/dashboard?${periodQuery(period)}`, options);
}

/** The whole organisation's dashboard (org admin). */
export function fetchOrgDashboard(orgId: number, period: PeriodKind, options?: RequestOptions) {
  return get<Dashboard>(`/api/orgs/${orgId}/dashboard?${periodQuery(period)}`, options);
}

/** Branches side by side by rates and averages (org admin). */
export function fetchBranchComparison(orgId: number, period: PeriodKind, options?: RequestOptions) {
  return get<BranchComparison>(`/api/orgs/${orgId}/branch-comparison?${periodQuery(period)}`, options);
}

/** Each member's participation in the period. */
export function fetchMemberTable(branchId: number, period: PeriodKind, options?: RequestOptions) {
  return get<MemberTable>(`/api/branches/${branchId}/dashboard/members?${periodQuery(period)}`, options);
}

/** 需关注: members with no participation in the last 60 days. */
export function fetchAttention(branchId: number, options?: RequestOptions) {
  return get<AttentionList>(`/api/branches/${branchId}/dashboard/attention`, options);
}

/** Leave requests, volunteer records and objections waiting for a decision. */
export function fetchPendingWork(branchId: number, options?: RequestOptions) {
  return get<PendingWork>(`/api/branches/${branchId}/pending`, options);
}

/** What waits for a decision across the organisation (the org admin's 管理 badges). */
export function fetchOrgPendingWork(orgId: number, options?: RequestOptions) {
  return get<PendingWork>(`/api/orgs/${orgId}/pending`, options);
}

/** One activity's invitees and what is on record, for the printed sign-in sheet. */
export function fetchSignInSheet(activityId: number, options?: RequestOptions) {
  return get<SignInSheet>(`/api/activities/${activityId}/sign-in-sheet`, options);
}

/** Downloads and opens the branch's ledger (台账) workbook for the period. */
export function downloadLedger(branchId: number, branchName: string, period: PeriodKind, label: string) {
  return download(`/api/branches/${branchId}/ledger.xlsx?${periodQuery(period)}`, `${branchName}台账_${label}.xlsx`);
}
