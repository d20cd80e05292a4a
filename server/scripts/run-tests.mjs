// Runs the server tests on SQLite, then on PostgreSQL when one is reachable. In CI a
// PostgreSQL is required: a missing one fails the run instead of silently skipping.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pgUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const dialects = process.argv.includes('--sqlite-only')
  ? ['sqlite']
  : process.argv.includes('--pg-only')
    ? ['postgres']
    : ['sqlite', 'postgres'];

function testFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return testFiles(full);
    return name.endsWith('.test.ts') ? [full] : [];
  });
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const files = only.length ? only : [...testFiles(path.join(root, 'test')), ...testFiles(path.join(root, 'src'))];
let failed = false;
for (const dialect of dialects) {
  const env = { ...process.env, NODE_ENV: 'test' };
  if (dialect === 'postgres') {
    if (!(await postgresReachable())) {
      if (process.env.CI) {
        console.error(`PostgreSQL is not reachable at ${pgUrl}; CI runs every server test on both dialects.`);
        failed = true;
      } else {
        console.warn(`PostgreSQL not reachable at ${pgUrl}: skipped the PostgreSQL run.`);
      }
      continue;
    }
    env.TEST_PG_URL = pgUrl;
  } else {
    delete env.TEST_PG_URL;
  }
  console.log(`\n=== server tests on ${dialect} (${files.length} files) ===`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
    { cwd: root, env, stdio: 'inherit' },
  );
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
