// The server process of one scenario: a fresh database, the scenario's seed and app,
// listening on a free loopback port. Prints one `BENCH_READY {json}` line, then serves
// until SIGTERM, when it closes the app and throws the database away.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { migrateToLatest, openDatabase, type Dialect } from '../src/db/index.js';
import { scenarios } from './scenarios/index.js';

const [name, dialectArg] = process.argv.slice(2);
const dialect = dialectArg as Dialect;
const scenario = scenarios.find((s) => s.name === name);
if (!scenario || (dialect !== 'sqlite' && dialect !== 'postgres')) {
  console.error(`usage: serve.ts <scenario> <sqlite|postgres>; scenarios: ${scenarios.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

const cleanups: Array<() => Promise<void>> = [];
let databaseUrl: string | null = null;
let sqlitePath = '';
if (dialect === 'postgres') {
  const maintenanceUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `xianfeng_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: maintenanceUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const url = new URL(maintenanceUrl);
  url.pathname = `/${dbName}`;
  databaseUrl = url.toString();
  cleanups.push(async () => {
    const dropper = new pg.Client({ connectionString: maintenanceUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${dbName} with (force)`);
    await dropper.end();
  });
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xianfeng-bench-'));
  sqlitePath = path.join(dir, 'bench.db');
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
}

const config = {
  // Production settings (no docs, no demo); production needs WeChat credentials to be named.
  ...loadConfig({
    WECHAT_APPID: 'wx-bench',
    WECHAT_SECRET: 'bench-secret',
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
  }),
  databaseUrl,
  sqlitePath,
  staticDir: null,
};
const handle = openDatabase(config);
await migrateToLatest(handle.db);
cleanups.unshift(() => handle.destroy());

const served = await scenario.serve({ handle, dialect, config, buildApp: () => buildApp(config, handle) });
cleanups.unshift(() => served.app.close());
await served.app.listen({ port: 0, host: '127.0.0.1' });
const address = served.app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
console.log(`BENCH_READY ${JSON.stringify({ port, info: served.info, metrics: served.metrics ?? {} })}`);

process.once('SIGTERM', () => {
  void (async () => {
    for (const cleanup of cleanups) await cleanup().catch((error) => console.error(error));
    process.exit(0);
  })();
});
