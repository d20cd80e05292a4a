/* global document, window */
// No one decides their own case, in Chromium on a phone: a branch secretary opens 管理 → 加分与扣分
// and finds their own name greyed out with the reason beside it; forcing the award from the page
// with the secretary's own session is refused with 403 SELF_REVIEW. On an activity roster the
// secretary's own row has no mark buttons, only the note saying who registers it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, launchPhone, startProduct, shutDown } from './harness.mjs';

const MIN = 60_000;
const iso = (ms) => new Date(ms).toISOString();
const AWARD_NOTE = '您本人的加分、扣分由组织管理员或本支部其他管理人员办理。';
const ATTENDANCE_NOTE = '本人的出勤由组织管理员或本支部其他管理人员登记。';

describe('a manager never decides their own case (390x844)', () => {
  let product;
  let phone;
  let secretary;
  let token;
  const as = (method, url, body) => product.api(method, url, { token, body });

  before(async () => {
    product = await startProduct();
    phone = await launchPhone();
    const { accounts } = await product.api('GET', '/api/auth/demo-accounts');
    secretary = accounts.find((a) => a.roles.includes('secretary') && a.branchName === '机关第一党支部');
    assert.ok(secretary, 'the demo has a secretary of 机关第一党支部');
    token = (await product.api('POST', '/api/auth/demo', { body: { memberId: secretary.memberId } })).token;
  });
  after(() => shutDown(phone, product));

  async function signIn() {
    const context = await phone.newPhone();
    const page = await context.newPage();
    const failures = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await page.goto(product.baseUrl);
    await page.getByText(secretary.name, { exact: true }).first().click();
    await page.locator('.home').waitFor({ timeout: 20_000 });
    return { context, page, failures };
  }

  test('the secretary cannot choose themselves on the award page, sees why, and the API refuses', async () => {
    const pointsBefore = (await as('GET', '/api/me')).points.total;
    const { context, page, failures } = await signIn();

    // 我的 -> 管理 -> 加分与扣分
    await page.getByText('我的', { exact: true }).last().click();
    await page.locator('.mine').getByText('管理', { exact: true }).click();
    await page.getByText('加分与扣分', { exact: true }).click();
    const award = page.locator('.points-award');
    const self = award.getByRole('radio', { name: `${secretary.name}（本人）` });
    await self.waitFor({ timeout: 15_000 });
    assert.equal(await self.getAttribute('aria-disabled'), 'true');
    await award.getByText(AWARD_NOTE, { exact: true }).waitFor({ timeout: 5_000 });
    await self.click({ force: true }); // Playwright will not tap an aria-disabled element unless told
    assert.equal(await self.getAttribute('aria-checked'), 'false', 'tapping the own name chooses nothing');
    // The page slides in from the right: wait until it has settled before the picture.
    await page.waitForFunction(() => document.querySelector('.points-award').getBoundingClientRect().left === 0);
    await page.screenshot({ path: path.join(artifacts, 'self-case-award.png'), fullPage: true });

    // Forced from the page with the secretary's own session: the API refuses and records nothing.
    const forced = await page.evaluate(
      async ({ memberId }) => {
        const raw = window.localStorage.getItem('xf.session');
        const stored = JSON.parse(raw);
        const session = stored && typeof stored === 'object' && 'data' in stored ? stored.data : stored;
        const res = await fetch(`/api/members/${memberId}/points/entries`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
          body: JSON.stringify({ delta: 5, reason: '自评先锋岗' }),
        });
        return { status: res.status, body: await res.json() };
      },
      { memberId: secretary.memberId },
    );
    assert.equal(forced.status, 403, JSON.stringify(forced.body));
    assert.equal(forced.body.code, 'SELF_REVIEW');
    assert.match(forced.body.message, /组织管理员或本支部其他管理人员/);
    assert.equal((await as('GET', '/api/me')).points.total, pointsBefore, 'no points were recorded');

    assert.deepEqual(failures, []);
    await context.close();
  });

  test('on the roster the secretary’s own row has no mark buttons, only the note', async () => {
    const me = await as('GET', '/api/me');
    // On now: marks are offered once check-in opens (a meeting days away offers only 请假).
    const start = Date.now() - 5 * MIN;
    const activity = await as('POST', `/api/branches/${me.branch.id}/activities`, {
      type: 'theme_day',
      title: '主题党日：本人事项回避',
      topic: '学习支部工作条例',
      place: '机关大楼三楼会议室',
      startsAt: iso(start),
      endsAt: iso(start + 90 * MIN),
    });
    assert.ok(activity.id, JSON.stringify(activity));

    const { context, page, failures } = await signIn();
    await page.goto(`${product.baseUrl}/#/packages/activities/pages/roster/index?id=${activity.id}`);
    const roster = page.locator('.activity-roster');
    const own = roster.locator(`[data-member="${secretary.name}"]`);
    await own.waitFor({ timeout: 15_000 });
    await own.getByText(ATTENDANCE_NOTE, { exact: true }).waitFor({ timeout: 5_000 });
    assert.equal(await own.getByRole('button').count(), 0, 'no mark buttons on the own row');
    const others = roster.locator('.activity-roster__row').filter({ hasNotText: ATTENDANCE_NOTE });
    assert.ok((await others.count()) > 0, 'the roster lists other members');
    assert.equal(await others.first().getByRole('button').count(), 4, 'other rows keep 出席/迟到/请假/缺席');
    await own.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'self-case-roster.png') });

    assert.deepEqual(failures, []);
    await context.close();
  });
});
