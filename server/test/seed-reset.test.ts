import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../src/config.js';
import { migrateToLatest, openDatabase } from '../src/db/index.js';
import { resetRefusal, seedDemo } from '../src/seed/load.js';
import { buildOrgFixture } from '../../mocks/fixtures.js';
import { openTestDatabase } from './helpers.js';

const NOW = Date.parse('2026-11-22T10:00:00+08:00');

describe('seed --reset refuses to empty a real database', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xianfeng-seed-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const seedCli = (env: NodeJS.ProcessEnv, args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server', 'src', 'seed', 'cli.ts'), ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
      encoding: 'utf8',
      timeout: 120_000,
    });

  test('an empty database and one holding only the demo organisation may be reset; production never', async () => {
    const handle = await openTestDatabase();
    try {
      assert.equal(await resetRefusal(handle.db, 'development'), null);
      await seedDemo(handle.db, NOW);
      assert.equal(await resetRefusal(handle.db, 'development'), null);
      assert.match((await resetRefusal(handle.db, 'production')) ?? '', /生产环境/);
    } finally {
      await handle.close();
    }
  });

  test('an organisation the demo seed did not create blocks the reset, even next to the demo one', async () => {
    const handle = await openTestDatabase();
    try {
      await seedDemo(handle.db, NOW);
      await buildOrgFixture(handle.db);
      const refusal = await resetRefusal(handle.db, 'development');
      assert.match(refusal ?? '', /测试机关党委/);
      assert.match(refusal ?? '', /另一单位党委/);
      assert.doesNotMatch(refusal ?? '', /示例市机关党委/, 'the demo organisation is not named');
    } finally {
      await handle.close();
    }
  });

  test('the command leaves a real database untouched and says why', async () => {
    const sqlitePath = path.join(dir, 'real.db');
    const handle = openDatabase({ databaseUrl: null, sqlitePath });
    await migrateToLatest(handle.db);
    await buildOrgFixture(handle.db);
    await handle.destroy();

    const refused = seedCli({ SQLITE_PATH: sqlitePath, DATABASE_URL: '' }, ['--reset']);
    assert.equal(refused.status, 1, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /不是演示数据创建的组织/);

    const check = openDatabase({ databaseUrl: null, sqlitePath });
    try {
      const orgs = await check.db.selectFrom('orgs').select('name').orderBy('id').execute();
      assert.deepEqual(
        orgs.map((o) => o.name),
        ['测试机关党委', '另一单位党委'],
      );
    } finally {
      await check.destroy();
    }
  });

  test('the command refuses in production before touching the database', () => {
    const sqlitePath = path.join(dir, 'prod.db');
    const refused = seedCli(
      {
        NODE_ENV: 'production',
        WECHAT_APPID: 'wx1234567890abcdef',
        WECHAT_SECRET: 'a-real-secret',
        SQLITE_PATH: sqlitePath,
        DATABASE_URL: '',
      },
      ['--reset'],
    );
    assert.equal(refused.status, 1, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /生产环境/);
    assert.equal(existsSync(sqlitePath), false, 'no database was opened');
  });

  test('a demo database is reset and seeded again', () => {
    const sqlitePath = path.join(dir, 'demo.db');
    const first = seedCli({ SQLITE_PATH: sqlitePath, DATABASE_URL: '' }, []);
    assert.equal(first.status, 0, first.stdout + first.stderr);
    const again = seedCli({ SQLITE_PATH: sqlitePath, DATABASE_URL: '' }, ['--reset']);
    assert.equal(again.status, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /演示数据已生成/);
  });
});
