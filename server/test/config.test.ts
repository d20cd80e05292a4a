import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ConfigError, loadConfig, repoRoot } from '../src/config.js';

const PROD = { NODE_ENV: 'production', WECHAT_APPID: 'wx1234567890abcdef', WECHAT_SECRET: 'a-real-secret' };

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.problems;
  }
  return [];
}

describe('configuration', () => {
  test('defaults: port 3000 on every interface, demo off, docs on outside production', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.demo, false);
    assert.equal(config.apiDocs, true);
    assert.equal(config.sessionTtlMs, 7 * 24 * 3600_000);
    assert.equal(config.signInPerMinute, 60);
    assert.equal(config.databaseUrl, null);
  });

  test('values are read as typed', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      SESSION_TTL_DAYS: '30',
      INVITE_TTL_HOURS: '24',
      DATABASE_URL: 'postgres://app:pw@db.internal:5432/xianfeng',
      REDIS_URL: 'redis://127.0.0.1:6379/2',
      XF_DEMO: '1',
      TRUST_PROXY: '1',
      SIGN_IN_RATE_LIMIT: '200',
      DATABASE_URL_UNUSED: 'whatever',
    });
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.sessionTtlMs, 30 * 24 * 3600_000);
    assert.equal(config.inviteTtlMs, 24 * 3600_000);
    assert.equal(config.databaseUrl, 'postgres://app:pw@db.internal:5432/xianfeng');
    assert.equal(config.redisUrl, 'redis://127.0.0.1:6379/2');
    assert.equal(config.demo, true);
    assert.equal(config.trustProxy, true);
    assert.equal(config.signInPerMinute, 200);
  });

  test('an empty value counts as unset (STATIC_DIR= means API only)', () => {
    const config = loadConfig({ DATABASE_URL: '', PORT: '', STATIC_DIR: '' });
    assert.equal(config.databaseUrl, null);
    assert.equal(config.port, 3000);
    assert.equal(config.staticDir, null);
  });

  test('a bad value is refused with the variable named', () => {
    const cases: Array<[NodeJS.ProcessEnv, string]> = [
      [{ SESSION_TTL_DAYS: 'abc' }, 'SESSION_TTL_DAYS'],
      [{ SESSION_TTL_DAYS: '7.5' }, 'SESSION_TTL_DAYS'],
      [{ SESSION_TTL_DAYS: '0' }, 'SESSION_TTL_DAYS'],
      [{ PORT: '-1' }, 'PORT'],
      [{ PORT: '70000' }, 'PORT'],
      [{ PORT: ' 80' }, 'PORT'],
      [{ INVITE_TTL_HOURS: '72h' }, 'INVITE_TTL_HOURS'],
      [{ DATABASE_URL: 'localhost:5432/xianfeng' }, 'DATABASE_URL'],
      [{ DATABASE_URL: 'mysql://root@localhost/x' }, 'DATABASE_URL'],
      [{ DATABASE_URL: 'postgres://u@db:99999/x' }, 'DATABASE_URL'],
      [{ REDIS_URL: '127.0.0.1:6379' }, 'REDIS_URL'],
      [{ REDIS_URL: 'redis://' }, 'REDIS_URL'],
      [{ WECHAT_API_BASE: 'api.weixin.qq.com' }, 'WECHAT_API_BASE'],
      [{ XF_DEMO: 'yes' }, 'XF_DEMO'],
      [{ API_DOCS: 'true' }, 'API_DOCS'],
      [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
      [{ SIGN_IN_RATE_LIMIT: '0' }, 'SIGN_IN_RATE_LIMIT'],
    ];
    for (const [env, name] of cases) {
      const problems = problemsOf(env);
      assert.equal(problems.length, 1, `${JSON.stringify(env)}: ${problems.join('; ')}`);
      assert.ok(problems[0]!.startsWith(`${name}=`), problems[0]);
      assert.match(problems[0]!, /[\u4e00-\u9fa5]/, 'the message is in Chinese');
    }
  });

  test('every bad variable is reported at once', () => {
    const problems = problemsOf({ PORT: 'x', SESSION_TTL_DAYS: 'abc', REDIS_URL: 'nope' });
    assert.deepEqual(
      problems.map((p) => p.split('=')[0]),
      ['PORT', 'SESSION_TTL_DAYS', 'REDIS_URL'],
    );
  });

  test('production needs real WeChat credentials', () => {
    assert.deepEqual(
      problemsOf({ NODE_ENV: 'production' }).map((p) => p.match(/WECHAT_\w+/)?.[0]),
      ['WECHAT_APPID', 'WECHAT_SECRET'],
    );
    const demoValues = problemsOf({ ...PROD, WECHAT_APPID: 'wx-demo-appid', WECHAT_SECRET: 'demo-secret' });
    assert.equal(demoValues.length, 2, 'the demo defaults are not credentials');
    const config = loadConfig(PROD);
    assert.equal(config.env, 'production');
    assert.equal(config.wechatAppId, PROD.WECHAT_APPID);
  });

  test('production refuses the demo mode and the test clock', () => {
    const demo = problemsOf({ ...PROD, XF_DEMO: '1' });
    assert.equal(demo.length, 1);
    assert.match(demo[0]!, /XF_DEMO/);
    assert.match(demo[0]!, /演示模式/);
    assert.match(problemsOf({ ...PROD, XF_TEST_CLOCK: '1' })[0] ?? '', /XF_TEST_CLOCK/);
  });

  test('the docs are off in production unless API_DOCS=1, and can be turned off anywhere', () => {
    assert.equal(loadConfig(PROD).apiDocs, false);
    assert.equal(loadConfig({ ...PROD, API_DOCS: '1' }).apiDocs, true);
    assert.equal(loadConfig({ NODE_ENV: 'staging' }).apiDocs, true);
    assert.equal(loadConfig({ API_DOCS: '0' }).apiDocs, false);
  });

  test('the demo mode is on only when asked for, whatever NODE_ENV says', () => {
    for (const NODE_ENV of [undefined, 'development', 'staging', 'test', 'anything']) {
      assert.equal(loadConfig({ NODE_ENV }).demo, false, `NODE_ENV=${NODE_ENV}`);
      assert.equal(loadConfig({ NODE_ENV, XF_DEMO: '1' }).demo, true, `NODE_ENV=${NODE_ENV}`);
    }
  });

  test('the server stops at start-up with the list of problems', () => {
    const server = path.join(repoRoot, 'server', 'src', 'server.ts');
    const run = (env: NodeJS.ProcessEnv, args: string[] = []) =>
      spawnSync(process.execPath, ['--import', 'tsx', server, ...args], {
        cwd: repoRoot,
        env: { PATH: process.env.PATH, ...env },
        encoding: 'utf8',
        timeout: 60_000,
      });
    const bad = run({ SESSION_TTL_DAYS: 'abc', PORT: '-1' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /SESSION_TTL_DAYS="abc"/);
    assert.match(bad.stderr, /PORT="-1"/);
    assert.match(bad.stderr, /服务未启动/);
    const demoInProduction = run(PROD, ['--demo']);
    assert.equal(demoInProduction.status, 1);
    assert.match(demoInProduction.stderr, /不能开启演示模式/);
  });
});
