// Idempotent writes, for any route that sets `config.idempotent: true`.
//
// A phone on a flaky network cannot know whether a write it sent arrived: the request may
// be lost, or the server may commit and the answer be lost. The app therefore sends each
// write with a key it generated (header `Idempotency-Key`) and keeps the key with the
// pending write until it gets an answer. Here the first request with a key claims it (per
// member and route) and its answer is stored; a repeat gets that same status and body
// (header `Idempotent-Replayed: true`) without running the route again; a repeat that is
// still running is waited for; the same key with a different request is refused.
// Answers that are not final (5xx, 401, 429) are not kept, so a retry runs afresh.
// Requests without the header behave as before.
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { claimKey, purgeExpired, releaseKey, requestHash, storeAnswer, type KeyRef } from '../idempotency/store.js';
import { actorOf } from './guard.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Honour the `Idempotency-Key` header: repeats get the first answer. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotency: { ref: KeyRef; replayed: boolean } | null;
  }
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[A-Za-z0-9_-]{16,100}$/;
/** How long a repeat waits for the first request with its key to finish. */
const WAIT_FOR_FIRST_MS = 10_000;
const PURGE_EVERY_MS = 60 * 60 * 1000;

function keepsAnswer(status: number): boolean {
  return status < 500 && status !== 401 && status !== 429;
}

export default fp(
  async (app) => {
    app.decorateRequest('idempotency', null);
    let lastPurge = 0;

    app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!request.routeOptions.config.idempotent) return;
      const header = request.headers[IDEMPOTENCY_HEADER];
      if (header === undefined) return;
      const key = (Array.isArray(header) ? header[0] : header) ?? '';
      if (!KEY_PATTERN.test(key)) {
        throw new AppError(400, 'INVALID_IDEMPOTENCY_KEY', '提交标识格式不正确，请刷新页面后重试');
      }
      const actor = actorOf(request);
      const ref: KeyRef = { memberId: actor.memberId, route: `${request.method} ${request.routeOptions.url}`, key };
      const hash = requestHash(request.url, request.body);
      const deadline = Date.now() + WAIT_FOR_FIRST_MS;
      for (;;) {
        const now = app.clock.now();
        const claim = await claimKey(app.db, ref, hash, now);
        if (claim.kind === 'claimed') {
          request.idempotency = { ref, replayed: false };
          if (now - lastPurge > PURGE_EVERY_MS) {
            lastPurge = now;
            purgeExpired(app.db, now).catch((err: unknown) => request.log.warn({ err }, 'idempotency purge failed'));
          }
          return;
        }
        if (claim.kind === 'mismatch') {
          throw new AppError(
            422,
            'IDEMPOTENCY_KEY_REUSED',
            '这个提交标识已用于另一份不同的内容，未作处理。请刷新页面后重新提交',
          );
        }
        if (claim.kind === 'answered') {
          request.idempotency = { ref, replayed: true };
          reply.code(claim.answer.status).header('idempotent-replayed', 'true');
          if (claim.answer.contentType) reply.header('content-type', claim.answer.contentType);
          return reply.send(claim.answer.body);
        }
        if (Date.now() > deadline) {
          throw new AppError(409, 'IDEMPOTENCY_IN_PROGRESS', '上一次提交仍在处理中，请稍后再试');
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const claim = request.idempotency;
      if (!claim || claim.replayed) return payload;
      request.idempotency = null;
      const status = reply.statusCode;
      if (keepsAnswer(status) && (typeof payload === 'string' || payload === null || payload === undefined)) {
        const contentType = reply.getHeader('content-type');
        await storeAnswer(app.db, claim.ref, {
          status,
          contentType: typeof contentType === 'string' ? contentType : null,
          body: payload ?? '',
        });
      } else {
        await releaseKey(app.db, claim.ref);
      }
      return payload;
    });
  },
  { name: 'idempotency', dependencies: ['database', 'guard'] },
);
