/* global document */
// A secretary runs a meeting end to end in Chromium: creates it with the date-and-time choice
// (a few taps, no wheels), sees a future meeting offer no live marks, opens the check-in screen
// once the meeting is on, watches the roster update by itself when a member checks in from
// another phone, is reminded to check in and does, marks a member with 撤销, closes with the
// names of those marked absent in the dialog, and writes the meeting record.
//
// "The meeting is on" is reached by moving the activity to start five minutes ago through the
// API (as 修改活动 would), rather than waiting a week.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, launchPhone, startProduct, shutDown } from './harness.mjs';

const MIN = 60_000;
const iso = (ms) => new Date(ms).toISOString();
const shot = (page, name) => page.screenshot({ path: path.join(artifacts, name), fullPage: true });

describe('a secretary runs a meeting (390x844, and 320 wide)', () => {
  let product;
  let phone;
  let accounts;
  const tokens = new Map();
  const tokenOf = async (memberId) => {
    if (!tokens.has(memberId)) {
      tokens.set(memberId, (await product.api('POST', '/api/auth/demo', { body: { memberId } })).token);
    }
    return tokens.get(memberId);
  };
  const as = async (memberId, method, url, body) => product.api(method, url, { token: await tokenOf(memberId), body });

  before(async () => {
    product = await startProduct();
    phone = await launchPhone();
    accounts = (await product.api('GET', '/api/auth/demo-accounts')).accounts;
  });
  after(() => shutDown(phone, product));

  async function signIn(context, account) {
    const page = await context.newPage();
    const failures = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await page.goto(product.baseUrl);
    await page.getByText(account.name, { exact: true }).first().click();
    await page.locator('.home').waitFor({ timeout: 20_000 });
    return { page, failures };
  }

  /** Fills a Taro H5 input until the page has taken the value (its listener may attach late). */
  async function fill(page, input, value) {
    for (let attempt = 0; attempt < 20; attempt++) {
      await input.fill(value);
      await page.waitForTimeout(150);
      if ((await input.inputValue()) === value) return;
    }
    throw new Error(`the input never took ${value}`);
  }

  test('create, screen, live roster, self check-in, close with names, meeting record', async () => {
    const secretary = accounts.find((a) => a.roles.includes('secretary') && a.branchName === '机关第一党支部');
    const [member, other] = accounts.filter(
      (a) => a.branchName === '机关第一党支部' && a.roles.length === 1 && a.roles[0] === 'member',
    );
    const secretaryMe = await as(secretary.memberId, 'GET', '/api/me');
    const branchId = secretaryMe.branch.id;

    // Something waits for the secretary: a leave request for next month's 党课.
    const lecture = await as(secretary.memberId, 'POST', `/api/branches/${branchId}/activities`, {
      type: 'party_lecture',
      title: '党课：学习新党章',
      topic: '',
      place: '会议室',
      startsAt: iso(Date.now() + 30 * 24 * 60 * MIN),
      endsAt: iso(Date.now() + 30 * 24 * 60 * MIN + 90 * MIN),
    });
    await as(other.memberId, 'POST', `/api/activities/${lecture.id}/leave`, { reason: '外出培训' });

    const context = await phone.newPhone();
    const s = await signIn(context, secretary);
    const page = s.page;

    // 管理 shows what waits, then 活动与签到 -> 新建活动.
    await page.goto(`${product.baseUrl}/#/packages/manage/pages/index/index`);
    await page.getByText('活动与签到', { exact: true }).waitFor({ timeout: 15_000 });
    await page.locator('.manage__badge').first().waitFor({ timeout: 15_000 });
    assert.ok(Number(await page.locator('.manage__badge').first().innerText()) >= 1);
    await shot(page, 'meeting-manage-badges-390.png');
    await page.getByText('活动与签到', { exact: true }).click();
    await page
      .locator('.activity-manage')
      .getByText(/即将进行与待结算/)
      .waitFor({ timeout: 15_000 });
    await shot(page, 'meeting-manage-list-390.png');
    const started = Date.now();
    // A tap where the button is drawn (Playwright's own click refuses: its hit test lands on H5's
    // pull-to-refresh wrapper, an ancestor of the button).
    const create = await page.locator('.activity-manage').getByText('新建活动', { exact: true }).boundingBox();
    await page.mouse.click(create.x + create.width / 2, create.y + create.height / 2);
    const form = page.locator('.activity-edit');
    await form.waitFor({ timeout: 15_000 });

    // The date-and-time choice starts on the branch's usual day next week, 14:30, 1.5 hours.
    const summary = form.locator('.xf-date-time__summary');
    await summary.waitFor({ timeout: 10_000 });
    assert.match(await summary.getAttribute('aria-label'), /^\d{4}年\d{1,2}月\d{1,2}日 周. 14:30–16:00（1\.5 小时）$/);
    await form.locator('.xf-date-time').screenshot({ path: path.join(artifacts, 'meeting-date-time-390.png') });
    await form.getByRole('radio', { name: /^下周/ }).click();
    await form.getByRole('radio', { name: '15:00' }).click();
    await form.getByRole('radio', { name: '2 小时' }).click();
    assert.match(await summary.getAttribute('aria-label'), / 15:00–17:00（2 小时）$/);
    const title = `支部党员大会 ${Date.now() % 100000}`;
    await form.getByRole('radio', { name: '支部党员大会' }).click();
    const inputs = form.locator('.activity-edit__input input');
    await fill(page, inputs.nth(0), title);
    await fill(page, inputs.nth(1), '机关大楼三楼会议室');
    await form.getByRole('button', { name: '创建活动' }).click();
    const roster = page.locator('.activity-roster');
    await roster.getByText(title, { exact: true }).waitFor({ timeout: 15_000 });
    const elapsed = Date.now() - started;
    console.log(`created in ${Math.round(elapsed / 1000)} s`);

    const list = await as(secretary.memberId, 'GET', `/api/branches/${branchId}/activities`);
    const created = list.items.find((a) => a.title === title);
    assert.ok(created, 'the activity was created');
    assert.equal(new Date(created.endsAt) - new Date(created.startsAt), 120 * MIN);
    assert.equal(new Date(created.startsAt).toISOString().slice(11, 16), '07:00', '15:00 in China');

    // A week ahead: no live marks, no screen, and it says when check-in opens.
    await roster
      .getByText(/签到将于 .* 开始/)
      .first()
      .waitFor({ timeout: 10_000 });
    assert.equal(await roster.getByText('未开始', { exact: true }).count(), 1);
    assert.equal(await roster.getByRole('button', { name: '打开签到大屏' }).count(), 0);
    assert.equal(
      await roster.locator(`[data-member="${member.name}"]`).getByRole('button', { name: '出席' }).count(),
      0,
    );

    // The meeting is on: it started five minutes ago.
    const detail = await as(secretary.memberId, 'GET', `/api/activities/${created.id}`);
    const start = Date.now() - 5 * MIN;
    await as(secretary.memberId, 'PUT', `/api/activities/${created.id}`, {
      type: detail.type,
      title: detail.title,
      topic: detail.topic,
      place: detail.place,
      startsAt: iso(start),
      endsAt: iso(start + 120 * MIN),
    });
    await page.reload();
    await roster.getByText('签到中', { exact: true }).waitFor({ timeout: 15_000 });
    await roster.getByText(/您本人也在名单中，还没有签到/).waitFor({ timeout: 10_000 });

    // The check-in screen reminds the secretary, who checks in with the code on screen.
    await roster.getByRole('button', { name: '打开签到大屏' }).click();
    const display = page.locator('.checkin-display');
    await display.locator('.checkin-display__code').waitFor({ timeout: 15_000 });
    await display.getByText(/您本人也在名单中，还没有签到/).waitFor({ timeout: 10_000 });
    await shot(page, 'meeting-display-390.png');
    const code = (await display.locator('.checkin-display__code').innerText()).trim();
    await display.getByRole('button', { name: '用当前签到码为本人签到' }).click();
    await display
      .locator('.checkin-display__chip--in')
      .filter({ hasText: secretary.name })
      .waitFor({ timeout: 15_000 });
    assert.equal(await display.getByText(/您本人也在名单中/).count(), 0);

    // A member checks in from another phone: the screen shows them by itself.
    const byMember = await as(member.memberId, 'POST', `/api/activities/${created.id}/checkin`, {
      code: (await display.locator('.checkin-display__code').innerText()).trim() || code,
    });
    assert.equal(byMember.created, true, JSON.stringify(byMember));
    await display.locator('.checkin-display__chip--in').filter({ hasText: member.name }).waitFor({ timeout: 15_000 });

    // Back on the roster, a second member checks in and the counts move without a reload.
    await page.goBack();
    const counts = roster.locator('.activity-roster__counts');
    await counts.filter({ hasText: '已到 2（' }).waitFor({ timeout: 15_000 });
    const liveCode = await as(secretary.memberId, 'GET', `/api/activities/${created.id}/display`);
    await as(other.memberId, 'POST', `/api/activities/${created.id}/checkin`, { code: liveCode.code });
    await counts.filter({ hasText: '已到 3（' }).waitFor({ timeout: 15_000 });
    await roster
      .locator(`[data-member="${other.name}"]`)
      .getByText('已签到', { exact: true })
      .waitFor({ timeout: 10_000 });

    // A mark can be undone for a few seconds; then one sticks.
    const pendingRows = roster.locator('.activity-roster__row').filter({ hasText: '未签到' });
    const marked = (await pendingRows.first().getAttribute('data-member')) ?? '';
    await pendingRows.first().getByRole('button', { name: '出席' }).click();
    const undo = roster.locator('.activity-roster__undo');
    await undo.getByText(`已将 ${marked} 登记为“出席”`).waitFor({ timeout: 5000 });
    await shot(page, 'meeting-roster-undo-390.png');
    await undo.getByRole('button', { name: '撤销' }).click();
    await page.waitForTimeout(6000);
    const afterUndo = await as(secretary.memberId, 'GET', `/api/activities/${created.id}/roster`);
    assert.equal(afterUndo.rows.find((r) => r.member.name === marked).status, 'pending', '撤销 sent nothing');
    await roster.locator(`[data-member="${marked}"]`).getByRole('button', { name: '请假' }).click();
    await undo.waitFor({ state: 'detached', timeout: 15_000 });
    await roster
      .locator(`[data-member="${marked}"]`)
      .getByText(/已向书记请假/)
      .waitFor({ timeout: 10_000 });
    await roster
      .locator('.xf-section')
      .first()
      .screenshot({ path: path.join(artifacts, 'meeting-roster-head-390.png') });
    await shot(page, 'meeting-roster-390.png');

    // Closing names those who will be marked absent.
    const stillPending = (await as(secretary.memberId, 'GET', `/api/activities/${created.id}/roster`)).rows
      .filter((r) => r.status === 'pending')
      .map((r) => r.member.name);
    assert.ok(stillPending.length > 0);
    await roster.getByRole('button', { name: '结束活动并结算' }).click();
    const modal = page.locator('.taro__modal');
    await modal
      .getByText(`以下 ${stillPending.length} 人尚未登记，将记为缺席`, { exact: false })
      .waitFor({ timeout: 5000 });
    const dialogText = await modal.innerText();
    for (const name of stillPending.slice(0, 40)) assert.ok(dialogText.includes(name), `the dialog names ${name}`);
    await page.waitForTimeout(600); // the dialog fades in
    await shot(page, 'meeting-close-dialog-390.png');
    await modal.getByText('结束', { exact: true }).last().click();
    await roster.getByText('已结算', { exact: true }).waitFor({ timeout: 15_000 });

    // The meeting record comes before the roster once it is over.
    const record = page.locator('#meeting-record');
    await record.waitFor({ timeout: 10_000 });
    const recordBox = await record.boundingBox();
    const rosterBox = await roster.locator('.activity-roster__row').first().boundingBox();
    assert.ok(recordBox.y < rosterBox.y, '会议记录 is above the roster');
    await fill(page, record.locator('textarea'), '会议传达学习了全会精神，讨论了发展党员事宜。');
    await record.getByRole('button', { name: '保存会议记录' }).click();
    await record.getByText('会议记录已保存').waitFor({ timeout: 10_000 });
    const closed = await as(secretary.memberId, 'GET', `/api/activities/${created.id}`);
    assert.equal(closed.status, 'closed');
    assert.equal(closed.myStatus, 'present', 'the secretary was never marked absent');
    assert.match(closed.record, /全会精神/);
    assert.equal(closed.counts.absent, stillPending.length);

    // The same screens at 320 px.
    const narrow = await phone.newContext({
      viewport: { width: 320, height: 700 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const n = await signIn(narrow, secretary);
    await n.page.goto(`${product.baseUrl}/#/packages/activities/pages/edit/index?branchId=${branchId}`);
    await n.page.locator('.xf-date-time__summary').waitFor({ timeout: 15_000 });
    await n.page.locator('.xf-date-time').screenshot({ path: path.join(artifacts, 'meeting-date-time-320.png') });
    await n.page.goto(`${product.baseUrl}/#/packages/activities/pages/roster/index?id=${created.id}`);
    await n.page.locator('.activity-roster__row').first().waitFor({ timeout: 15_000 });
    await n.page
      .locator('.activity-roster .xf-section')
      .first()
      .screenshot({ path: path.join(artifacts, 'meeting-roster-head-320.png') });
    await shot(n.page, 'meeting-roster-320.png');
    // A live screen for the 320 shot: a second meeting on now.
    const live = await as(secretary.memberId, 'POST', `/api/branches/${branchId}/activities`, {
      type: 'theme_day',
      title: '主题党日：窄屏检查',
      topic: '',
      place: '会议室',
      startsAt: iso(Date.now() - 5 * MIN),
      endsAt: iso(Date.now() + 60 * MIN),
    });
    await n.page.goto(`${product.baseUrl}/#/packages/activities/pages/display/index?id=${live.id}`);
    await n.page.locator('.checkin-display__code').waitFor({ timeout: 15_000 });
    await shot(n.page, 'meeting-display-320.png');
    const overflow = await n.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= 320, `nothing wider than the screen (${overflow})`);

    assert.deepEqual(s.failures, []);
    assert.deepEqual(n.failures, []);
    await narrow.close();
    await context.close();
  });
});
