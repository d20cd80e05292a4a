// Backups that restore: a real server process takes a burst of writes, `npm run backup` runs
// in the middle of it, the copy is restored into a fresh place, a second server starts on it,
// and every write acknowledged before the backup began is there. SQLite uses the online backup
// API; PostgreSQL (on the PostgreSQL run) pg_dump / pg_restore.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../src/config.js';
import { migrateToLatest, openDatabase } from '../src/db/index.js';
import { buildOrgFixture, type OrgFixture } from '../../mocks/fixtures.js';
import { dialectUnderTest, openTestDatabase, type TestDatabase } from './helpers.js';

const run = promisify(execFile);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const pgToolsMissing = dialectUnderTest === 'postgres' && spawnSync('pg_dump', ['--version']).status !== 0;
if (pgToolsMissing && process.env.CI) throw new Error('pg_dump is not on PATH; CI tests PostgreSQL backups');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Server {
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startServer(env: NodeJS.ProcessEnv): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      XF_DEMO: '1',
      SEED_DEMO: '0',
      STATIC_DIR: '',
      LOG_LEVEL: 'error',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error('server did not become healthy within 90 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

async function signIn(base: string, memberId: number): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/auth/demo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ memberId }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return { authorization: `Bearer ${((await res.json()) as { token: string }).token}` };
}

const daysAgo = (n: number) => new Date(Date.now() + 8 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);

describe('backup and restore', { skip: pgToolsMissing ? 'pg_dump/pg_restore are not on PATH' : false }, () => {
  let dir: string;
  let f: OrgFixture;
  let sourceEnv: NodeJS.ProcessEnv;
  let restoredEnv: NodeJS.ProcessEnv;
  const databases: TestDatabase[] = [];

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'xianfeng-backup-'));
    sourceEnv = { UPLOADS_DIR: path.join(dir, 'uploads'), BACKUP_DIR: path.join(dir, 'backups'), BACKUP_KEEP: '2' };
    restoredEnv = { UPLOADS_DIR: path.join(dir, 'restored', 'uploads') };
    if (dialectUnderTest === 'postgres') {
      const source = await openTestDatabase();
      const restored = await openTestDatabase({ migrate: false });
      databases.push(source, restored);
      f = await buildOrgFixture(source.db);
      sourceEnv.DATABASE_URL = source.url;
      restoredEnv.DATABASE_URL = restored.url;
    } else {
      sourceEnv.SQLITE_PATH = path.join(dir, 'live', 'xianfeng.db');
      restoredEnv.SQLITE_PATH = path.join(dir, 'restored', 'xianfeng.db');
      const handle = openDatabase({ databaseUrl: null, sqlitePath: sourceEnv.SQLITE_PATH });
      await migrateToLatest(handle.db);
      f = await buildOrgFixture(handle.db);
      await handle.destroy();
    }
  });
  after(async () => {
    for (const database of databases) await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cli = (command: 'backup' | 'restore', env: NodeJS.ProcessEnv, ...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'server/src/backup/cli.ts', command, ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  test('every write acknowledged before the backup began is in the restored copy', async () => {
    const live = await startServer(sourceEnv);
    let folder: string;
    const acknowledged: Array<{ id: number; member: number; at: number }> = [];
    let backupStartedAt = Infinity;
    let photo: { id: number; member: number };
    try {
      const members = [f.memberA1, f.memberA2, f.memberB1];
      const tokens = await Promise.all(members.map((m) => signIn(live.base, m)));
      const form = new FormData();
      form.append('file', new Blob([PNG], { type: 'image/png' }), 'proof.png');
      const upload = await fetch(`${live.base}/api/volunteer/photos`, {
        method: 'POST',
        headers: tokens[0],
        body: form,
      });
      assert.equal(upload.status, 200, await upload.clone().text());
      photo = { id: ((await upload.json()) as { id: number }).id, member: f.memberA1 };

      let backupDone = false;
      let writes = 0;
      const writer = async (index: number) => {
        for (let n = 0; !backupDone || n < 5; n++) {
          const body = {
            servedOn: daysAgo(1 + (n % 40)),
            hours: 0.5,
            category: '社区服务',
            place: '社区服务站',
            description: `备份测试 ${index}-${n}`,
            ...(index === 0 && n === 0 ? { photoIds: [photo.id] } : {}),
          };
          const res = await fetch(`${live.base}/api/volunteer/records`, {
            method: 'POST',
            headers: { ...tokens[index], 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          const at = Date.now();
          assert.equal(res.status, 200, await res.clone().text());
          acknowledged.push({ id: ((await res.json()) as { id: number }).id, member: members[index]!, at });
          writes++;
        }
      };
      const backup = (async () => {
        while (writes < 15) await new Promise((r) => setTimeout(r, 20));
        backupStartedAt = Date.now();
        const result = await cli('backup', sourceEnv);
        backupDone = true;
        return result;
      })();
      const [result] = await Promise.all([backup, ...members.map((_, i) => writer(i))]);
      assert.equal(result.code, 0, result.stderr);
      folder = /备份完成.*：(.+)$/m.exec(result.stdout)![1]!;
      assert.ok(
        acknowledged.some((w) => w.at > backupStartedAt),
        'writes went on during the backup',
      );

      const refused = await cli('restore', { ...sourceEnv }, folder, '--force');
      if (dialectUnderTest === 'sqlite') {
        assert.equal(refused.code, 1, 'a database a running server holds is never replaced');
        assert.match(refused.stderr, /正被运行中的服务使用/);
      }
      const intoLive = await cli('restore', { ...sourceEnv }, folder);
      assert.equal(intoLive.code, 1, 'an existing database is not overwritten without --force');
    } finally {
      await live.stop();
    }

    const restored = await cli('restore', restoredEnv, folder);
    assert.equal(restored.code, 0, restored.stderr);
    const again = await cli('restore', restoredEnv, folder);
    assert.equal(again.code, 1, 'restoring twice over the same place is refused');

    const before = acknowledged.filter((w) => w.at < backupStartedAt);
    assert.ok(before.length >= 15, `${before.length} writes before the backup`);
    const revived = await startServer(restoredEnv);
    try {
      const tokens = new Map<number, Record<string, string>>();
      for (const w of before) {
        if (!tokens.has(w.member)) tokens.set(w.member, await signIn(revived.base, w.member));
        const res = await fetch(`${revived.base}/api/volunteer/records/${w.id}`, { headers: tokens.get(w.member) });
        assert.equal(res.status, 200, `record ${w.id} acknowledged before the backup is missing`);
      }
      const image = await fetch(`${revived.base}/api/volunteer/photos/${photo!.id}`, {
        headers: tokens.get(photo!.member),
      });
      assert.equal(image.status, 200, 'the uploaded photo came back with the database');
      assert.deepEqual(Buffer.from(await image.arrayBuffer()), PNG);
    } finally {
      await revived.stop();
    }
  });

  test('keeps the newest BACKUP_KEEP copies', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await cli('backup', sourceEnv)).code, 0);
    const kept = readdirSync(sourceEnv.BACKUP_DIR!).filter((name) => !name.startsWith('.'));
    assert.equal(kept.length, 2, kept.join(', '));
  });
});
