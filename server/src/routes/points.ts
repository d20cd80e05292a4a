import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import { ErrorBody, guardedErrors, IdParams, MemberParams } from '../contract/common.js';
import { LedgerEntry, ManualEntryBody, PointsRules, ReverseEntryBody } from '../contract/points.js';
import { actorOf } from '../plugins/guard.js';
import { award, loadRules, pointsTransaction, reverse } from '../points/service.js';
import { ledgerEntryById } from '../points/ledger.js';
import { forbidden, notFound } from '../errors.js';
import { audit } from '../lib/audit.js';
import { managesBranch } from '../auth/actor.js';

const points: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/points/rules',
    { schema: { tags: ['points'], summary: '本单位积分规则', response: { 200: PointsRules, 401: ErrorBody } } },
    async (request) => loadRules(app.db, actorOf(request).orgId),
  );

  app.post(
    '/members/:memberId/points/entries',
    {
      config: { access: { roles: ['secretary', 'org_admin'], scope: 'member' } },
      schema: {
        tags: ['points'],
        summary: '书记加分或扣分（须注明理由）',
        params: MemberParams,
        body: ManualEntryBody,
        response: { 200: LedgerEntry, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { delta, reason } = request.body;
      const now = Date.now();
      const entry = await pointsTransaction(app.db, async (trx) => {
        const result = await award(trx, {
          memberId: request.params.memberId,
          ruleCode: delta > 0 ? 'award' : 'deduction',
          sourceType: 'manual',
          sourceId: randomUUID(),
          occurredAt: now,
          delta,
          reason: reason.trim(),
          actorId: actor.memberId,
          onCap: 'reject',
          now,
        });
        const created = result.entry!;
        await audit(
          trx,
          {
            orgId: actor.orgId,
            actorId: actor.memberId,
            action: delta > 0 ? 'points.award' : 'points.deduct',
            targetType: 'points_entry',
            targetId: created.id,
            detail: { memberId: request.params.memberId, delta, reason },
          },
          now,
        );
        return created;
      });
      return ledgerEntryById(app.db, entry.id);
    },
  );

  app.post(
    '/points/entries/:id/reverse',
    {
      config: { access: { roles: ['secretary', 'org_admin'] } },
      schema: {
        tags: ['points'],
        summary: '冲正一条积分记录（须注明理由）',
        params: IdParams,
        body: ReverseEntryBody,
        response: { 200: LedgerEntry, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const original = await app.db
        .selectFrom('points_ledger')
        .innerJoin('members', 'members.id', 'points_ledger.member_id')
        .select(['points_ledger.id', 'members.org_id', 'members.branch_id'])
        .where('points_ledger.id', '=', request.params.id)
        .executeTakeFirst();
      if (!original) throw notFound('积分记录');
      if (
        !(original.branch_id !== null
          ? managesBranch(actor, { id: original.branch_id, org_id: original.org_id })
          : actor.isOrgAdmin && actor.orgId === original.org_id)
      ) {
        throw forbidden('只能冲正本支部党员的积分', 'FORBIDDEN_SCOPE');
      }
      const entry = await pointsTransaction(app.db, async (trx) => {
        const created = await reverse(trx, original.id, {
          actorId: actor.memberId,
          reason: request.body.reason.trim(),
        });
        await audit(trx, {
          orgId: actor.orgId,
          actorId: actor.memberId,
          action: 'points.reverse',
          targetType: 'points_entry',
          targetId: original.id,
          detail: { reversalId: created.id, reason: request.body.reason },
        });
        return created;
      });
      return ledgerEntryById(app.db, entry.id);
    },
  );
};

export default points;
