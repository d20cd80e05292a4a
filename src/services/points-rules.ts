import type { RulesAdmin, RulesPreview, RulesPreviewBody, RulesPublishBody } from '@contract';
import { get, post, type RequestOptions } from './request';

export function fetchRulesAdmin(orgId: number, options?: RequestOptions): Promise<RulesAdmin> {
  return get<RulesAdmin>(`/api/orgs/${orgId}/points/rules`, options);
}

/** Validation problems come back as an ApiError whose `details` name each field. */
export function previewRules(orgId: number, body: RulesPreviewBody, options?: RequestOptions): Promise<RulesPreview> {
  return post<RulesPreview>(`/api/orgs/${orgId}/points/rules/preview`, body, options);
}

export function publishRules(orgId: number, body: RulesPublishBody, options?: RequestOptions): Promise<RulesAdmin> {
  return post<RulesAdmin>(`/api/orgs/${orgId}/points/rules`, body, options);
}
