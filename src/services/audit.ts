import type { AuditKind, AuditPage } from '@contract';
import { get, type RequestOptions } from './request';

/** Whose audit log: the organisation's (org admin), a branch's (its secretary) or the own. */
export type AuditSource = { orgId: number } | { branchId: number } | 'me';

export interface AuditFilter {
  memberId?: number;
  actorId?: number;
  kind?: AuditKind;
}

export function fetchAuditLog(
  source: AuditSource,
  query: AuditFilter & { offset?: number; limit?: number },
  options?: RequestOptions,
): Promise<AuditPage> {
  const path =
    source === 'me'
      ? '/api/me/audit'
      : 'orgId' in source
        ? `/api/orgs/${source.orgId}/audit`
        : `/api/branches/${source.branchId}/audit`;
  const params = [
    query.memberId ? `memberId=${query.memberId}` : '',
    query.actorId ? `actorId=${query.actorId}` : '',
    query.kind ? `kind=${query.kind}` : '',
    `offset=${query.offset ?? 0}`,
    `limit=${query.limit ?? 20}`,
  ].filter(Boolean);
  return get<AuditPage>(`${path}?${params.join('&')}`, options);
}
