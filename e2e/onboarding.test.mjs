/* global document, localStorage, window */
// A new organisation, as its admin would bring it up on a real deployment (NODE_ENV=production,
// an empty database, no demo sign-in): `npm run setup` prints the admin's invite; the admin binds
// WeChat (the fake platform, mocks/wechat.ts) on a phone and follows 开通向导 on 管理; signs in on
// a computer by scanning its QR; imports the roster from a GBK CSV (dry run, then confirm); prints
// the invite sheet; a member binds with a code from a slip on a third device and checks in to an
// activity the admin created. Screenshots at 390 px: the checklist, the QR sign-in, the dry run,
// the invite sheet.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import jsQR from 'jsqr';
import { register } from 'tsx/esm/api';
import { artifacts, launchPhone, root, startProduct, shutDown } from './harness.mjs';

register();
const { startFakeWechat } = await import('../mocks/wechat.ts');

const MIN = 60_000;
const APP_ID = 'wx-e2e-onboarding';
const APP_SECRET = 'e2e-onboarding-secret';
const ORG = '某某市直机关工委';
const PHONE = { width: 390, height: 844 };

describe('a new organisation from `npm run setup` to a member checking in (production mode)', () => {
  let wechat;
  let product;
  let browsers;
  let env;

  before(async () => {
    wechat = await startFakeWechat({ appId: APP_ID, appSecret: APP_SECRET });
    env = {
      NODE_ENV: 'production',
      WECHAT_APPID: APP_ID,
      WECHAT_SECRET: APP_SECRET,
      WECHAT_API_BASE: wechat.baseUrl,
    };
    product = await startProduct({ demo: false, fresh: true, env });
    browsers = await launchPhone();
  });
  after(async () => {
    try {
      await shutDown(browsers, product);
    } finally {
      await wechat?.app.close();
    }
  });

  /** What the mini-program does on a device: wx.login, then the API, then (first time) the invite code. */
  async function bindWechat(inviteCode) {
    const login = await (await fetch(`${wechat.baseUrl}/__mock/login`, { method: 'POST' })).json();
    const exchanged = await product.api('POST', '/api/auth/wechat', { body: { code: login.code } });
    assert.equal(exchanged.status, 'unbound', JSON.stringify(exchanged));
    const session = await product.api('POST', '/api/auth/bind', {
      body: { bindTicket: exchanged.bindTicket, inviteCode },
    });
    assert.ok(session.token, JSON.stringify(session));
    return session;
  }

  /** A browser context holding the mini-program's session, as the phone would. */
  async function signedInPhone(session) {
    const context = await browsers.newPhone();
    const page = await context.newPage();
    const failures = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await page.goto(product.baseUrl);
    await page.evaluate(
      ([token, expiresAt]) => localStorage.setItem('xf.session', JSON.stringify({ data: { token, expiresAt } })),
      [session.token, session.expiresAt],
    );
    return { context, page, failures };
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
    assert.ok(decoded, 'the sign-in QR decodes');
    const match = /^xianfeng:weblogin:([A-Za-z0-9_-]+):([A-Za-z0-9_-]+)$/.exec(decoded.data);
    assert.ok(match, decoded.data);
    return { id: match[1], code: match[2] };
  }

  /** A full-page screenshot at 390 px, whatever the context's own width. */
  async function shoot390(page, name) {
    const size = page.viewportSize();
    if (size.width !== PHONE.width) await page.setViewportSize(PHONE);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(artifacts, name), fullPage: true });
    if (size.width !== PHONE.width) await page.setViewportSize(size);
  }

  /** The page on top of Taro's H5 page stack (pages navigated from stay in the DOM, hidden). */
  const top = (page) => page.locator('.taro_page').last();
  const modal = (page) => page.locator('.taro__modal');
  let loads = 0;
  /** Opens an app route as a fresh document, so the page stack holds only that page. */
  async function open(page, route) {
    loads += 1;
    await page.goto(`${product.baseUrl}/?load=${loads}#${route}`);
  }
  const manage = '/packages/manage/pages/index/index';
  const stepState = (page) =>
    top(page)
      .locator('.onboarding__step')
      .evaluateAll((steps) => steps.map((s) => s.getAttribute('aria-label')));

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

  test('setup → bind → QR sign-in → import → invites → a member checks in', async () => {
    // 1. setup: the real command against the fresh database.
    const setup = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'server', 'src', 'setup', 'cli.ts'), '--org', ORG, '--admin', '孙建国'],
      {
        cwd: root,
        env: { ...process.env, ...env, SQLITE_PATH: product.dbPath, DATABASE_URL: '' },
        encoding: 'utf8',
      },
    );
    assert.equal(setup.status, 0, setup.stderr);
    const adminCode = /一次性邀请码：([0-9A-Z]{8})/.exec(setup.stdout)?.[1];
    assert.ok(adminCode, setup.stdout);
    const demo = await fetch(`${product.baseUrl}/api/auth/demo-accounts`);
    assert.equal(demo.status, 403, 'no demo sign-in in production');

    // 2. The admin binds WeChat with the printed code, on a phone.
    const adminSession = await bindWechat(adminCode);
    const admin = await signedInPhone(adminSession);
    await open(admin.page, manage);
    const checklist = top(admin.page).locator('.onboarding');
    await checklist.waitFor({ timeout: 20_000 });
    assert.deepEqual(await stepState(admin.page), [
      '第1步 新建支部：未完成',
      '第2步 导入党员名册：未完成',
      '第3步 任命支部书记：未完成',
      '第4步 打印邀请码：未完成',
      '第5步 确认积分规则：未完成',
    ]);
    await admin.page.getByText('还没有支部', { exact: true }).waitFor();
    await shoot390(admin.page, 'onboarding-checklist-fresh-390.png');
    // The narrowest phones: nothing in the checklist overflows at 320 px.
    await admin.page.setViewportSize({ width: 320, height: 700 });
    const overflow = await checklist.evaluate(
      (root) =>
        [...root.querySelectorAll('*')].filter((n) => n.getBoundingClientRect().right > window.innerWidth + 0.5).length,
    );
    assert.equal(overflow, 0, 'the checklist fits 320 px');
    await admin.page.screenshot({ path: path.join(artifacts, 'onboarding-checklist-fresh-320.png') });
    await admin.page.setViewportSize(PHONE);

    // The first step's button leads to 组织与成员, where the admin creates two branches.
    await checklist.getByRole('button', { name: '去新建支部' }).click();
    const people = admin.page.locator('.people');
    await people.waitFor({ timeout: 15_000 });
    for (const name of ['机关第一党支部', '退休干部党支部']) {
      await typeInto(people.locator('input[placeholder^="支部名称"]'), name);
      await people
        .locator('[role="button"]')
        .filter({ hasText: /^新建支部$/ })
        .click();
      await people.locator('.people__branch').filter({ hasText: name }).waitFor({ timeout: 10_000 });
    }
    // The checklist above the branches follows at once.
    await people.locator('[aria-label="第1步 新建支部：已完成"]').waitFor({ timeout: 10_000 });

    // 3. The web console: a computer shows a QR, the admin's phone confirms it.
    const computerContext = await browsers.newComputer();
    const computer = await computerContext.newPage();
    const computerFailures = [];
    computer.on('pageerror', (e) => computerFailures.push(e.message));
    await computer.goto(product.baseUrl);
    await computer.locator('.login__qr img').waitFor({ timeout: 20_000 });
    await shoot390(computer, 'onboarding-qr-sign-in-390.png');
    const qr = await qrOnScreen(computer);
    await open(admin.page, `/packages/manage/pages/web-login/index?t=${qr.id}.${qr.code}`);
    await admin.page.getByText('在电脑上登录先锋？').waitFor({ timeout: 20_000 });
    await shoot390(admin.page, 'onboarding-qr-confirm-390.png');
    await admin.page.getByText('确认登录', { exact: true }).click();
    await computer.locator('.home').waitFor({ timeout: 20_000 });
    const computerToken = await computer.evaluate(() => JSON.parse(localStorage.getItem('xf.session')).data.token);
    const me = await product.api('GET', '/api/me', { token: computerToken });
    assert.equal(me.name, '孙建国');
    assert.deepEqual(me.roles, ['org_admin']);

    // 4. Import the roster the organisation keeps: a GBK CSV, as Excel on Chinese Windows saves it.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'xf-onboarding-'));
    const file = path.join(dir, '党员名册.csv');
    const rows = [
      '编号,姓名,所在支部,手机号,人员类别,党员类别,入党日期,职务',
      'JG-001,王秀英,机关第一党支部,13900001001,在职,正式,2003-07-01,办公室主任',
      'JG-002,李卫东,机关第一党支部,13900001002,在职,正式,2010-06-28,科员',
      'JG-003,张丽华,机关第一党支部,13900001003,在职,预备,2025-12-20,科员',
      'TX-001,刘德明,退休干部党支部,13900002001,退休,正式,1976-05-04,',
      'TX-002,陈桂兰,退休干部党支部,,退休,正式,1982/7/1,',
      ',赵无名,不存在的支部,13900009999,在职,正式,,',
    ];
    writeFileSync(file, iconv.encode(`${rows.join('\r\n')}\r\n`, 'gbk'));
    await open(computer, manage);
    await top(computer).locator('.onboarding').getByRole('button', { name: '去导入名册' }).click();
    const importView = computer.locator('.roster-import');
    await importView.waitFor({ timeout: 15_000 });
    const chooser = computer.waitForEvent('filechooser');
    await importView.getByRole('button', { name: '选择文件并预览' }).click();
    await (await chooser).setFiles(file);
    await importView.getByText('预览结果（尚未写入）').first().waitFor({ timeout: 20_000 });
    const report = await importView.innerText();
    for (const name of ['王秀英', '李卫东', '张丽华', '刘德明', '陈桂兰']) assert.ok(report.includes(name), name);
    assert.match(report, /第 7 行/);
    assert.match(report, /没有名为“不存在的支部”的支部/);
    await shoot390(computer, 'onboarding-import-dry-run-390.png');
    await importView.getByRole('button', { name: /只导入无误的行（新增 5，修改 0）/ }).click();
    await modal(computer).getByText('导入', { exact: true }).last().click();
    await importView.getByText('导入完成').first().waitFor({ timeout: 20_000 });
    const { branches } = await product.api('GET', `/api/orgs/${me.org.id}/branches`, { token: computerToken });
    const first = branches.find((b) => b.name === '机关第一党支部');
    const retired = branches.find((b) => b.name === '退休干部党支部');
    assert.equal(first.memberCount, 3);
    assert.equal(retired.memberCount, 2);

    // Name the secretaries (the admin's phone, from the checklist's link to the branch).
    await open(admin.page, manage);
    await checklist.waitFor({ timeout: 20_000 });
    assert.deepEqual((await stepState(admin.page)).slice(0, 3), [
      '第1步 新建支部：已完成',
      '第2步 导入党员名册：已完成',
      '第3步 任命支部书记：未完成',
    ]);
    await shoot390(admin.page, 'onboarding-checklist-after-import-390.png');
    for (const [branch, name] of [
      [first, '王秀英'],
      [retired, '刘德明'],
    ]) {
      await open(admin.page, manage);
      await checklist.getByRole('button', { name: '去任命书记' }).click();
      await admin.page.locator('.branch').getByText(name, { exact: true }).first().click({ timeout: 15_000 });
      const detail = admin.page.locator('.member').last();
      await detail.locator('[role="button"]').filter({ hasText: '任命为本支部书记' }).click({ timeout: 15_000 });
      await modal(admin.page).getByText('任命', { exact: true }).last().click();
      await detail.locator('.member__grant').filter({ hasText: '支部书记' }).waitFor({ timeout: 10_000 });
      const holders = await product.api('GET', `/api/orgs/${me.org.id}/branches`, { token: computerToken });
      assert.deepEqual(
        holders.branches.find((b) => b.id === branch.id).secretaries.map((s) => s.name),
        [name],
      );
    }

    // 5. Print invites: the checklist points at the first branch still without codes.
    const codes = new Map();
    for (let round = 0; round < 2; round++) {
      await open(computer, manage);
      await top(computer)
        .locator('.onboarding')
        .getByRole('button', { name: '去打印邀请单' })
        .click({ timeout: 20_000 });
      const sheet = computer.locator('.invite-sheet');
      await sheet.getByRole('button', { name: /为未绑定的 \d+ 人生成邀请码/ }).click({ timeout: 15_000 });
      await modal(computer).getByText('生成', { exact: true }).last().click();
      await sheet.locator('.invite-sheet__code').first().waitFor({ timeout: 15_000 });
      for (const slip of await sheet.locator('.invite-sheet__slip').all()) {
        const name = (await slip.locator('.invite-sheet__name').innerText()).trim();
        const code = (await slip.locator('.invite-sheet__code').innerText()).replace(/\s+/g, '');
        assert.match(code, /^[0-9A-Z]{8}$/);
        codes.set(name, code);
      }
      if (round === 0) {
        assert.equal(await sheet.locator('.invite-sheet__qr').count(), 3, 'a QR on every slip of the first branch');
        await shoot390(computer, 'onboarding-invite-sheet-390.png');
      }
    }
    assert.deepEqual([...codes.keys()].sort(), ['刘德明', '张丽华', '李卫东', '王秀英', '陈桂兰'].sort());

    // The rules: the admin reads them and keeps them; the checklist folds away.
    await open(admin.page, manage);
    await checklist.getByRole('button', { name: '看过了，沿用当前规则' }).waitFor({ timeout: 20_000 });
    assert.deepEqual((await stepState(admin.page)).slice(3), [
      '第4步 打印邀请码：已完成',
      '第5步 确认积分规则：未完成',
    ]);
    await shoot390(admin.page, 'onboarding-checklist-last-step-390.png');
    await checklist.getByRole('button', { name: '看过了，沿用当前规则' }).click();
    await modal(admin.page).getByText('沿用', { exact: true }).last().click();
    await checklist.waitFor({ state: 'detached', timeout: 15_000 });
    await admin.page.getByText('组织与成员', { exact: true }).first().waitFor();
    await shoot390(admin.page, 'onboarding-checklist-done-390.png');

    // 6. The admin schedules a 主题党日 and projects the check-in screen on the computer.
    const start = Date.now() - 5 * MIN;
    const activity = await product.api('POST', `/api/branches/${first.id}/activities`, {
      token: computerToken,
      body: {
        type: 'theme_day',
        title: '主题党日：学习新修订的支部工作条例',
        topic: '逐条学习，交流体会',
        place: '机关大楼三楼会议室',
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 2 * 60 * MIN).toISOString(),
      },
    });
    assert.ok(activity.id, JSON.stringify(activity));
    await open(computer, `/packages/activities/pages/manage/index?orgId=${me.org.id}`);
    await computer.locator('.activity-manage').getByText(activity.title, { exact: true }).click();
    await computer.locator('.activity-roster').getByText('打开签到大屏', { exact: true }).click();
    const codeOnScreen = computer.locator('.checkin-display__code');
    await codeOnScreen.waitFor({ timeout: 15_000 });

    // A member binds with the code from her slip on a third device and checks in.
    const memberSession = await bindWechat(codes.get('李卫东'));
    const member = await signedInPhone(memberSession);
    await member.page.goto(product.baseUrl);
    await member.page.locator('.home').getByText(activity.title, { exact: true }).click({ timeout: 20_000 });
    const input = member.page.locator('.activity-detail__code input');
    const confirm = member.page.locator('.activity-detail__checkin [role="button"]').filter({ hasText: '确认签到' });
    await input.waitFor({ timeout: 15_000 });
    for (let attempt = 0; attempt < 20; attempt++) {
      await input.fill((await codeOnScreen.innerText()).trim());
      if ((await confirm.getAttribute('aria-disabled')) === 'false') break;
      await member.page.waitForTimeout(250);
    }
    await confirm.click();
    await member.page.getByText(`已签到，积分 +${activity.points.amount}`).waitFor({ timeout: 15_000 });
    await member.page.screenshot({ path: path.join(artifacts, 'onboarding-member-checked-in-390.png') });
    await computer.locator('.checkin-display__chip--in').filter({ hasText: '李卫东' }).waitFor({ timeout: 15_000 });
    const memberMe = await product.api('GET', '/api/me', { token: memberSession.token });
    assert.equal(memberMe.name, '李卫东');
    assert.equal(memberMe.branch.name, '机关第一党支部');

    assert.deepEqual(admin.failures, []);
    assert.deepEqual(computerFailures, []);
    assert.deepEqual(member.failures, []);
  });
});
