// The process's configuration, read once from the environment and checked against a TypeBox
// schema, so a typo (`SESSION_TTL_DAYS=abc`, `PORT=-1`, a malformed DATABASE_URL) stops the
// start with a message that names the variable instead of running on NaN or a default.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type, type TSchema } from 'typebox';
import { Value } from 'typebox/value';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface AppConfig {
  /** `production` refuses the demo mode and the test clock, needs real WeChat credentials and hides the docs. */
  env: 'production' | 'development' | 'test';
  /** Demo sign-in and demo seeding; only when asked for (XF_DEMO=1 or `--demo`), never in production. */
  demo: boolean;
  port: number;
  host: string;
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
  /** Redis for the rank mirror and the shared rate limits; null keeps both in this process. */
  redisUrl: string | null;
  /** Prefix of every Redis key this process writes (tests use their own). */
  redisPrefix: string;
  /** Test-only clock shift route for browser tests (XF_TEST_CLOCK=1); refused in production. */
  testClock: boolean;
  /** Swagger UI and the OpenAPI JSON at /api/docs: on outside production, in production only with API_DOCS=1. */
  apiDocs: boolean;
  /** Trust X-Forwarded-For from a reverse proxy, so limits count clients, not the proxy. */
  trustProxy: boolean;
  /** Sign-in requests (demo and WeChat code exchange) one client address may make per minute. */
  signInPerMinute: number;
  /** Where `npm run backup` writes its folders, and how many it keeps. */
  backupDir: string;
  backupKeep: number;
  /** Opt-in reminders (WeChat subscribe messages); a kind without a template is off. */
  subscribe: SubscribeConfig;
}

export type SubscribeKindName = 'activityReminder' | 'reviewResult' | 'newQuiz';

/** A subscribe-message template of the mini-program: its id and the keys of its three fields. */
export interface TemplateConfig {
  id: string;
  keys: [string, string, string];
}

export interface SubscribeConfig {
  templates: Record<SubscribeKindName, TemplateConfig | null>;
  /** How long before an activity starts its reminder goes out. */
  reminderLeadMs: number;
  /** `miniprogram_state` of the messages: which version of the mini-program a tap opens. */
  miniprogramState: 'developer' | 'trial' | 'formal';
}

/** The default field keys of each template (what README asks to pick in the back office). */
export const DEFAULT_TEMPLATE_KEYS: Record<SubscribeKindName, [string, string, string]> = {
  activityReminder: ['thing1', 'time2', 'thing3'],
  reviewResult: ['thing1', 'phrase2', 'thing3'],
  newQuiz: ['thing1', 'time2', 'thing3'],
};

const DAY = 24 * 60 * 60 * 1000;
const DEMO_APPID = 'wx-demo-appid';
const DEMO_SECRET = 'demo-secret';

// Every variable the API reads, with what a valid value looks like. Integers are written
// as integers (no `3.5`, no spaces); the description is what the error message asks for.
const int = (minimum: number, maximum: number, unit: string) =>
  Type.Integer({ minimum, maximum, description: `介于 ${minimum} 到 ${maximum} 之间的整数（${unit}）` });
const flag = (description: string) =>
  Type.Union([Type.Literal('0'), Type.Literal('1')], { description: `0 或 1（${description}）` });
const url = (schemes: string, description: string) => Type.String({ pattern: `^(${schemes})://[^\\s]+$`, description });
const text = (description: string) => Type.String({ minLength: 1, description });
// A subscribe-message template id, optionally with the keys of its three fields: `<id>` or
// `<id>:thing1,time2,thing3`.
const template = (what: string) =>
  Type.String({
    pattern: '^[A-Za-z0-9_-]{8,64}(:[a-z_]+[0-9]+,[a-z_]+[0-9]+,[a-z_]+[0-9]+)?$',
    description: `订阅消息模板 ID（${what}），可在后面加字段名，如 模板ID:thing1,time2,thing3`,
  });

function parseTemplate(value: string | undefined, kind: SubscribeKindName): TemplateConfig | null {
  if (!value) return null;
  const [id, keys] = value.split(':');
  return { id: id!, keys: keys ? (keys.split(',') as [string, string, string]) : DEFAULT_TEMPLATE_KEYS[kind] };
}

