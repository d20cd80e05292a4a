import type {
  LedgerPage,
  ObjectionList,
  OrgSettings,
  PointsYearList,
  PublicationList,
  Ranking,
  SourceType,
} from '@contract';
import {
  fetchBranchObjections,
  fetchMyObjections,
  fetchOrgSettings,
  fetchPointsHistory,
  fetchPointsYears,
  fetchPublications,
  fetchRanking,
} from '../services/points-review';
import { type AsyncState, useAsync } from './useAsync';

/** The first page of the member's history, optionally one source only. */
export function usePointsHistory(sourceType: SourceType | null): AsyncState<LedgerPage> {
  return useAsync(() => fetchPointsHistory({ sourceType: sourceType ?? undefined }, { silent: true }), {
    key: sourceType ?? 'all',
  });
}

export function useMyObjections(): AsyncState<ObjectionList> {
  return useAsync(() => fetchMyObjections({ silent: true }));
}

export function usePublications(): AsyncState<PublicationList> {
  return useAsync(() => fetchPublications({ silent: true }));
}

export function useBranchObjections(branchId: number | null): AsyncState<ObjectionList> {
  return useAsync(() => fetchBranchObjections(branchId as number, { silent: true }), {
    enabled: branchId !== null,
    key: branchId,
  });
}

export function usePointsYears(orgId: number | null): AsyncState<PointsYearList> {
  return useAsync(() => fetchPointsYears(orgId as number, { silent: true }), { enabled: orgId !== null, key: orgId });
}

export function useOrgSettings(orgId: number | null): AsyncState<OrgSettings> {
  return useAsync(() => fetchOrgSettings(orgId as number, { silent: true }), { enabled: orgId !== null, key: orgId });
}

export function useRanking(scope: Ranking['scope'], period: Ranking['period']): AsyncState<Ranking> {
  return useAsync(() => fetchRanking(scope, period, { silent: true }), { key: `${scope}:${period}` });
}
