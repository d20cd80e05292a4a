import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTestApp, type TestApp } from './helpers.js';
import { buildOrgFixture, bearer, type OrgFixture } from '../../mocks/fixtures.js';

const INLINE = '!function(){document.documentElement.style.fontSize="20px"}();';

describe('security headers', () => {
  let t: TestApp;
  let f: OrgFixture;
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'xianfeng-h5-'));

  before(async () => {
    writeFileSync(
      path.join(staticDir, 'index.html'),
      `<!doctype html><html><head><script>${INLINE}</script><script defer src="/js/app.js"></script></head><body></body></html>`,
    );
    t = await openTestApp({ demo: true, staticDir });
    f = await buildOrgFixture(t.handle.db);
  });
  after(async () => {
    await t.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  const directives = (header: unknown) =>
    new Map(
      String(header)
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([name, ...values]) => [name!, values]),
    );

  test('the app page: nosniff, no framing, no referrer, and a policy that allows only its own scripts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['x-frame-options'], 'DENY');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    const csp = directives(res.headers['content-security-policy']);
    assert.deepEqual(csp.get('frame-ancestors'), ["'none'"]);
    assert.deepEqual(csp.get('default-src'), ["'self'"]);
    assert.deepEqual(csp.get('object-src'), ["'none'"]);
    const hash = createHash('sha256').update(INLINE).digest('base64');
    const tabBarLink = createHash('sha256').update('javascript:;').digest('base64');
    assert.deepEqual(
      csp.get('script-src'),
      ["'self'", `'sha256-${hash}'`, "'unsafe-hashes'", `'sha256-${tabBarLink}'`],
      'the inline script and the tab bar link by their hashes, nothing else',
    );
    assert.ok(csp.get('img-src')?.includes('data:'), 'the check-in QR code is a data: URL');
    assert.ok(!csp.has('upgrade-insecure-requests'));
  });

  test('every /api answer is no-store: sign-in, personal data, refusals', async () => {
    const signIn = await t.app.inject({ method: 'POST', url: '/api/auth/demo', payload: { memberId: f.memberA1 } });
    assert.equal(signIn.statusCode, 200);
    assert.equal(signIn.headers['cache-control'], 'no-store');
    assert.equal(signIn.headers['x-content-type-options'], 'nosniff');
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: await bearer(t.handle.db, f.memberA1) });
    assert.equal(me.statusCode, 200);
    assert.equal(me.headers['cache-control'], 'no-store');
    const refused = await t.app.inject({ method: 'GET', url: '/api/me' });
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.headers['cache-control'], 'no-store');
  });
});

describe('API docs', () => {
  const PROD = { env: 'production' as const };

  test('served outside production', async () => {
    const t = await openTestApp();
    try {
      const json = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
      assert.equal(json.statusCode, 200);
      assert.equal(json.json().info.title, '先锋 API');
      const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
      assert.equal(ui.statusCode, 200);
      const csp = String(ui.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'/, 'swagger UI brings its own policy');
      assert.doesNotMatch(csp, /upgrade-insecure-requests/);
    } finally {
      await t.close();
    }
  });

  test('absent in production unless API_DOCS=1', async () => {
    const off = await openTestApp({ ...PROD, apiDocs: false });
    try {
      for (const url of ['/api/docs', '/api/docs/', '/api/docs/json']) {
        const res = await off.app.inject({ method: 'GET', url });
        assert.equal(res.statusCode, 404, url);
        assert.equal(res.json().code, 'ROUTE_NOT_FOUND');
      }
    } finally {
      await off.close();
    }
    const on = await openTestApp({ ...PROD, apiDocs: true });
    try {
      assert.equal((await on.app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode, 200);
    } finally {
      await on.close();
    }
  });
});
