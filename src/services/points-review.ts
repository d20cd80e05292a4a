import type {
  CloseYearBody,
  LedgerPage,
  MemberPoints,
  Objection,
  ObjectionContext,
  ObjectionList,
  OrgSettings,
  PointsYearList,
  PublicationList,
  Ranking,
  RankingPreference,
  ResolveObjectionBody,
  SourceType,
} from '@contract';
import { get, post, request, type RequestOptions } from './request';
import { writeOnce, type WriteControl } from './write-once';

export function fetchPointsHistory(
  query: { sourceType?: SourceType; offset?: number; limit?: number },
  options?: RequestOptions,
): Promise<LedgerPage> {
  const params = [
    query.sourceType ? `sourceType=${query.sourceType}` : '',
    `offset=${query.offset ?? 0}`,
    `limit=${query.limit ?? 30}`,
  ].filter(Boolean);
  return get<LedgerPage>(`/api/me/points/entries?${params.join('&')}`, options);
}

export function fetchMemberPoints(memberId: number, options?: RequestOptions): Promise<MemberPoints> {
  return get<MemberPoints>(`/api/members/${memberId}/points`, options);
}

export function fetchMyObjections(options?: RequestOptions): Promise<ObjectionList> {
  return get<ObjectionList>('/api/me/objections', options);
}

/** Takes back an objection still waiting for the secretary. */
export function withdrawObjection(objectionId: number): Promise<Objection> {
  return post<Objection>(`/api/objections/${objectionId}/withdraw`, undefined);
}

export function raiseObjection(entryId: number, reason: string, write?: Partial<WriteControl>): Promise<Objection> {
  return writeOnce<Objection>(
    { method: 'POST', url: `/api/points/entries/${entryId}/objections`, data: { reason } },
    write,
  );
}

export function fetchBranchObjections(branchId: number, options?: RequestOptions): Promise<ObjectionList> {
  return get<ObjectionList>(`/api/branches/${branchId}/objections`, options);
}

export function resolveObjection(id: number, body: ResolveObjectionBody): Promise<Objection> {
  return post<Objection>(`/api/objections/${id}/resolve`, body);
}

export function addManualEntry(memberId: number, delta: number, reason: string) {
  return post(`/api/members/${memberId}/points/entries`, { delta, reason });
}

export function fetchPublications(options?: RequestOptions): Promise<PublicationList> {
  return get<PublicationList>('/api/me/points/publications', options);
}

export function fetchPointsYears(orgId: number, options?: RequestOptions): Promise<PointsYearList> {
  return get<PointsYearList>(`/api/orgs/${orgId}/points/years`, options);
}

/** `early` closes the current year before it ends; the server also wants the year repeated. */
export function closePointsYear(orgId: number, year: number, early = false): Promise<PointsYearList> {
  const body: CloseYearBody = early ? { early: true, confirmYear: year } : {};
  return post<PointsYearList>(`/api/orgs/${orgId}/points/years/${year}/close`, body);
}

export function publishPointsYear(orgId: number, year: number): Promise<PointsYearList> {
  return post<PointsYearList>(`/api/orgs/${orgId}/points/years/${year}/publish`);
}

export function fetchOrgSettings(orgId: number, options?: RequestOptions): Promise<OrgSettings> {
  return get<OrgSettings>(`/api/orgs/${orgId}/settings`, options);
}

export function saveOrgSettings(orgId: number, settings: OrgSettings): Promise<OrgSettings> {
  return request<OrgSettings>({ method: 'PUT', url: `/api/orgs/${orgId}/settings`, data: settings });
}

export function fetchRanking(
  scope: Ranking['scope'],
  period: Ranking['period'],
  options?: RequestOptions,
): Promise<Ranking> {
  return get<Ranking>(`/api/rankings?scope=${scope}&period=${period}`, options);
}

export function saveRankingPreference(optIn: boolean): Promise<RankingPreference> {
  return request<RankingPreference>({ method: 'PUT', url: '/api/me/ranking-preference', data: { optIn } });
}

/** Beside an objection, for the manager settling it: the member's use of that cap this year, earlier objections. */
export function fetchObjectionContext(id: number, options?: RequestOptions): Promise<ObjectionContext> {
  return get<ObjectionContext>(`/api/objections/${id}/context`, options);
}
