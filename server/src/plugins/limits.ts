// Rate limits, in Redis when REDIS_URL is set (so every API process counts the same
// attempts) and in this process's memory otherwise. Two kinds:
// - per request, declared on a route as `config.rateLimit` (sign-in);
// - per wrong attempt (`app.failureLimits`): a guess is counted only when it was wrong, and
//   once a key has used up its guesses every attempt is refused before it is checked
//   (invite codes at binding, check-in codes). A 6-digit or 8-character code is only as
//   strong as the number of guesses it allows.
// A refusal is a 429 with a stable code and a Chinese message, and changes nothing.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Redis } from 'ioredis';
import { AppError } from '../errors.js';

/** One key's wrong attempts (a member at one activity, a WeChat account binding, an address). */
export interface FailureGate {
  /** True once the key has used up its wrong attempts in the window. */
  blocked(): Promise<boolean>;
  /** Counts one wrong attempt. */
  record(): Promise<void>;
}

export interface FailureLimit {
  gate(request: FastifyRequest, key: string): FailureGate;
}

export interface FailureLimits {
  /** Wrong check-in codes per member and activity: 10 in 5 minutes. */
  checkInCode: FailureLimit;
  /** Wrong invite codes per WeChat account: 10 in 10 minutes. */
  inviteByAccount: FailureLimit;
  /** Wrong invite codes (or dead bind tickets) per client address: 30 in 10 minutes. */
  inviteByAddress: FailureLimit;
}

declare module 'fastify' {
  interface FastifyInstance {
    failureLimits: FailureLimits;
  }
}

const MINUTE = 60_000;

export const tooManyRequests = (retryAfterS: number) =>
  new AppError(429, 'RATE_LIMITED', `操作过于频繁，请 ${Math.max(1, retryAfterS)} 秒后再试`);

function failureLimit(app: FastifyInstance, name: string, max: number, windowMs: number): FailureLimit {
  // createRateLimit keys by request; the key of the attempt at hand is set just before each
  // call, and the plugin reads it synchronously at the start of the call.
  const keys = new WeakMap<FastifyRequest, string>();
  const limiter = app.createRateLimit({
    max,
    timeWindow: windowMs,
    keyGenerator: (request) => `${name}:${keys.get(request) ?? ''}`,
    // The in-memory store is an LRU: room for many members at many activities at once.
    cache: 50_000,
  } as Parameters<FastifyInstance['createRateLimit']>[0]);
  return {
    gate: (request, key) => ({
      async blocked() {
        keys.set(request, key);
        const state = await limiter(request, { increment: false });
        return !state.isAllowed && state.remaining <= 0;
      },
      async record() {
        keys.set(request, key);
        await limiter(request);
      },
    }),
  };
}

export default fp(
  async (app, opts: { redis: Redis | null; prefix: string }) => {
    await app.register(rateLimit, {
      global: false,
      // If Redis is down, sign-in and check-in go on without a limit rather than stop at the
      // start of a meeting; the outage itself shows in the rank mirror's and ioredis's logs.
      skipOnError: true,
      ...(opts.redis ? { redis: opts.redis, nameSpace: `${opts.prefix}rl:` } : {}),
      errorResponseBuilder: (_request, context) => tooManyRequests(Math.ceil(context.ttl / 1000)),
    });
    app.decorate('failureLimits', {
      checkInCode: failureLimit(app, 'checkin', 10, 5 * MINUTE),
      inviteByAccount: failureLimit(app, 'invite-account', 10, 10 * MINUTE),
      inviteByAddress: failureLimit(app, 'invite-address', 30, 10 * MINUTE),
    });
  },
  { name: 'limits', dependencies: ['errors'] },
);
