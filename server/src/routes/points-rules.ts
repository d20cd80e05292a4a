import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { guardedErrors, Id } from '../contract/common.js';
import { RulesAdmin, RulesPreview, RulesPreviewBody, RulesPublishBody } from '../contract/points.js';
import { actorOf } from '../plugins/guard.js';
import { previewRules, publishDraft, rulesAdmin } from '../points/rules-admin.js';

const OrgParams = Type.Object({ orgId: Id }, { additionalProperties: false });
const admin = { access: { roles: ['org_admin' as const], scope: 'org' as const } };

const pointsRules: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/orgs/:orgId/points/rules',
    {
      config: admin,
      schema: {
        tags: ['points'],
        summary: '积分规则：生效版本、待生效版本与历次版本（组织管理员）',
        params: OrgParams,
        response: { 200: RulesAdmin, ...guardedErrors },
      },
    },
    async (request) => rulesAdmin(app.db, request.params.orgId),
  );

  app.post(
    '/orgs/:orgId/points/rules/preview',
    {
      config: admin,
      schema: {
        tags: ['points'],
        summary: '预览规则修改对今年星级的影响（不写入）',
        params: OrgParams,
        body: RulesPreviewBody,
        response: { 200: RulesPreview, ...guardedErrors },
      },
    },
    async (request) => previewRules(app.db, request.params.orgId, request.body),
  );

  app.post(
    '/orgs/:orgId/points/rules',
    {
      config: admin,
      schema: {
        tags: ['points'],
        summary: '发布新版积分规则，自选生效日期（今天或以后）',
        params: OrgParams,
        body: RulesPublishBody,
        response: { 200: RulesAdmin, ...guardedErrors },
      },
    },
    async (request) => publishDraft(app.db, actorOf(request), request.params.orgId, request.body),
  );
};

export default pointsRules;
