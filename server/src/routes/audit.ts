// Reading the audit log: the org admin reads the organisation's, a secretary the own
// branch's, a member what changed their own points or attendance.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AuditPage, AuditQuery, MyAuditQuery, type AuditKindOption } from '../contract/audit.js';
import { BranchParams, guardedErrors, Id } from '../contract/common.js';
import { actorOf } from '../plugins/guard.js';
import { KIND_LABELS } from '../audit/actions.js';
import { listAudit, type AuditFilters, type AuditScope } from '../audit/queries.js';
import { presentAudit } from '../audit/present.js';

const OrgParams = Type.Object({ orgId: Id }, { additionalProperties: false });

const KINDS = Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label })) as AuditKindOption[];

const audit: FastifyPluginAsyncTypebox = async (app) => {
  const page = async (
    scope: AuditScope,
    filters: AuditFilters,
    query: { limit?: number; offset?: number },
  ): Promise<AuditPage> => {
    const { rows, total } = await listAudit(app.db, app.dialect, scope, filters, {
      limit: query.limit ?? 20,
      offset: query.offset ?? 0,
    });
    return { items: await presentAudit(app.db, rows), total, kinds: KINDS };
  };
  const filtersOf = (query: AuditQuery): AuditFilters => ({
    memberId: query.memberId,
    actorId: query.actorId,
    kind: query.kind,
  });

  app.get(
    '/orgs/:orgId/audit',
    {
      config: { access: { roles: ['org_admin'], scope: 'org' } },
      schema: {
        tags: ['audit'],
        summary: '全单位操作记录（组织管理员）：可按当事党员、操作人、类别筛选，最新在前',
        params: OrgParams,
        querystring: AuditQuery,
        response: { 200: AuditPage, ...guardedErrors },
      },
    },
    async (request) => page({ kind: 'org', orgId: request.params.orgId }, filtersOf(request.query), request.query),
  );

  app.get(
    '/branches/:branchId/audit',
    {
      config: { access: { roles: ['secretary', 'branch_manager', 'org_admin'], scope: 'branch' } },
      schema: {
        tags: ['audit'],
        summary: '本支部操作记录：当事党员在本支部，或对象是本支部的活动与记录',
        params: BranchParams,
        querystring: AuditQuery,
        response: { 200: AuditPage, ...guardedErrors },
      },
    },
    async (request) => {
      const branch = request.target.branch!;
      return page(
        { kind: 'branch', orgId: branch.org_id, branchId: branch.id },
        filtersOf(request.query),
        request.query,
      );
    },
  );

  app.get(
    '/me/audit',
    {
      config: { access: { roles: ['member'] } },
      schema: {
        tags: ['me'],
        summary: '与我有关的操作记录：改动我的积分或出勤的每一次操作，含理由和操作人',
        querystring: MyAuditQuery,
        response: { 200: AuditPage, ...guardedErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return page({ kind: 'self', orgId: actor.orgId, memberId: actor.memberId }, {}, request.query);
    },
  );
};

export default audit;
