import { spawn } from 'node:child_process';
import readline from 'node:readline';
import autocannon from 'autocannon';
import { scenarios } from './scenarios/index.js';
const name = process.argv[2] ?? 'checkin';
const scenario = scenarios.find((s) => s.name === name)!;
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/xf-prof', '--import', 'tsx', 'bench/serve.ts', name, 'sqlite'], { stdio: ['ignore', 'pipe', 'inherit'] });
const lines = readline.createInterface({ input: child.stdout! });
lines.on('line', (line) => {
  if (!line.startsWith('BENCH_READY ')) return;
  const ready = JSON.parse(line.slice(12));
  autocannon({ url: `http://127.0.0.1:${ready.port}`, connections: 100, amount: 15000, requests: scenario.requests(ready.info as never), timeout: 10 }, (err, result) => {
    console.log(err ?? { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx });
    child.kill('SIGTERM');
  });
});
