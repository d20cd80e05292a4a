/* global document */
// A newcomer's first minute, in Chromium on a phone: pick a demo account, land on 首页,
// see the right name and this year's points; a secretary finds the 管理 entry.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, launchPhone, startProduct, shutDown } from './harness.mjs';

describe('H5 app in Chromium (390x844)', () => {
  let product;
  let phone;
  let accounts;
  before(async () => {
    product = await startProduct();
    phone = await launchPhone();
    accounts = (await product.api('GET', '/api/auth/demo-accounts')).accounts;
  });
  after(() => shutDown(phone, product));

  /** What the API says about an account, computed independently of the page. */
  async function expected(memberId) {
    const session = await product.api('POST', '/api/auth/demo', { body: { memberId } });
    return product.api('GET', '/api/me', { token: session.token });
  }

  async function signIn(context, account) {
    const page = await context.newPage();
    const failures = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await page.goto(product.baseUrl);
    await page.getByText(account.name, { exact: true }).first().click();
    return { page, failures };
  }

  test('a member signs in and sees name, branch, points and star level on 首页', async () => {
    const account = accounts.find(
      (a) => a.roles.length === 1 && a.roles[0] === 'member' && a.branchName === '机关第二党支部',
    );
    assert.ok(account, 'the demo has an ordinary member in 机关第二党支部');
    const me = await expected(account.memberId);
    const context = await phone.newPhone();
    const { page, failures } = await signIn(context, account);

    const home = page.locator('.home');
    await home.waitFor({ timeout: 20_000 });
    await page.getByText(String(me.points.total), { exact: true }).first().waitFor({ timeout: 10_000 });
    const text = await home.innerText();
    assert.ok(text.includes(me.name), `home shows the name ${me.name}`);
    assert.ok(text.includes('机关第二党支部'), 'home shows the branch');
    assert.ok(text.includes(me.points.starLevel.label), `home shows the star level ${me.points.starLevel.label}`);
    assert.ok(!text.includes('管理'), 'an ordinary member has no 管理 entry');
    await page.screenshot({ path: path.join(artifacts, 'home-member.png') });
    assert.deepEqual(failures, []);
    await context.close();
  });

  test('a secretary finds the 管理 entry and the branch roster', async () => {
    const account = accounts.find((a) => a.roles[0] === 'secretary');
    const context = await phone.newPhone();
    const { page, failures } = await signIn(context, account);
    await page.locator('.home').waitFor({ timeout: 20_000 });
    await page.getByText('我的', { exact: true }).last().click();
    // Tab pages stay mounted (hidden) in H5: look only inside the visible 我的 page.
    const mine = page.locator('.mine');
    await mine.getByText('管理', { exact: true }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(artifacts, 'mine-secretary.png') });
    await mine.getByText('管理', { exact: true }).click();
    const roster = page.locator('.xf-roster');
    await roster.getByText(account.branchName, { exact: true }).waitFor({ timeout: 10_000 });
    assert.ok((await roster.innerText()).includes(account.name), 'the roster lists the secretary');
    const menu = await page.locator('.manage').innerText();
    for (const entry of [
      '数据看板与台账',
      '活动与签到',
      '答题与统计',
      '题库',
      '志愿服务审核',
      '积分异议处理',
      '加分与扣分',
    ]) {
      assert.ok(menu.includes(entry), `管理 offers ${entry}`);
    }
    assert.ok(!menu.includes('年度结算与排名设置'), 'closing a year is for the org admin');
    // The page slides in from the right: wait until it has arrived before the screenshot.
    await page.waitForFunction(() => document.querySelector('.manage')?.getBoundingClientRect().left === 0);
    await page.screenshot({ path: path.join(artifacts, 'manage-secretary.png'), fullPage: true });
    assert.deepEqual(failures, []);
    await context.close();
  });
});
