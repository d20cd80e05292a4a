/* global window */
// Fresh data: a member who comes back to 首页 sees the activity their secretary created a moment
// ago, without reloading the app; an expired session says so on the sign-in page, and a link
// opened while signed out returns to its page after sign-in.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, launchPhone, startProduct, shutDown } from './harness.mjs';

const MIN = 60_000;

describe('fresh data and sign-in round trips', () => {
  let product;
  let phone;
  let accounts;
  before(async () => {
    product = await startProduct();
    phone = await launchPhone();
    accounts = (await product.api('GET', '/api/auth/demo-accounts')).accounts;
  });
  after(() => shutDown(phone, product));

  test('back on 首页, the member sees the activity the secretary has just created', async () => {
    const secretary = accounts.find((a) => a.roles.includes('secretary') && a.branchName === '机关第二党支部');
    const member = accounts.find(
      (a) => a.roles.length === 1 && a.roles[0] === 'member' && a.branchName === '机关第二党支部',
    );
    const secretaryToken = (await product.api('POST', '/api/auth/demo', { body: { memberId: secretary.memberId } }))
      .token;
    const branchId = (await product.api('GET', '/api/me', { token: secretaryToken })).branch.id;
    const context = await phone.newPhone();
    const page = await context.newPage();
    await page.goto(product.baseUrl);
    await page.getByText(member.name, { exact: true }).first().click();
    const home = page.locator('.home');
    await home.getByText('近期活动').waitFor({ timeout: 30_000 });
    await page.getByText('学习', { exact: true }).last().click();
    await page.locator('.study').waitFor({ timeout: 20_000 });

    const start = Date.now() + 60 * MIN;
    const created = await product.api('POST', `/api/branches/${branchId}/activities`, {
      token: secretaryToken,
      body: {
        type: 'theme_day',
        title: '主题党日：刚刚安排的一次',
        topic: '学习党史',
        place: '二楼会议室',
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 90 * MIN).toISOString(),
      },
    });
    assert.ok(created.id, JSON.stringify(created));

    const asked = [];
    page.on('request', (r) => r.url().includes('/api/me/activities') && asked.push(r.url()));
    await page.getByText('首页', { exact: true }).last().click();
    await home.getByText('主题党日：刚刚安排的一次').waitFor({ timeout: 30_000 });
    assert.ok(asked.length >= 1, 'coming back asked for the activities again');
    await page.screenshot({ path: path.join(artifacts, 'fresh-home.png') });
    await context.close();
  });

  test('a link opened while signed out returns to its page; an expired session says so', async () => {
    const member = accounts.find((a) => a.roles.length === 1 && a.roles[0] === 'member');
    const context = await phone.newPhone();
    const page = await context.newPage();
    await page.goto(`${product.baseUrl}/#/packages/points/pages/rules/index`);
    await page.getByText(member.name, { exact: true }).first().click();
    await page.waitForURL(/packages\/points\/pages\/rules\/index/, { timeout: 30_000 });
    await page.locator('.taro_page_show .xf-page').first().waitFor({ timeout: 20_000 });

    // The session ends on the server (signed out elsewhere); the next request finds out.
    const token = await page.evaluate(() => {
      const raw = window.localStorage.getItem('xf.session');
      return raw ? (JSON.parse(raw).data?.token ?? JSON.parse(raw).token) : null;
    });
    assert.ok(token, 'a session is stored');
    await product.api('POST', '/api/auth/logout', { token });
    await page.goto(`${product.baseUrl}/#/packages/activities/pages/list/index`);
    await page.getByText('登录已过期，请重新登录。登录后会回到刚才的页面。').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(artifacts, 'session-expired.png') });
    await page.getByText(member.name, { exact: true }).first().click();
    await page.waitForURL(/packages\/activities\/pages\/list\/index/, { timeout: 30_000 });
    await context.close();
  });
});
