// 开通向导: the org admin's first-run checklist, and the one step it records itself (the points
// rules were read and kept as they are).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { guardedErrors, Id } from '../contract/common.js';
import { Onboarding } from '../contract/onboarding.js';
import { actorOf } from '../plugins/guard.js';
import { confirmRulesReviewed, onboardingOf } from '../org/onboarding.js';

const OrgParams = Type.Object({ orgId: Id }, { additionalProperties: false });
const orgAdmin = { roles: ['org_admin' as const], scope: 'org' as const };

const onboarding: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/orgs/:orgId/onboarding',
    {
      config: { access: orgAdmin },
      schema: {
        tags: ['people'],
        summary: '开通向导：建支部、导入名册、任命书记、发放邀请码、确认积分规则，各步是否完成',
        params: OrgParams,
        response: { 200: Onboarding, ...guardedErrors },
      },
    },
    async (request) => onboardingOf(app.db, request.params.orgId),
  );

  app.post(
    '/orgs/:orgId/onboarding/rules-reviewed',
    {
      config: { access: orgAdmin },
      schema: {
        tags: ['people'],
        summary: '开通向导：已查看积分规则，沿用当前版本（记入操作记录）',
        params: OrgParams,
        response: { 200: Onboarding, ...guardedErrors },
      },
    },
    async (request) => confirmRulesReviewed(app.db, actorOf(request), request.params.orgId),
  );
};

export default onboarding;
