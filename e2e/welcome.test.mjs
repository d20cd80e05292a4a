/* global document */
// The welcome and privacy pages a visitor sees before signing in (in the mini-program they open
// by themselves; on H5 they are reachable by URL), at 390 px and at 320 px, and 我的 → 消息提醒
// saying on H5 that reminders are a mini-program feature.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, launchPhone, startProduct, shutDown } from './harness.mjs';

describe('welcome and privacy pages (H5, phone)', () => {
  let product;
  let phone;
  before(async () => {
    product = await startProduct();
    phone = await launchPhone();
  });
  after(() => shutDown(phone, product));

  for (const width of [390, 320]) {
    test(`the welcome page explains the app and the invite, with no request failing (${width}px)`, async () => {
      const context = await phone.newContext({ viewport: { width, height: 844 }, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      const failures = [];
      page.on('pageerror', (e) => failures.push(e.message));
      await page.goto(`${product.baseUrl}/#/pages/welcome/index`);
      await page.getByText('先锋是什么').waitFor({ timeout: 20_000 });
      const text = await page.locator('.welcome').innerText();
      assert.match(text, /向您所在党支部的书记索取邀请码/);
      assert.ok(!text.includes('没有加载成功'));
      const login = page.getByText('微信登录', { exact: true });
      const box = await login.boundingBox();
      assert.ok(box && box.height >= 44 && box.width <= width, `tap target ${JSON.stringify(box)}`);
      await page.screenshot({ path: path.join(artifacts, `welcome-${width}.png`), fullPage: true });

      await page.getByText('隐私说明', { exact: true }).click();
      await page.getByText('位置（仅用于有签到范围的活动）').waitFor({ timeout: 10_000 });
      // H5 slides a new page in from the right: wait until it has arrived.
      await page.waitForFunction(
        () => {
          const box = document.querySelector('.privacy')?.getBoundingClientRect();
          return box !== undefined && Math.abs(box.left) < 1 && box.width > 0;
        },
        null,
        { timeout: 10_000 },
      );
      const privacy = await page.locator('.privacy').innerText();
      assert.match(privacy, /不保存您的位置坐标/);
      assert.match(privacy, /照片随这条志愿服务记录保存/);
      assert.ok(!privacy.includes('同意并继续'), 'nothing waits for consent: no buttons');
      await page.screenshot({ path: path.join(artifacts, `privacy-${width}.png`), fullPage: true });
      assert.deepEqual(failures, []);
      await context.close();
    });
  }

  test('我的 on H5 says reminders are a mini-program feature, and links 隐私说明', async () => {
    const accounts = (await product.api('GET', '/api/auth/demo-accounts')).accounts;
    const account = accounts.find((a) => a.roles.length === 1 && a.roles[0] === 'member');
    const context = await phone.newPhone();
    const page = await context.newPage();
    await page.goto(product.baseUrl);
    await page.getByText(account.name, { exact: true }).first().click();
    await page.locator('.home').waitFor({ timeout: 20_000 });
    await page.goto(`${product.baseUrl}/#/pages/mine/index`);
    await page.getByText('消息提醒', { exact: true }).waitFor({ timeout: 20_000 });
    assert.ok(await page.getByText(/消息提醒是微信小程序的功能/).isVisible());
    assert.ok(await page.getByText('隐私说明', { exact: true }).isVisible());
    await page.getByText(/消息提醒是微信小程序的功能/).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'mine-reminders-h5.png') });
    await context.close();
  });
});
