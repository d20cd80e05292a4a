/* global document, localStorage */
// The web console's QR sign-in as a real deployment runs it (no demo sign-in): a computer shows
// a QR, a secretary's phone (signed in to the mini-program; here a browser context holding that
// session) opens it, sees which browser asks, confirms, and the computer lands signed in with
// the secretary's roles. Then 退出所有电脑端登录 on the phone signs the computer out.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import jsQR from 'jsqr';
import { artifacts, launchPhone, startProduct, shutDown } from './harness.mjs';

describe('web console sign-in by QR (production-like, 390x844 phone + 1280x800 computer)', () => {
  let product;
  let browsers;
  let secretary;
  let phoneToken;

  before(async () => {
    product = await startProduct({ demo: false });
    browsers = await launchPhone();
    // The phone's mini-program session, made the way the API makes one after WeChat sign-in.
    const db = new Database(product.dbPath);
    db.pragma('busy_timeout = 5000');
    secretary = db
      .prepare(
        `select m.id, m.name from members m join role_grants g on g.member_id = m.id join branches b on b.id = g.branch_id
         where g.role = 'secretary' and b.name = ? order by m.id limit 1`,
      )
      .get('机关第一党支部');
    assert.ok(secretary, 'the seeded organisation has a secretary of 机关第一党支部');
    phoneToken = randomBytes(32).toString('base64url');
    const now = Date.now();
    db.prepare(
      `insert into sessions (token_hash, member_id, created_at, expires_at, kind) values (?, ?, ?, ?, 'mini')`,
    ).run(createHash('sha256').update(phoneToken).digest('hex'), secretary.id, now, now + 7 * 86_400_000);
    db.close();
  });
  after(() => shutDown(browsers, product));

  async function openPage(context) {
    const page = await context.newPage();
    const failures = [];
    page.on('pageerror', (e) => failures.push(e.message));
    return { page, failures };
  }

  async function qrOnScreen(page) {
    const qr = await page.locator('.login__qr img').evaluate((img) => {
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const context = canvas.getContext('2d');
      context.drawImage(img, 0, 0);
      const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
      return { data: Array.from(data), width, height };
    });
    const decoded = jsQR(Uint8ClampedArray.from(qr.data), qr.width, qr.height);
    assert.ok(decoded, 'the QR code on the sign-in page decodes');
    const match = /^xianfeng:weblogin:([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{22})$/.exec(decoded.data);
    assert.ok(match, `the QR code is a web sign-in: ${decoded.data}`);
    return { id: match[1], code: match[2] };
  }

  test('the demo sign-in is off', async () => {
    const res = await fetch(`${product.baseUrl}/api/auth/demo-accounts`);
    assert.equal(res.status, 403);
    assert.equal((await res.json()).code, 'DEMO_DISABLED');
  });

  test('scan, confirm on the phone, the computer is signed in; 退出所有电脑端登录 signs it out', async () => {
    const computerContext = await browsers.newComputer();
    const computer = await openPage(computerContext);
    await computer.page.goto(product.baseUrl);
    await computer.page.getByText('扫码登录电脑端', { exact: true }).waitFor({ timeout: 20_000 });
    await computer.page.locator('.login__qr img').waitFor();
    const text = await computer.page.locator('.login').innerText();
    assert.ok(text.includes('党员请使用小程序'), 'members are pointed to the mini-program');
    assert.ok(text.includes('微信中搜索“先锋”小程序'), text);
    assert.ok(!text.includes('演示登录'), 'no demo sign-in in a real deployment');
    await computer.page.screenshot({ path: path.join(artifacts, 'web-login-computer-qr.png') });
    const qr = await qrOnScreen(computer.page);

    // The phone: before it holds a session it sees the same page at 390 px (a member who opens
    // the site on a phone reads that members use the mini-program).
    const phoneContext = await browsers.newPhone();
    const phone = await openPage(phoneContext);
    await phone.page.goto(product.baseUrl);
    await phone.page.locator('.login__qr img').waitFor({ timeout: 20_000 });
    await phone.page.screenshot({ path: path.join(artifacts, 'web-login-qr-390.png'), fullPage: true });

    // Signed in to the mini-program, it opens what the scanner read.
    await phone.page.evaluate(
      ([token, expiresAt]) => localStorage.setItem('xf.session', JSON.stringify({ data: { token, expiresAt } })),
      [phoneToken, new Date(Date.now() + 86_400_000).toISOString()],
    );
    await phone.page.goto(`${product.baseUrl}/#/packages/manage/pages/web-login/index?t=${qr.id}.${qr.code}`);
    await phone.page.getByText('在电脑上登录先锋？').waitFor({ timeout: 20_000 });
    const ask = await phone.page.locator('.web-login__ask').innerText();
    assert.match(ask, /Chrome \d+ · Linux/, 'the phone names the computer’s browser');
    assert.match(ask, /\d+月\d+日 \d{2}:\d{2}/, 'and the time it asked');
    await phone.page.screenshot({ path: path.join(artifacts, 'web-login-phone-confirm.png') });

    await computer.page.getByText('已扫码', { exact: true }).waitFor({ timeout: 10_000 });
    await phone.page.getByText('确认登录', { exact: true }).click();
    await phone.page.getByText('已确认，电脑正在登录').waitFor({ timeout: 10_000 });
    await phone.page.screenshot({ path: path.join(artifacts, 'web-login-phone-done.png') });

    // The computer lands on 首页 as the secretary, with the secretary's 管理.
    await computer.page.locator('.home').waitFor({ timeout: 20_000 });
    await computer.page.getByText(secretary.name).first().waitFor({ timeout: 10_000 });
    const computerToken = await computer.page.evaluate(() => JSON.parse(localStorage.getItem('xf.session')).data.token);
    assert.notEqual(computerToken, phoneToken, 'the computer has a session of its own');
    const me = await product.api('GET', '/api/me', { token: computerToken });
    assert.equal(me.id, secretary.id);
    assert.ok(me.roles.includes('secretary'), `the computer has the secretary's roles: ${me.roles}`);
    await computer.page.screenshot({ path: path.join(artifacts, 'web-login-computer-signed-in.png') });

    // The QR is used up: confirming it again is refused.
    const again = await fetch(`${product.baseUrl}/api/auth/web-tickets/${qr.id}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${phoneToken}` },
      body: JSON.stringify({ code: qr.code }),
    });
    assert.equal(again.status, 409);

    // 退出所有电脑端登录 on the phone.
    await phone.page.goto(`${product.baseUrl}/#/packages/manage/pages/web-login/index`);
    await phone.page.getByText('退出所有电脑端登录', { exact: true }).click();
    await phone.page.getByText('全部退出', { exact: true }).click();
    await phone.page.getByText('已退出 1 台电脑').waitFor({ timeout: 10_000 });
    const stillSignedIn = await product.api('GET', '/api/me', { token: phoneToken });
    assert.equal(stillSignedIn.id, secretary.id, 'the phone stays signed in');

    // The computer's next request finds its session gone and shows the QR again.
    await computer.page.reload();
    await computer.page.locator('.login__qr img').waitFor({ timeout: 20_000 });

    assert.deepEqual(computer.failures, []);
    assert.deepEqual(phone.failures, []);
    await computerContext.close();
    await phoneContext.close();
  });
});
