// `npm test`: every check the project has, in order, with one summary at the end.
// A step that fails does not stop the others, so one run shows everything that is red.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const steps = [
  ['typecheck', npm, ['run', 'typecheck']],
  ['lint', npm, ['run', 'lint']],
  ['server (SQLite + PostgreSQL)', npm, ['run', 'test:server']],
  ['app (jest)', npm, ['run', 'test:app', '--', '--ci']],
  ['weapp build + WeChat compilers', npm, ['run', 'test:weapp']],
  // Renders the dist/weapp the step above built (no second build) in WeChat's engine, against a real API.
  ['weapp render (WeChat engine + API)', npm, ['run', 'test:weapp:render', '--', '--ci']],
  ['H5 production build', npm, ['run', 'build:h5']],
  ['chromium present', 'bash', [path.join(root, 'scripts', 'ensure-chromium.sh')]],
  ['browser (H5 in Chromium)', npm, ['run', 'test:e2e']],
];

const only = process.argv.slice(2);
const results = [];
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const run = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  const ok = run.status === 0;
  results.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  console.log(`${ok ? '✔' : '✘'} ${name} (${results.at(-1).seconds}s)`);
}

console.log('\nSummary');
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds}s)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
