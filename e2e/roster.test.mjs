// The org admin imports a small roster in Chromium (dry run, then confirm), and prints the
// branch's invite sheet: every unbound member gets a slip with a large code and a QR.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { artifacts, launchPhone, startProduct, shutDown } from './harness.mjs';

describe('roster import and invite sheet in Chromium (390x844)', () => {
  let product;
  let phone;
  let admin;
  let adminToken;
  before(async () => {
    product = await startProduct();
    phone = await launchPhone();
    const { accounts } = await product.api('GET', '/api/auth/demo-accounts');
    admin = accounts.find((a) => a.roles.includes('org_admin'));
    adminToken = (await product.api('POST', '/api/auth/demo', { body: { memberId: admin.memberId } })).token;
  });
  after(() => shutDown(phone, product));

  test('dry run shows who will be added, confirm writes, the invite sheet prints slips with codes and QR', async () => {
    const me = await product.api('GET', '/api/me', { token: adminToken });
    const { branches } = await product.api('GET', `/api/orgs/${me.org.id}/branches`, { token: adminToken });
    const branch = branches[0];
    const dir = mkdtempSync(path.join(os.tmpdir(), 'xf-roster-'));
    const file = path.join(dir, '名册.csv');
    writeFileSync(
      file,
      [
        '编号,姓名,所在支部,手机号,人员类别,党员类别,入党日期,职务',
        `E2E-01,测试新党员甲,${branch.name},13811110001,在职,正式,2005-07-01,科员`,
        `E2E-02,测试新党员乙,${branch.name},13811110002,退休,正式,1978-10-01,`,
        `,测试错行,不存在的支部,13811110003,,,,`,
      ].join('\r\n'),
    );

    const context = await phone.newPhone();
    const page = await context.newPage();
    const failures = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await page.goto(product.baseUrl);
    await page.getByText(admin.name, { exact: true }).first().click();
    await page.locator('.home').waitFor({ timeout: 20_000 });

    // 管理 → 导入名册
    await page.goto(`${product.baseUrl}/#/packages/manage/pages/index/index`);
    await page.getByText('导入名册', { exact: true }).first().click();
    const view = page.locator('.roster-import');
    await view.waitFor({ timeout: 15_000 });
    const chooser = page.waitForEvent('filechooser');
    await view.getByRole('button', { name: '选择文件并预览' }).click();
    await (await chooser).setFiles(file);
    await view.getByText('预览结果（尚未写入）').first().waitFor({ timeout: 20_000 });
    const report = await view.innerText();
    assert.match(report, /测试新党员甲/);
    assert.match(report, /第 4 行/);
    assert.match(report, /没有名为“不存在的支部”的支部/);
    const before = await product.api('GET', `/api/branches/${branch.id}/members`, { token: adminToken });
    assert.ok(!before.members.some((m) => m.name === '测试新党员甲'), 'the dry run wrote nothing');
    await page.screenshot({ path: path.join(artifacts, 'roster-import-dry-run.png'), fullPage: true });

    // The file has a bad row: import only the clean ones, after the confirmation dialog.
    await view.getByRole('button', { name: /只导入无误的行/ }).click();
    await page.getByText('导入', { exact: true }).last().click();
    await view.getByText('导入完成').first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(artifacts, 'roster-import-done.png'), fullPage: true });
    const afterImport = await product.api('GET', `/api/branches/${branch.id}/members`, { token: adminToken });
    assert.ok(afterImport.members.some((m) => m.name === '测试新党员甲'));
    assert.ok(afterImport.members.some((m) => m.name === '测试新党员乙'));

    // The branch's invite sheet: generate, then the slips show codes and QR codes.
    await page.goto(
      `${product.baseUrl}/#/packages/manage/pages/invite-sheet/index?branchId=${branch.id}&name=${encodeURIComponent(branch.name)}`,
    );
    const sheet = page.locator('.invite-sheet');
    const generate = sheet.getByRole('button', { name: /为未绑定的 \d+ 人生成邀请码/ });
    await generate.waitFor({ timeout: 15_000 });
    await generate.click();
    await page.getByText('生成', { exact: true }).last().click();
    await sheet.getByRole('button', { name: '打印邀请单' }).waitFor({ timeout: 15_000 });
    const issued = await product.api('GET', `/api/branches/${branch.id}/invite-sheet`, { token: adminToken });
    const slip = issued.entries.find((e) => e.name === '测试新党员甲');
    assert.ok(slip?.code, 'the new member got a code');
    const shownCode = `${slip.code.slice(0, 4)} ${slip.code.slice(4)}`;
    await sheet.getByText(shownCode).first().waitFor({ timeout: 10_000 });
    assert.equal(
      await sheet.locator('.invite-sheet__qr').count(),
      issued.entries.filter((e) => e.code).length,
      'one QR per slip with a code',
    );
    await page.screenshot({ path: path.join(artifacts, 'invite-sheet.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(artifacts, 'invite-sheet-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(failures, []);
    await context.close();
  });
});
