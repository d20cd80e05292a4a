import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Invite } from '../contract/auth.js';
import { BranchParams, guardedErrors, Id } from '../contract/common.js';
import { BranchList, Roster } from '../contract/org.js';
import { actorOf, MANAGERS } from '../plugins/guard.js';
import { rosterOf } from '../members/service.js';
import { branchesOf, issueInvite } from '../org/branches.js';

const org: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/orgs/:orgId/branches',
    {
      config: { access: { roles: ['org_admin'], scope: 'org' } },
      schema: {
        tags: ['org'],
        summary: '本单位的支部（组织管理员）',
        params: Type.Object({ orgId: Id }, { additionalProperties: false }),
        response: { 200: BranchList, ...guardedErrors },
      },
    },
    async (request) => branchesOf(app.db, request.params.orgId),
  );

  app.get(
    '/branches/:branchId/members',
    {
      config: { access: { roles: MANAGERS, scope: 'branch' } },
      schema: {
        tags: ['org'],
        summary: '支部党员名册（本支部书记、组织管理员）',
        params: BranchParams,
        response: { 200: Roster, ...guardedErrors },
      },
    },
    async (request) => {
      const branch = request.target.branch!;
      return {
        branch: { id: branch.id, name: branch.name },
        members: await rosterOf(app.db, actorOf(request), branch),
      };
    },
  );

  app.post(
    '/branches/:branchId/invites',
    {
      // A manager does not hand themselves a binding code (another WeChat account could take
      // their roles with it): another manager of the branch or the org admin does.
      config: { access: { roles: MANAGERS, scope: 'branch', decides: true, decidesFor: 'body' } },
      schema: {
        tags: ['org'],
        summary: '为本支部党员生成一次性微信绑定邀请码（不能为本人生成）',
        params: BranchParams,
        body: Type.Object({ memberId: Id }, { additionalProperties: false }),
        response: { 200: Invite, ...guardedErrors },
      },
    },
    async (request) =>
      issueInvite(app.db, actorOf(request), request.target.branch!, request.body.memberId, app.config.inviteTtlMs),
  );
};

export default org;
