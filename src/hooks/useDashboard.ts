import type {
  AttentionList,
  BranchComparison,
  Dashboard,
  MemberTable,
  PendingWork,
  PeriodKind,
  SignInSheet,
} from '@contract';
import {
  fetchAttention,
  fetchBranchComparison,
  fetchBranchDashboard,
  fetchMemberTable,
  fetchOrgDashboard,
  fetchPendingWork,
  fetchSignInSheet,
} from '../services/dashboard';
import { type AsyncState, useAsync } from './useAsync';

/** Whose dashboard: one branch, or the whole organisation. */
export type DashboardTarget = { kind: 'branch'; id: number } | { kind: 'org'; id: number };

/** The dashboard of a branch or of the organisation for a period. */
export function useDashboard(target: DashboardTarget | null, period: PeriodKind): AsyncState<Dashboard> {
  return useAsync(
    () =>
      target!.kind === 'branch'
        ? fetchBranchDashboard(target!.id, period, { silent: true })
        : fetchOrgDashboard(target!.id, period, { silent: true }),
    { enabled: target !== null, key: target ? `${target.kind}:${target.id}:${period}` : null },
  );
}

/** Branches side by side (org admin only). */
export function useBranchComparison(orgId: number | null, period: PeriodKind): AsyncState<BranchComparison> {
  return useAsync(() => fetchBranchComparison(orgId as number, period, { silent: true }), {
    enabled: orgId !== null,
    key: `${orgId}:${period}`,
  });
}

export function useMemberTable(branchId: number | null, period: PeriodKind): AsyncState<MemberTable> {
  return useAsync(() => fetchMemberTable(branchId as number, period, { silent: true }), {
    enabled: branchId !== null,
    key: `${branchId}:${period}`,
  });
}

export function useAttention(branchId: number | null): AsyncState<AttentionList> {
  return useAsync(() => fetchAttention(branchId as number, { silent: true }), {
    enabled: branchId !== null,
    key: branchId,
  });
}

export function usePendingWork(branchId: number | null): AsyncState<PendingWork> {
  return useAsync(() => fetchPendingWork(branchId as number, { silent: true }), {
    enabled: branchId !== null,
    key: branchId,
  });
}

export function useSignInSheet(activityId: number | null): AsyncState<SignInSheet> {
  return useAsync(() => fetchSignInSheet(activityId as number, { silent: true }), {
    enabled: activityId !== null,
    key: activityId,
  });
}
