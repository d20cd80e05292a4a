import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface AppConfig {
  /** `production` turns the demo sign-in off. */
  env: 'production' | 'development' | 'test';
  /** A PostgreSQL URL; when absent, the embedded SQLite file is used. */
  databaseUrl: string | null;
  sqlitePath: string;
  /** Base URL of WeChat's API (code2session); the mock in mocks/ stands in for it outside production. */
  wechatApiBase: string;
  wechatAppId: string;
  wechatAppSecret: string;
  sessionTtlMs: number;
  inviteTtlMs: number;
  bindTicketTtlMs: number;
  /** Directory with the built H5 app to serve at `/`, or null for an API-only process. */
  staticDir: string | null;
  logLevel: string;
  /** Where volunteer photos are stored. */
  uploadsDir: string;
  /** Redis for the rank mirror; null keeps rankings on the database alone. */
  redisUrl: string | null;
  /** Prefix of every Redis key this process writes (tests use their own). */
  redisPrefix: string;
  /** Test-only clock shift route for browser tests (XF_TEST_CLOCK=1); never in production. */
  testClock: boolean;
}

const DAY = 24 * 60 * 60 * 1000;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  return {
    env: nodeEnv,
    databaseUrl: env.DATABASE_URL || null,
    sqlitePath: env.SQLITE_PATH || path.join(repoRoot, 'data', 'xianfeng.db'),
    wechatApiBase: env.WECHAT_API_BASE || 'https://api.weixin.qq.com',
    wechatAppId: env.WECHAT_APPID || 'wx-demo-appid',
    wechatAppSecret: env.WECHAT_SECRET || 'demo-secret',
    sessionTtlMs: Number(env.SESSION_TTL_DAYS || 7) * DAY,
    inviteTtlMs: Number(env.INVITE_TTL_HOURS || 72) * 60 * 60 * 1000,
    bindTicketTtlMs: 10 * 60 * 1000,
    staticDir: env.STATIC_DIR === '' ? null : env.STATIC_DIR || path.join(repoRoot, 'dist', 'h5'),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    uploadsDir: env.UPLOADS_DIR || path.join(repoRoot, 'data', 'uploads'),
    redisUrl: env.REDIS_URL || null,
    redisPrefix: env.REDIS_PREFIX || 'xf:',
    testClock: nodeEnv !== 'production' && env.XF_TEST_CLOCK === '1',
  };
}
