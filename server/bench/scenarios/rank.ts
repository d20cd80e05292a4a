// Rank reads at 15,000 and 1,000,000 members: `rank-own` (one's own rank and percentile,
// the org set to `self`) and `rank-top50` (own rank plus the top 50 who opted in), over
// HTTP on the real route, on SQLite, PostgreSQL, and (the `-redis` variants, REDIS_URL or
// 127.0.0.1:6379) the Redis mirror. Each server also times the rank reader in-process.
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { Redis } from 'ioredis';
import { buildApp } from '../../src/app.js';
import { monthKey, yearKey } from '../../src/rankings/periods.js';
import { redisRankReader, sqlRankReader, type RankReader } from '../../src/rankings/service.js';
import { defineScenario, type BenchScenario } from '../scenario.js';
import { seedRankings, seedRedis, type RankSeed } from './rank-seed.js';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function time(calls: number, fn: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 200; i++) await fn(i); // warm caches and the JIT
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: Number(percentile(samples, 50).toFixed(4)), p99: Number(percentile(samples, 99).toFixed(4)) };
}

async function readerMetrics(reader: RankReader, seed: RankSeed) {
  const year = yearKey(Date.now());
  const month = monthKey(Date.now());
  const ids = seed.sampleMembers;
  const own = await time(5000, (i) =>
    reader.own(i % 2 ? 'o1' : `b${Math.ceil(ids[i % ids.length]! / 500)}`, i % 3 ? year : month, ids[i % ids.length]!),
  );
  const top = await time(1000, (i) =>
    reader.top(i % 2 ? 'o1' : `b${(i % seed.branches) + 1}`, i % 3 ? year : month, 50),
  );
  return { own_p50_ms: own.p50, own_p99_ms: own.p99, top50_p50_ms: top.p50, top50_p99_ms: top.p99 };
}

function rankScenario(kind: 'own' | 'top50', members: number, redis: boolean): BenchScenario<RankSeed> {
  const size = members >= 1_000_000 ? '1m' : `${Math.round(members / 1000)}k`;
  return defineScenario<RankSeed>({
    name: `rank-${kind}-${size}${redis ? '-redis' : ''}`,
    description:
      `${kind === 'own' ? 'own rank and percentile' : 'own rank + top 50 opted-in'} at ${members.toLocaleString('en')} members` +
      (redis ? ', Redis sorted sets' : ''),
    // The Redis mirror is one path whatever the database; measure it once, beside SQLite.
    dialects: redis ? ['sqlite'] : undefined,
    amount: 30_000,
    maxSeconds: 10,
    serve: async ({ handle, dialect, config }) => {
      const seed = await seedRankings(dialect, config, members);
      await sql`update orgs set ranking_visibility = ${kind === 'own' ? 'self' : 'opt_in'}`.execute(handle.db);
      let appConfig = config;
      let reader: RankReader = sqlRankReader(handle.db);
      if (redis) {
        const prefix = `xf-bench-${randomBytes(3).toString('hex')}:`;
        const client = new Redis(REDIS_URL);
        await seedRedis(client, prefix, members);
        reader = redisRankReader(client, prefix);
        appConfig = { ...config, redisUrl: REDIS_URL, redisPrefix: prefix };
        const app = await buildApp(appConfig, handle);
        app.addHook('onClose', async () => {
          let cursor = '0';
          do {
            const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
            cursor = next;
            if (keys.length) await client.del(...keys);
          } while (cursor !== '0');
          await client.quit();
        });
        return { app, info: seed, metrics: { ...(await readerMetrics(reader, seed)), seed_s: seed.seedSeconds } };
      }
      const app = await buildApp(appConfig, handle);
      return { app, info: seed, metrics: { ...(await readerMetrics(reader, seed)), seed_s: seed.seedSeconds } };
    },
    requests: (seed) => {
      let n = 0;
      return [
        {
          method: 'GET',
          path: '/api/rankings?scope=branch&period=year',
          setupRequest: (req) => {
            n += 1;
            const token = seed.tokens[n % seed.tokens.length];
            const scope = n % 2 ? 'org' : 'branch';
            return {
              ...req,
              path: `/api/rankings?scope=${scope}&period=${n % 3 ? 'year' : 'month'}`,
              headers: { ...req.headers, authorization: `Bearer ${token}` },
            };
          },
        },
      ];
    },
  });
}

export const rankScenarios = [
  rankScenario('own', 15_000, false),
  rankScenario('top50', 15_000, false),
  rankScenario('own', 15_000, true),
  rankScenario('top50', 15_000, true),
  rankScenario('own', 1_000_000, false),
  rankScenario('top50', 1_000_000, false),
  rankScenario('own', 1_000_000, true),
  rankScenario('top50', 1_000_000, true),
];
