/* global document */
// The points rules editor in Chromium: the org admin opens 管理 → 积分规则, makes a mistake
// (★★ below ★) and sees it beside the field, raises the base score, previews which members'
// star levels change, publishes from today with a plain-words confirmation, and a member then
// reads the new version and the day it took effect.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, launchPhone, startProduct, shutDown } from './harness.mjs';

const settled = (page) =>
  page.waitForFunction(
    () => document.querySelector('.taro_page:last-of-type')?.classList.contains('taro_page_stationed'),
    null,
    { timeout: 10_000 },
  );

describe('points rules editor in Chromium (390x844)', () => {
  let product;
  let phone;
  let admin;
  let member;
  let adminToken;

  before(async () => {
    product = await startProduct();
    phone = await launchPhone();
    const { accounts } = await product.api('GET', '/api/auth/demo-accounts');
    admin = accounts.find((a) => a.roles.includes('org_admin'));
    member = accounts.find((a) => a.roles.length === 1 && a.roles[0] === 'member');
    assert.ok(admin && member);
    adminToken = (await product.api('POST', '/api/auth/demo', { body: { memberId: admin.memberId } })).token;
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

  test('the org admin edits the base score, previews the effect and publishes it from today', async () => {
    const me = await product.api('GET', '/api/me', { token: adminToken });
    const before = await product.api('GET', `/api/orgs/${me.org.id}/points/rules`, { token: adminToken });
    assert.equal(before.current.baseScore, 60);
    const draft = { ...before.current, baseScore: 65 };
    const expected = await product.api('POST', `/api/orgs/${me.org.id}/points/rules/preview`, {
      token: adminToken,
      body: { rules: draft },
    });

    const { context, page, failures } = await signIn(admin);
    await page.locator('.mine').getByText('管理', { exact: true }).click();
    await page.locator('.manage').getByText('积分规则', { exact: true }).click();
    const editor = page.locator('.rules-edit');
    await editor.getByText('现行第 1 版', { exact: false }).waitFor({ timeout: 20_000 });
    await settled(page);

    // A mistake: ★★ lowered below ★ (60). The server's message shows beside the field.
    const twoStarsDown = editor.getByLabel('二星 ★★减一');
    for (let i = 0; i < 11; i += 1) await twoStarsDown.click();
    await editor.getByText('预览影响', { exact: true }).click();
    const error = editor.getByText('二星门槛分（59）须高于一星门槛分（60）').first();
    await error.waitFor({ timeout: 10_000 });
    assert.ok((await editor.locator('.rules-edit__errors').innerText()).includes('有 1 处需要修改'));
    await error.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'rules-editor-error.png') });
    const twoStarsUp = editor.getByLabel('二星 ★★加一');
    for (let i = 0; i < 11; i += 1) await twoStarsUp.click();

    // The base score, 60 → 65, by the + button.
    const baseUp = editor.getByLabel('每年初始分加一');
    for (let i = 0; i < 5; i += 1) await baseUp.click();
    await editor.getByText('预览影响', { exact: true }).click();
    const preview = editor.locator('.rules-edit__preview');
    await preview.waitFor({ timeout: 10_000 });
    const text = await preview.innerText();
    assert.ok(text.includes('基础分：60 → 65'), text);
    assert.ok(
      text.includes(`${expected.members} 名党员中有 ${expected.levelChanged} 人星级变化`),
      `${text}\nexpected ${expected.levelChanged} of ${expected.members}`,
    );
    assert.ok(expected.levelChanged > 0, 'the demo has members just below ★★ or another level');
    for (const m of expected.items) {
      assert.ok(text.includes(`${m.name}（${m.branchName}）`), `${m.name} listed`);
      assert.ok(text.includes(`${m.oldLevel.label} → ${m.newLevel.label}，${m.oldTotal} → ${m.newTotal} 分`));
    }
    await preview.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'rules-editor-preview.png') });

    await editor.getByText('发布', { exact: true }).click();
    const modal = page.locator('.taro__modal');
    await modal.getByText('从今天起', { exact: false }).waitFor({ timeout: 5000 });
    const words = await modal.innerText();
    assert.ok(words.includes('第 2 版'), words);
    assert.ok(words.includes('已经记下的积分不变'), words);
    assert.ok(words.includes(`${expected.levelChanged} 名党员的星级会变化`), words);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(artifacts, 'rules-editor-confirm.png') });
    await modal.getByText('发布', { exact: true }).click();

    await editor.getByText('现行第 2 版', { exact: false }).waitFor({ timeout: 10_000 });
    const after = await product.api('GET', `/api/orgs/${me.org.id}/points/rules`, { token: adminToken });
    assert.equal(after.current.version, 2);
    assert.equal(after.current.baseScore, 65);
    assert.equal(after.versions[0].status, 'in_effect');
    await page.screenshot({ path: path.join(artifacts, 'rules-editor-published.png'), fullPage: true });
    assert.deepEqual(failures, []);
    await context.close();
  });

  test('a member reads the version in effect and from when', async () => {
    const { context, page, failures } = await signIn(member);
    await page.locator('.mine').getByText('积分规则', { exact: true }).click();
    const rules = page.locator('.points-rules');
    await rules.getByText('现行规则第 2 版', { exact: false }).waitFor({ timeout: 20_000 });
    const text = await rules.innerText();
    assert.match(text, /自\d{4}年\d{1,2}月\d{1,2}日起生效/);
    assert.ok(text.includes('65 分'), 'the new base score');
    await settled(page);
    await page.screenshot({ path: path.join(artifacts, 'rules-member.png') });
    assert.deepEqual(failures, []);
    await context.close();
  });
});
