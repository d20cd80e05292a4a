/* global document, window */
// The product's safe defaults, seen from outside: the built H5 app works under the server's
// Content-Security-Policy (every journey in e2e/ also fails on a violation, see harness.mjs),
// the violation check itself can fail, and without the demo mode nobody signs in as a demo
// account and no demo data is made.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { launchPhone, startProduct, shutDown } from './harness.mjs';

describe('security in Chromium', () => {
  let product;
  let phone;
  before(async () => {
    product = await startProduct();
    phone = await launchPhone();
  });
  after(() => shutDown(phone, product));

  test('the app page carries the policy and the headers, and signing in raises no violation', async () => {
    const res = await fetch(product.baseUrl);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self' 'sha256-/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    const { accounts } = await product.api('GET', '/api/auth/demo-accounts');
    const secretary = accounts.find((a) => a.roles[0] === 'secretary');
    const context = await phone.newPhone();
    const page = await context.newPage();
    await page.goto(product.baseUrl);
    await page.getByText(secretary.name, { exact: true }).first().click();
    await page.locator('.home').waitFor({ timeout: 20_000 });
    await page.getByText('管理').first().waitFor({ timeout: 10_000 });
    assert.deepEqual(phone.cspViolations, []);
    await context.close();
  });

  test('the violation check catches an inline script the policy refuses', async () => {
    const context = await phone.newPhone();
    const page = await context.newPage();
    await page.goto(product.baseUrl);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.head.appendChild(script);
    });
    for (let i = 0; i < 40 && phone.cspViolations.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(
      phone.cspViolations.some((v) => v.includes('script-src')),
      `reported: ${JSON.stringify(phone.cspViolations)}`,
    );
    assert.equal(await page.evaluate(() => window.__injected), undefined, 'the script did not run');
    await context.close();
    phone.cspViolations.length = 0; // caused on purpose: not a failure of the app
  });
});

describe('without the demo mode', () => {
  test('no demo sign-in and no demo data', async () => {
    const product = await startProduct({ env: { XF_DEMO: '' } });
    try {
      const list = await product.api('GET', '/api/auth/demo-accounts');
      assert.equal(list.code, 'DEMO_DISABLED');
      const login = await product.api('POST', '/api/auth/demo', { body: { memberId: 1 } });
      assert.equal(login.code, 'DEMO_DISABLED');
      const db = new Database(product.dbPath, { readonly: true });
      try {
        assert.equal(db.prepare('select count(*) as n from orgs').get().n, 0, 'nothing seeded');
      } finally {
        db.close();
      }
    } finally {
      await product.stop();
    }
  });
});
