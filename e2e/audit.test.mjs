/* global document */
// The audit log in Chromium: a secretary awards a point with a reason through the API;
// the org admin finds the entry in 管理 → 操作记录 and narrows the list to that member,
// and the member finds it in 我的 → 积分与出勤变动 with the reason and who did it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, launchPhone, startProduct, shutDown } from './harness.mjs';

/** Waits until the newest H5 page has finished sliding in (Taro marks it stationed). */
const settled = (page) =>
  page.waitForFunction(
    () => document.querySelector('.taro_page:last-of-type')?.classList.contains('taro_page_stationed'),
    null,
    { timeout: 10_000 },
  );

describe('audit log in Chromium (390x844)', () => {
  let product;
  let phone;
  let admin;
  let secretary;
  let member;
  const reason = '获评本月先锋岗（e2e）';

  before(async () => {
    product = await startProduct();
    phone = await launchPhone();
    const { accounts } = await product.api('GET', '/api/auth/demo-accounts');
    admin = accounts.find((a) => a.roles.includes('org_admin'));
    secretary = accounts.find((a) => a.roles.includes('secretary') && a.branchName === '机关第一党支部');
    member = accounts.find((a) => a.roles.length === 1 && a.roles[0] === 'member' && a.branchName === '机关第一党支部');
    assert.ok(admin && secretary && member, 'the demo has an admin, a secretary and a member of 机关第一党支部');
    const session = await product.api('POST', '/api/auth/demo', { body: { memberId: secretary.memberId } });
    const entry = await product.api('POST', `/api/members/${member.memberId}/points/entries`, {
      token: session.token,
      body: { delta: 2, reason },
    });
    assert.equal(entry.delta, 2, JSON.stringify(entry));
  });
  after(() => shutDown(phone, product));

  async function signIn(account) {
    const context = await phone.newPhone();
    const page = await context.newPage();
    const failures = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await page.goto(product.baseUrl);
    await page.getByText(account.name, { exact: true }).first().click();
    await page.locator('.home').waitFor({ timeout: 20_000 });
    await page.getByText('我的', { exact: true }).last().click();
    return { context, page, failures };
  }

  test('the org admin reads who did what to whom, and why, then narrows to the member', async () => {
    const { context, page, failures } = await signIn(admin);
    await page.locator('.mine').getByText('管理', { exact: true }).click();
    await page.locator('.manage').getByText('全单位操作记录', { exact: true }).click();

    const log = page.locator('.audit-page');
    const entry = log.locator('.xf-audit-entry').filter({ hasText: reason }).first();
    await entry.waitFor({ timeout: 20_000 });
    const text = await entry.innerText();
    assert.ok(text.includes('加分'), 'the action in Chinese');
    assert.ok(text.includes('+2 分'), 'what changed');
    assert.ok(text.includes(`对象：${member.name}`), 'to whom');
    assert.ok(text.includes(`操作人：${secretary.name}`), 'by whom');
    assert.match(text, /\d{1,2}月\d{1,2}日 \d{2}:\d{2}/, 'when, in China time');
    await settled(page);
    await page.screenshot({ path: path.join(artifacts, 'audit-admin.png') });

    await entry.click();
    await log.getByText(`只看对象 ${member.name}`).click();
    await log.getByText(`对象：${member.name}`, { exact: true }).first().waitFor({ timeout: 10_000 });
    await page.waitForFunction(
      (name) =>
        [...document.querySelectorAll('.audit-page .xf-audit-entry__people')].every((n) =>
          n.textContent.includes(`对象：${name}`),
        ),
      member.name,
      { timeout: 10_000 },
    );
    await page.screenshot({ path: path.join(artifacts, 'audit-admin-member.png') });
    assert.deepEqual(failures, []);
    await context.close();
  });

  test('the member sees the change to their points with the reason and who made it', async () => {
    const { context, page, failures } = await signIn(member);
    await page.locator('.mine').getByText('积分与出勤变动', { exact: true }).click();
    const entry = page.locator('.my-changes .xf-audit-entry').filter({ hasText: reason }).first();
    await entry.waitFor({ timeout: 20_000 });
    const text = await entry.innerText();
    assert.ok(text.includes(`操作人：${secretary.name}`));
    assert.ok(!text.includes('对象：'), 'the own log does not name the member');
    await settled(page);
    await page.screenshot({ path: path.join(artifacts, 'audit-member.png') });
    assert.deepEqual(failures, []);
    await context.close();
  });
});
