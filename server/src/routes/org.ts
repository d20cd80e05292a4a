import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Invite } from '../contract/auth.js';
import { BranchParams, guardedErrors, Id } from '../contract/common.js';
import { BranchList, Roster } from '../contract/org.js';
import { actorOf } from '../plugins/guard.js';
import { rosterOf } from '../members/service.js';
import { badRequest, notFound } from '../errors.js';
import { newInviteCode } from '../lib/crypto.js';
import { toIso } from '../lib/time.js';
import { audit } from '../lib/audit.js';

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
    async (request) => {
      const { orgId } = request.params;
      const [orgRow, branches, counts, secretaries] = await Promise.all([
        app.db.selectFrom('orgs').select(['id', 'name']).where('id', '=', orgId).executeTakeFirstOrThrow(),
        app.db.selectFrom('branches').select(['id', 'name']).where('org_id', '=', orgId).orderBy('id').execute(),
        app.db
          .selectFrom('members')
          .select((eb) => ['branch_id', eb.fn.countAll<number>().as('n')])
          .where('org_id', '=', orgId)
          .where('active', '=', 1)
          .groupBy('branch_id')
          .execute(),
        app.db
          .selectFrom('role_grants')
          .innerJoin('members', 'members.id', 'role_grants.member_id')
          .select(['role_grants.branch_id', 'members.id', 'members.name'])
          .where('role_grants.org_id', '=', orgId)
          .where('role_grants.role', '=', 'secretary')
          .execute(),
      ]);
      const countOf = new Map(counts.map((c) => [c.branch_id, Number(c.n)]));
      return {
        org: orgRow,
        branches: branches.map((b) => ({
          id: b.id,
          name: b.name,
          memberCount: countOf.get(b.id) ?? 0,
          secretaries: secretaries.filter((s) => s.branch_id === b.id).map((s) => ({ id: s.id, name: s.name })),
        })),
      };
    },
  );

  app.get(
    '/branches/:branchId/members',
    {
      config: { access: { roles: ['secretary', 'org_admin'], scope: 'branch' } },
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
      config: { access: { roles: ['secretary', 'org_admin'], scope: 'branch' } },
      schema: {
        tags: ['org'],
        summary: '为本支部党员生成一次性微信绑定邀请码',
        params: BranchParams,
        body: Type.Object({ memberId: Id }, { additionalProperties: false }),
        response: { 200: Invite, ...guardedErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const branch = request.target.branch!;
      const member = await app.db
        .selectFrom('members')
        .select(['id', 'name', 'branch_id', 'active'])
        .where('id', '=', request.body.memberId)
        .executeTakeFirst();
      if (!member || !member.active) throw notFound('党员');
      if (member.branch_id !== branch.id) throw badRequest('MEMBER_NOT_IN_BRANCH', '该党员不属于本支部');
      const now = Date.now();
      const expiresAt = now + app.config.inviteTtlMs;
      const code = newInviteCode();
      await app.db.transaction().execute(async (trx) => {
        // A new code replaces any unused one, so only the latest handed-out code works.
        await trx
          .updateTable('invites')
          .set({ expires_at: now })
          .where('member_id', '=', member.id)
          .where('used_at', 'is', null)
          .where('expires_at', '>', now)
          .execute();
        await trx
          .insertInto('invites')
          .values({
            code,
            member_id: member.id,
            issued_by: actor.memberId,
            expires_at: expiresAt,
            used_at: null,
            created_at: now,
          })
          .execute();
        await audit(
          trx,
          {
            orgId: actor.orgId,
            actorId: actor.memberId,
            action: 'invite.issue',
            targetType: 'member',
            targetId: member.id,
          },
          now,
        );
      });
      return { code, memberId: member.id, memberName: member.name, expiresAt: toIso(expiresAt) };
    },
  );
};

export default org;
