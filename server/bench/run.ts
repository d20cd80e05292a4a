// `npm run bench`: each scenario's server in its own process, load from this process with
// autocannon over loopback, bounded in requests and seconds. Writes bench/results.json at
// the repository root and prints a table with every rate next to `bare` from the same run.
//
//   npm run bench                          every scenario, SQLite (+ PostgreSQL when reachable)
//   npm run bench -- --only bare,checkin   some scenarios (bare is always measured too)
//   npm run bench -- --dialects sqlite     one dialect
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import type { Dialect } from '../src/db/index.js';
import type { BenchScenario } from './scenario.js';
import { scenarios } from './scenarios/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const resultsFile = path.join(repoRoot, 'bench', 'results.json');

export interface BenchResult {
  scenario: string;
  /** `none` for bare, which touches no database. */
  dialect: Dialect | 'none';
  rps: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  requests: number;
  seconds: number;
  connections: number;
  ratio_vs_bare: number | null;
  metrics: Record<string, number>;
}

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({
    connectionString: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

interface Started {
  child: ChildProcess;
  port: number;
  info: unknown;
  metrics: Record<string, number>;
}

function startServer(name: string, dialect: Dialect): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'serve.ts'), name, dialect], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  });
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (!line.startsWith('BENCH_READY ')) return void process.stdout.write(`  [${name}] ${line}\n`);
      const ready = JSON.parse(line.slice('BENCH_READY '.length)) as Omit<Started, 'child'>;
      resolve({ child, ...ready });
    });
    child.once('exit', (code) => reject(new Error(`${name} server exited with ${code} before it was ready`)));
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function load(
  scenario: BenchScenario<unknown>,
  port: number,
  info: unknown,
  amount: number,
  maxSeconds: number,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: scenario.connections ?? 100,
        amount,
        requests: scenario.requests(info),
        timeout: 10,
      },
      (error, result) => {
        clearTimeout(stopper);
        if (error) reject(error);
        else resolve(result);
      },
    );
    // `amount` bounds the count; this bounds the time.
    const stopper = setTimeout(() => instance.stop(), maxSeconds * 1000);
  });
}

async function measure(scenario: BenchScenario<unknown>, dialect: Dialect): Promise<BenchResult> {
  const server = await startServer(scenario.name, dialect);
  try {
    if (scenario.warmup !== false) await load(scenario, server.port, server.info, 2_000, 2);
    const result = await load(scenario, server.port, server.info, scenario.amount ?? 50_000, scenario.maxSeconds ?? 10);
    const requests = result.requests.total;
    const seconds = result.duration;
    return {
      scenario: scenario.name,
      dialect,
      rps: Math.round(requests / seconds),
      p50_ms: result.latency.p50,
      p99_ms: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx,
      requests,
      seconds: Math.round(seconds * 10) / 10,
      connections: result.connections,
      ratio_vs_bare: null,
      metrics: server.metrics,
    };
  } finally {
    await stopServer(server.child);
  }
}

function printTable(results: BenchResult[]): void {
  const rows = results.map((r) => [
    r.scenario,
    r.dialect,
    String(r.rps),
    r.p50_ms.toFixed(1),
    r.p99_ms.toFixed(1),
    String(r.errors),
    r.ratio_vs_bare === null ? '' : `${Math.round(r.ratio_vs_bare * 100)}%`,
    Object.entries(r.metrics)
      .map(([k, v]) => `${k}=${Math.round(v * 1000) / 1000}`)
      .join(' '),
  ]);
  const header = ['scenario', 'dialect', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'vs bare', 'server-side'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
}

const only = argValue('--only')?.split(',');
const requestedDialects = argValue('--dialects')?.split(',') as Dialect[] | undefined;
const dialects: Dialect[] = requestedDialects ?? [
  'sqlite',
  ...((await postgresReachable()) ? ['postgres' as const] : []),
];
const chosen = scenarios.filter((s) => !only || s.name === 'bare' || only.includes(s.name));

console.log(
  `bench on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}; dialects: ${dialects.join(', ')}`,
);
const results: BenchResult[] = [];
// bare has no database: measured once, and every ratio refers to it.
const bare = chosen.find((s) => s.name === 'bare');
if (!bare) throw new Error('the bare scenario is missing');
const bareResult = await measure(bare as BenchScenario<unknown>, 'sqlite');
results.push({ ...bareResult, dialect: 'none', ratio_vs_bare: 1 });
for (const dialect of dialects) {
  for (const scenario of chosen) {
    if (scenario === bare) continue;
    if (scenario.dialects && !scenario.dialects.includes(dialect)) continue;
    process.stdout.write(`measuring ${scenario.name} on ${dialect}…\n`);
    const result = await measure(scenario as BenchScenario<unknown>, dialect);
    results.push({ ...result, ratio_vs_bare: result.rps / bareResult.rps });
  }
}

fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
printTable(results);
console.log(`\nwritten ${path.relative(process.cwd(), resultsFile)}`);
