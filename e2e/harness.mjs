/* global document, window */
// Starts the real product (API + built H5 app, seeded SQLite in a temp dir) on a free
// port, and launches Debian's Chromium with a phone viewport.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const artifacts = path.join(root, 'e2e', 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** The browser's time zone (UTC-8/-7): a device clock read by mistake shows a wrong hour or date. */
export const PHONE_TIMEZONE = 'America/Los_Angeles';

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * `env` adds variables for the server (e.g. XF_TEST_CLOCK=1 for the check-in clock route).
 * The product runs in demo mode (XF_DEMO=1): the journeys sign in with demo accounts.
 * `demo: false` runs it as a real deployment (no demo sign-in) on a database that
 * `npm run seed` filled with the demo organisation beforehand; with `fresh: true` as well, on an
 * empty database (what `npm run setup` meets on a new deployment).
 */
export async function startProduct({ env = {}, demo = true, fresh = false } = {}) {
  if (!existsSync(path.join(root, 'dist', 'h5', 'index.html'))) {
    throw new Error('dist/h5 is missing: run `npm run build:h5` first (npm test does).');
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xianfeng-e2e-'));
  const port = await freePort();
  if (!demo && !fresh) {
    const seeded = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'server', 'src', 'seed', 'cli.ts')],
      {
        cwd: root,
        env: { ...process.env, NODE_ENV: 'development', SQLITE_PATH: path.join(dir, 'e2e.db'), DATABASE_URL: '' },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    if (seeded.status !== 0) throw new Error(`seeding failed with ${seeded.status}`);
  }
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'src', 'server.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      XF_DEMO: demo ? '1' : '',
      PORT: String(port),
      HOST: '127.0.0.1',
      SQLITE_PATH: path.join(dir, 'e2e.db'),
      UPLOADS_DIR: path.join(dir, 'uploads'),
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      // The journeys sign in dozens of demo accounts from one address within a minute (to find
      // a suitable member); the sign-in limit itself is proven in server/test/limits.test.ts.
      SIGN_IN_RATE_LIMIT: '5000',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not become healthy within 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    /** The product's SQLite file, for tests that compute expected figures on their own. */
    dbPath: path.join(dir, 'e2e.db'),
    async api(method, url, { token, body } = {}) {
      const res = await fetch(`${baseUrl}${url}`, {
        method,
        headers: {
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      return res.status === 204 ? null : res.json();
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Every page of every phone reports Content-Security-Policy violations (the event and the
 * console error Chromium writes); close() fails the suite when there was any, so each journey
 * also proves the app works under the server's policy.
 */
export async function launchPhone() {
  // launch() gives every run a fresh temporary profile (the --user-data-dir TOOLCHAIN.md asks for).
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(artifacts, { recursive: true });
  const violations = [];
  return {
    browser,
    /** What the policy refused so far, e.g. for a test that asserts it right after a journey. */
    cspViolations: violations,
    newPhone() {
      return this.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      });
    },
    /** A desktop browser (the web console on a secretary's computer). */
    newComputer() {
      return this.newContext({ viewport: { width: 1280, height: 800 } });
    },
    async newContext(device) {
      const context = await browser.newContext({
        ...device,
        locale: 'zh-CN',
        // Far from China on purpose: the app must show China time whatever the device's zone.
        timezoneId: PHONE_TIMEZONE,
      });
      await context.exposeBinding('__xfCspViolation', ({ page }, v) =>
        violations.push(`${page.url()}: ${v.directive} refused ${v.blocked}${v.sample ? ` (${v.sample})` : ''}`),
      );
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          window.__xfCspViolation({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
        });
      });
      context.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
          violations.push(`${message.page()?.url() ?? ''}: ${message.text()}`);
        }
      });
      return context;
    },
    async close() {
      await browser.close();
      if (violations.length > 0) {
        throw new Error(`Content-Security-Policy violations in the browser:\n${[...new Set(violations)].join('\n')}`);
      }
    },
  };
}

/**
 * Closes the phone, then stops the product even when closing failed (the phone throws on CSP
 * violations, and a product left running would keep the test process alive).
 */
export async function shutDown(phone, product) {
  try {
    await phone?.close();
  } finally {
    await product?.stop();
  }
}
