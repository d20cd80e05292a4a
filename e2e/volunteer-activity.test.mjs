/* global document */
// A 志愿服务活动 end to end in Chromium on a phone: the member checks in with the code on the
// secretary's screen, checks out with the same rotating code after the end (the test clock
// moves on), sees the hours going to review, and the secretary approves them. Also the
// dashboard charts at 320px, photographed for review.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, launchPhone, startProduct, shutDown } from './harness.mjs';

const MIN = 60_000;

describe('volunteer activity with check-in and check-out (390x844), dashboard charts at 320px', () => {
  let product;
  let phone;
  let accounts;
  const tokens = new Map();
  before(async () => {
    product = await startProduct({ env: { XF_TEST_CLOCK: '1' } });
    phone = await launchPhone();
    accounts = (await product.api('GET', '/api/auth/demo-accounts')).accounts;
  });
  after(async () => {
    await product?.api('PUT', '/api/test/clock', { body: { offsetMs: 0 } }).catch(() => undefined);
    await shutDown(phone, product);
  });

  async function as(memberId, method, url, body) {
    if (!tokens.has(memberId)) {
      tokens.set(memberId, (await product.api('POST', '/api/auth/demo', { body: { memberId } })).token);
    }
    return product.api(method, url, { token: tokens.get(memberId), body });
  }

  async function signIn(account, viewport) {
    const context = viewport
      ? await phone.newContext({ viewport, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
      : await phone.newPhone();
    const page = await context.newPage();
    const failures = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await page.goto(product.baseUrl);
    await page.getByText(account.name, { exact: true }).first().click();
    await page.locator('.home').waitFor({ timeout: 20_000 });
    return { context, page, failures };
  }

  /** Types the screen's current code until the button takes it (Taro's H5 input attaches its listener late). */
  async function typeCode(page, selector, buttonText, readCode) {
    const input = page.locator(selector);
    const button = page.locator('[role="button"]').filter({ hasText: buttonText });
    await input.waitFor({ timeout: 15_000 });
    for (let attempt = 0; attempt < 20; attempt++) {
      await input.fill(await readCode());
      if ((await button.getAttribute('aria-disabled')) === 'false') return;
      await page.waitForTimeout(250);
    }
    throw new Error(`${buttonText} stayed disabled`);
  }

  const open = (page, route) => page.goto(`${product.baseUrl}/#${route}`);

  test('check in, check out with the same code, hours reviewed and approved', async () => {
    const secretary = accounts.find((a) => a.roles.includes('secretary') && a.branchName === '机关第一党支部');
    const member = accounts.find(
      (a) => a.roles.length === 1 && a.roles[0] === 'member' && a.branchName === '机关第一党支部',
    );
    assert.ok(secretary && member, 'the demo has a secretary and a member of 机关第一党支部');
    const branchId = (await as(secretary.memberId, 'GET', '/api/me')).branch.id;
    const start = Date.now() + 20 * MIN;
    const activity = await as(secretary.memberId, 'POST', `/api/branches/${branchId}/activities`, {
      type: 'volunteer',
      title: '社区义务植树（浏览器测试）',
      topic: '为滨河公园补种树苗',
      place: '滨河公园',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3 * 60 * MIN).toISOString(),
    });
    const code = async () => (await as(secretary.memberId, 'GET', `/api/activities/${activity.id}/display`)).code;

    const { context, page, failures } = await signIn(member);
    await open(page, `/packages/activities/pages/detail/index?id=${activity.id}`);
    await page.getByText('社区义务植树（浏览器测试）').first().waitFor({ timeout: 20_000 });
    await typeCode(page, '.activity-detail__code input', '确认签到', code);
    await page.getByText('确认签到', { exact: true }).click();
    await page.getByText('签到成功').waitFor({ timeout: 20_000 });
    await page.getByText('活动结束时签退').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(artifacts, 'volunteer-activity-checked-in.png'), fullPage: true });

    // Forty minutes after the end: the member checks out with the screen's current code.
    await product.api('PUT', '/api/test/clock', { body: { offsetMs: 4 * 60 * MIN } });
    await typeCode(page, '.volunteer-checkout__code input', '确认签退', code);
    await page.getByText('确认签退', { exact: true }).click();
    // The page reloads the activity: the form gives way to the hours recorded, awaiting review.
    await page.getByText(/签退 · 3 小时/).waitFor({ timeout: 20_000 });
    await page.getByText('时长按活动时间内的签到到签退计算，书记审核后计入志愿服务。').waitFor();
    await page.screenshot({ path: path.join(artifacts, 'volunteer-activity-checked-out.png'), fullPage: true });
    await context.close();

    // The secretary sees the check-out and approves the hours in the volunteer review.
    const reviewer = await signIn(secretary);
    await open(reviewer.page, `/packages/activities/pages/detail/index?id=${activity.id}`);
    await reviewer.page.getByText(/签退与时长/).waitFor({ timeout: 20_000 });
    await reviewer.page
      .getByText(new RegExp(`${member.name}`))
      .first()
      .waitFor();
    await reviewer.page.screenshot({
      path: path.join(artifacts, 'volunteer-activity-secretary.png'),
      fullPage: true,
    });
    await open(reviewer.page, '/packages/volunteer/pages/review/index');
    const card = reviewer.page
      .locator('.xf-section', { hasText: '社区义务植树（浏览器测试）（签到签退记录）' })
      .first();
    await card.waitFor({ timeout: 20_000 });
    await card.getByText('通过', { exact: true }).click();
    await product.api('PUT', '/api/test/clock', { body: { offsetMs: 0 } });

    let approved;
    for (let i = 0; i < 40 && !approved; i += 1) {
      const mine = await as(member.memberId, 'GET', '/api/me/volunteer');
      approved = mine.records.find((r) => r.source === 'activity' && r.status === 'approved' && r.hours === 3);
      if (!approved) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    assert.ok(approved, 'the three hours from the activity are approved');
    await reviewer.context.close();
    assert.deepEqual([...failures, ...reviewer.failures], []);
  });

  test('dashboard charts at 320px: screenshots for review', async () => {
    const admin = accounts.find((a) => a.roles.includes('org_admin'));
    const secretary = accounts.find((a) => a.roles.includes('secretary') && a.branchName === '退休干部党支部');
    for (const [who, account] of [
      ['admin', admin],
      ['secretary', secretary],
    ]) {
      for (const width of [320, 390]) {
        const { context, page, failures } = await signIn(account, { width, height: 800 });
        await open(page, '/packages/dashboard/pages/index/index');
        await page.locator('.xf-f2-chart canvas').first().waitFor({ timeout: 30_000 });
        await page.waitForFunction(
          () =>
            [...document.querySelectorAll('.xf-f2-chart canvas')].length >= 2 &&
            [...document.querySelectorAll('.xf-f2-chart canvas')].every((c) => {
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true;
              return false;
            }),
          null,
          { timeout: 30_000 },
        );
        const charts = page.locator('.xf-section', { has: page.locator('.xf-f2-chart') });
        for (let i = 0; i < (await charts.count()); i += 1) {
          await charts
            .nth(i)
            .screenshot({ path: path.join(artifacts, `dashboard-${who}-${width}-chart-${i + 1}.png`) });
        }
        const list = page.locator('.xf-section', { hasText: '活动出席情况' });
        await list.screenshot({ path: path.join(artifacts, `dashboard-${who}-${width}-activities.png`) });
        await context.close();
        assert.deepEqual(failures, []);
      }
    }
  });
});