export const EnvSchema = Type.Object({
  NODE_ENV: Type.Optional(text('运行环境，例如 production')),
  XF_DEMO: Type.Optional(flag('1 开启演示登录与演示数据')),
  PORT: Type.Optional(int(1, 65535, 'HTTP 端口')),
  HOST: Type.Optional(text('监听地址，例如 0.0.0.0')),
  DATABASE_URL: Type.Optional(url('postgres|postgresql', '形如 postgres://用户@主机:5432/库名 的 PostgreSQL 地址')),
  SQLITE_PATH: Type.Optional(text('SQLite 文件路径')),
  WECHAT_API_BASE: Type.Optional(url('https?', '以 http:// 或 https:// 开头的地址')),
  WECHAT_APPID: Type.Optional(text('小程序 AppID')),
  WECHAT_SECRET: Type.Optional(text('小程序 AppSecret')),
  SESSION_TTL_DAYS: Type.Optional(int(1, 365, '天')),
  INVITE_TTL_HOURS: Type.Optional(int(1, 24 * 30, '小时')),
  STATIC_DIR: Type.Optional(Type.String({ description: 'H5 构建目录；空值表示只提供接口' })),
  LOG_LEVEL: Type.Optional(
    Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
      { description: 'fatal、error、warn、info、debug、trace 或 silent' },
    ),
  ),
  UPLOADS_DIR: Type.Optional(text('上传文件目录')),
  REDIS_URL: Type.Optional(url('rediss?', '形如 redis://127.0.0.1:6379 的 Redis 地址')),
  REDIS_PREFIX: Type.Optional(text('Redis 键前缀')),
  XF_TEST_CLOCK: Type.Optional(flag('1 开启浏览器测试用的时钟接口')),
  API_DOCS: Type.Optional(flag('1 开启 /api/docs')),
  TRUST_PROXY: Type.Optional(flag('1 信任反向代理的 X-Forwarded-For')),
  SIGN_IN_RATE_LIMIT: Type.Optional(int(1, 100_000, '每个地址每分钟的登录请求数')),
  BACKUP_DIR: Type.Optional(text('备份目录')),
  BACKUP_KEEP: Type.Optional(int(1, 1000, '保留的备份份数')),
  WECHAT_TEMPLATE_ACTIVITY_REMINDER: Type.Optional(template('活动开始提醒')),
  WECHAT_TEMPLATE_REVIEW_RESULT: Type.Optional(template('审核结果通知')),
  WECHAT_TEMPLATE_NEW_QUIZ: Type.Optional(template('新答题通知')),
  REMINDER_LEAD_MINUTES: Type.Optional(int(5, 24 * 60, '活动开始前多少分钟提醒')),
  WECHAT_MINIPROGRAM_STATE: Type.Optional(
    Type.Union([Type.Literal('developer'), Type.Literal('trial'), Type.Literal('formal')], {
      description: 'developer、trial 或 formal（点击消息打开的小程序版本）',
    }),
  ),
});

/** Thrown by loadConfig with one line per bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The variables EnvSchema knows, with integers parsed only when written as integers. */
function typedEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const typed: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(EnvSchema.properties) as Array<[string, TSchema]>) {
    const raw = env[name];
    // An empty value means unset (shells and compose files write `X=`), except STATIC_DIR='' (API only).
    if (raw === undefined || (raw === '' && name !== 'STATIC_DIR')) continue;
    typed[name] = (schema as { type?: string }).type === 'integer' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
  return typed;
}

