/* global document */
// 组织与成员 in Chromium (390x844): the org admin creates a branch, adds a member to it and
// names that member the branch's secretary; the new secretary then finds 本支部成员 in 管理.
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

/** Types into a Taro H5 input until the page has taken the value (its listener may attach late). */
async function typeInto(input, value) {
  await input.waitFor({ timeout: 15_000 });
  for (let attempt = 0; attempt < 20; attempt++) {
    await input.fill(value);
    await input.page().waitForTimeout(150);
    if ((await input.inputValue()) === value) return;
  }
  throw new Error(`the input never took ${value}`);
}

describe('组织与成员 in Chromium (390x844)', () => {
  let product;
  let phone;
  let admin;
  const branchName = `e2e 测试党支部 ${Date.now() % 10000}`;
  const memberName = '林晓红';

  before(async () => {
    product = await startProduct();
    phone = await launchPhone();
    const { accounts } = await product.api('GET', '/api/auth/demo-accounts');
    admin = accounts.find((a) => a.roles.includes('org_admin'));
    assert.ok(admin, 'the demo has an org admin');
  });
  after(() => shutDown(phone, product));

  test('the org admin creates a branch, adds a member and names them secretary', async () => {
    const context = await phone.newPhone();
    const page = await context.newPage();
    const failures = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await page.goto(product.baseUrl);
    await page.getByText(admin.name, { exact: true }).first().click();
    await page.locator('.home').waitFor({ timeout: 20_000 });
    await page.getByText('我的', { exact: true }).last().click();
    await page.locator('.mine').getByText('管理', { exact: true }).click();
    await page.locator('.manage .xf-list-cell').filter({ hasText: '支部、党员名册' }).click();

    // 1. A new branch.
    const people = page.locator('.people');
    await people.getByText('新建支部', { exact: true }).first().waitFor({ timeout: 20_000 });
    await typeInto(people.locator('input[placeholder^="支部名称"]'), branchName);
    await people.locator('[role="button"]').filter({ hasText: '新建支部' }).click();
    const branchRow = people.locator('.people__branch').filter({ hasText: branchName });
    await branchRow.waitFor({ timeout: 10_000 });
    assert.match(await branchRow.innerText(), /尚未任命书记/);
    await settled(page);
    await page.screenshot({ path: path.join(artifacts, 'people-branches.png'), fullPage: true });

    // 2. Its empty state says what to do, then a member is added by hand.
    await branchRow.click();
    const branch = page.locator('.branch');
    await branch.getByText('这个支部还没有党员').waitFor({ timeout: 10_000 });
    await settled(page);
    await page.screenshot({ path: path.join(artifacts, 'people-branch-empty.png'), fullPage: true });
    await branch.locator('[role="button"]').filter({ hasText: '添加党员' }).click();
    const form = page.locator('.member').last();
    await typeInto(form.locator('input[placeholder="如：张三"]'), memberName);
    await typeInto(form.locator('input[placeholder="11 位手机号"]'), '13912340000');
    await form.locator('[role="radio"]').filter({ hasText: '预备党员' }).click();
    await form.locator('[role="button"]').filter({ hasText: '添加党员' }).click();

    // 3. On the member's page: name them the branch's secretary, confirming in plain words.
    const detail = page.locator('.member').last();
    await detail.locator('.member__name').filter({ hasText: memberName }).waitFor({ timeout: 15_000 });
    await detail.locator('[role="button"]').filter({ hasText: '任命为本支部书记' }).click();
    const modal = page.locator('.taro__modal');
    await modal.getByText(`任命${memberName}为${branchName}支部书记？`).waitFor({ timeout: 5000 });
    await modal.getByText('任命', { exact: true }).last().click();
    await detail.locator('.member__grant').filter({ hasText: '支部书记' }).waitFor({ timeout: 10_000 });
    await settled(page);
    await page.waitForTimeout(1800); // the success toast fades
    await page.screenshot({ path: path.join(artifacts, 'people-member.png'), fullPage: true });

    // The server agrees: the branch has its secretary and one member.
    const session = await product.api('POST', '/api/auth/demo', { body: { memberId: admin.memberId } });
    const me = await product.api('GET', '/api/me', { token: session.token });
    const list = await product.api('GET', `/api/orgs/${me.org.id}/branches`, { token: session.token });
    const created = list.branches.find((b) => b.name === branchName);
    assert.deepEqual(
      { members: created.memberCount, secretaries: created.secretaries.map((s) => s.name) },
      { members: 1, secretaries: [memberName] },
    );

    // Back on the branch, the roles card names the secretary.
    await page.goBack();
    await page.locator('.branch').last().getByText(`书记：${memberName}`).waitFor({ timeout: 10_000 });
    await settled(page);
    await page.screenshot({ path: path.join(artifacts, 'people-branch.png'), fullPage: true });
    assert.deepEqual(failures, []);
    await context.close();
  });

  test('the member table finds a member by name and filters 退休', async () => {
    const context = await phone.newPhone();
    const page = await context.newPage();
    await page.goto(product.baseUrl);
    await page.getByText(admin.name, { exact: true }).first().click();
    await page.locator('.home').waitFor({ timeout: 20_000 });
    const session = await product.api('POST', '/api/auth/demo', { body: { memberId: admin.memberId } });
    const me = await product.api('GET', '/api/me', { token: session.token });
    await page.goto(`${product.baseUrl}/#/packages/manage/pages/members/index?orgId=${me.org.id}`);
    const members = page.locator('.members');
    await members.getByText(/共 \d+ 人/).waitFor({ timeout: 20_000 });
    await members
      .locator('[role="radio"]')
      .filter({ hasText: /^退休$/ })
      .click();
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.members__row .xf-list-cell__description')].length > 0 &&
        [...document.querySelectorAll('.members__row .xf-list-cell__description')].every((n) =>
          n.textContent.includes('退休'),
        ),
      null,
      { timeout: 10_000 },
    );
    await settled(page);
    await page.screenshot({ path: path.join(artifacts, 'people-members.png'), fullPage: true });
    await context.close();
  });
});
