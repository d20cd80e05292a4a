import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import { ErrorBody, guardedErrors, IdParams, MemberParams } from '../contract/common.js';
import { LedgerEntry, ManualEntryBody, PointsRules, ReverseEntryBody } from '../contract/points.js';
import { actorOf, ANY_ACCOUNT, MANAGERS } from '../plugins/guard.js';
import { award, pointsTransaction, reverse } from '../points/service.js';
import { rulesInEffect } from '../points/rules-admin.js';
import { ledgerEntryById } from '../points/ledger.js';
import { audit } from '../lib/audit.js';

const points: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/points/rules',
    {
      config: { access: { roles: ANY_ACCOUNT } },
      schema: { tags: ['points'], summary: '本单位积分规则', response: { 200: PointsRules, 401: ErrorBody } },
    },
    async (request) => rulesInEffect(app.db, actorOf(request).orgId),
  );

  app.post(
    '/members/:memberId/points/entries',
    {
      config: { access: { roles: MANAGERS, scope: 'member', decides: true } },
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
      config: { access: { roles: MANAGERS, scope: 'pointsEntry', decides: true } },
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
      const original = request.target.pointsEntry!;
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
