// `npm start` (= `start.mjs --demo`): build the H5 app if it is missing, then serve it and the
// API from one process on one port (PORT, default 3000), in demo mode: the demo organisation
// is seeded on first run and anyone may sign in as any demo account.
// `npm run serve` (no --demo) starts the same way without demo sign-in or demo data.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const h5Index = path.join(root, 'dist', 'h5', 'index.html');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (!existsSync(h5Index) || process.argv.includes('--rebuild')) {
  console.log('正在构建 H5 应用（首次约 30 秒）…');
  const build = spawnSync(npm, ['run', 'build:h5'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const demo = process.argv.includes('--demo') ? ['--demo'] : [];
const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'src', 'server.ts'), ...demo], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