function describeProblems(env: NodeJS.ProcessEnv, typed: Record<string, unknown>): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const error of Value.Errors(EnvSchema, typed)) {
    const name = error.instancePath.replace(/^\//, '').split('/')[0] ?? '';
    if (!name || seen.has(name)) continue;
    seen.add(name);
    const schema = (EnvSchema.properties as Record<string, TSchema & { description?: string }>)[name];
    problems.push(`${name}=${JSON.stringify(env[name])} 无效，应为${schema?.description ?? '有效值'}`);
  }
  // The schema checks the shape; the URL parser checks what a pattern cannot (ports, hosts).
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'WECHAT_API_BASE'] as const) {
    const value = typed[name];
    if (typeof value !== 'string' || seen.has(name)) continue;
    try {
      const parsed = new URL(value);
      if (!parsed.hostname) throw new Error('no host');
    } catch {
      seen.add(name);
      problems.push(`${name}=${JSON.stringify(value)} 不是有效的地址（主机或端口有误）`);
    }
  }
  return problems;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const typed = typedEnv(env);
  const problems = describeProblems(env, typed);
  const v = typed as {
    [K in keyof typeof EnvSchema.properties]?: K extends
      'PORT' | 'SESSION_TTL_DAYS' | 'INVITE_TTL_HOURS' | 'SIGN_IN_RATE_LIMIT' | 'BACKUP_KEEP' | 'REMINDER_LEAD_MINUTES'
      ? number
      : string;
  };

  const nodeEnv = v.NODE_ENV === 'production' ? 'production' : v.NODE_ENV === 'test' ? 'test' : 'development';
  if (nodeEnv === 'production') {
    if (v.XF_DEMO === '1') problems.push('生产环境（NODE_ENV=production）不能开启演示模式：请去掉 XF_DEMO=1 或 --demo');
    if (v.XF_TEST_CLOCK === '1')
      problems.push('生产环境（NODE_ENV=production）不能开启测试时钟：请去掉 XF_TEST_CLOCK=1');
    if (!v.WECHAT_APPID || v.WECHAT_APPID === DEMO_APPID) {
      problems.push('生产环境必须设置 WECHAT_APPID 为小程序的真实 AppID');
    }
    if (!v.WECHAT_SECRET || v.WECHAT_SECRET === DEMO_SECRET) {
      problems.push('生产环境必须设置 WECHAT_SECRET 为小程序的真实 AppSecret');
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: nodeEnv,
    demo: v.XF_DEMO === '1',
    port: v.PORT ?? 3000,
    host: v.HOST ?? '0.0.0.0',
    databaseUrl: v.DATABASE_URL ?? null,
    sqlitePath: v.SQLITE_PATH ?? path.join(repoRoot, 'data', 'xianfeng.db'),
    wechatApiBase: v.WECHAT_API_BASE ?? 'https://api.weixin.qq.com',
    wechatAppId: v.WECHAT_APPID ?? DEMO_APPID,
    wechatAppSecret: v.WECHAT_SECRET ?? DEMO_SECRET,
    sessionTtlMs: (v.SESSION_TTL_DAYS ?? 7) * DAY,
    inviteTtlMs: (v.INVITE_TTL_HOURS ?? 72) * 60 * 60 * 1000,
    bindTicketTtlMs: 10 * 60 * 1000,
    staticDir: v.STATIC_DIR === '' ? null : (v.STATIC_DIR ?? path.join(repoRoot, 'dist', 'h5')),
    logLevel: v.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    uploadsDir: v.UPLOADS_DIR ?? path.join(repoRoot, 'data', 'uploads'),
    redisUrl: v.REDIS_URL ?? null,
    redisPrefix: v.REDIS_PREFIX ?? 'xf:',
    testClock: v.XF_TEST_CLOCK === '1',
    apiDocs: v.API_DOCS === undefined ? nodeEnv !== 'production' : v.API_DOCS === '1',
    trustProxy: v.TRUST_PROXY === '1',
    signInPerMinute: v.SIGN_IN_RATE_LIMIT ?? 60,
    backupDir: v.BACKUP_DIR ?? path.join(repoRoot, 'data', 'backups'),
    backupKeep: v.BACKUP_KEEP ?? 7,
    subscribe: {
      templates: {
        activityReminder: parseTemplate(v.WECHAT_TEMPLATE_ACTIVITY_REMINDER, 'activityReminder'),
        reviewResult: parseTemplate(v.WECHAT_TEMPLATE_REVIEW_RESULT, 'reviewResult'),
        newQuiz: parseTemplate(v.WECHAT_TEMPLATE_NEW_QUIZ, 'newQuiz'),
      },
      reminderLeadMs: (v.REMINDER_LEAD_MINUTES ?? 60) * 60 * 1000,
      miniprogramState:
        (v.WECHAT_MINIPROGRAM_STATE as SubscribeConfig['miniprogramState'] | undefined) ??
        (nodeEnv === 'production' ? 'formal' : 'developer'),
    },
  };
}

/**
 * For the command-line entry points: `--demo` on the command line counts as XF_DEMO=1, and a
 * bad configuration ends the process with the list of problems instead of a stack trace.
 */
export function loadConfigOrExit(argv: string[] = process.argv, env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(argv.includes('--demo') ? { ...env, XF_DEMO: '1' } : env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${error.message}\n服务未启动。各变量的含义见 README.md。`);
    process.exit(1);
  }
}
