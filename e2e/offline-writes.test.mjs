// Writes on a flaky network: a check-in and a quiz submission sent while offline go out by
// themselves when the network returns, and a write whose answer was lost (the server committed,
// the response never arrived) is retried with its idempotency key and answered with the first
// result. Each is counted once: totals are read back through the API.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, launchPhone, startProduct, shutDown } from './harness.mjs';

const MIN = 60_000;
const iso = (ms) => new Date(ms).toISOString();

describe('writes survive a blip', () => {
  let product;
  let phone;
  let accounts;
  let secretary;
  let branchId;
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
    secretary = accounts.find((a) => a.roles.includes('secretary') && a.branchName === '机关第一党支部');
    branchId = (await as(secretary.memberId, 'GET', '/api/me')).branch.id;
  });
  after(() => shutDown(phone, product));

  const membersOfBranch = () =>
    accounts.filter((a) => a.branchName === '机关第一党支部' && a.roles.length === 1 && a.roles[0] === 'member');

  async function themeDayNow(title) {
    const start = Date.now() - 5 * MIN;
    const activity = await as(secretary.memberId, 'POST', `/api/branches/${branchId}/activities`, {
      type: 'theme_day',
      title,
      topic: '学习党章',
      place: '三楼会议室',
      startsAt: iso(start),
      endsAt: iso(start + 120 * MIN),
    });
    assert.ok(activity.id, JSON.stringify(activity));
    return activity;
  }

  async function openAs(member, hash) {
    const context = await phone.newPhone();
    const page = await context.newPage();
    await page.goto(product.baseUrl);
    await page.getByText(member.name, { exact: true }).first().click();
    await page.locator('.home').waitFor({ timeout: 30_000 });
    await page.goto(`${product.baseUrl}/#${hash}`);
    return { context, page };
  }

  async function typeCode(page, activityId) {
    const input = page.locator('.activity-detail__code input');
    const button = page.locator('.activity-detail__checkin [role="button"]').filter({ hasText: '确认签到' });
    await input.waitFor({ timeout: 20_000 });
    for (let attempt = 0; attempt < 40; attempt++) {
      const { code } = await as(secretary.memberId, 'GET', `/api/activities/${activityId}/display`);
      await input.fill(code);
      if ((await button.getAttribute('aria-disabled')) === 'false') return button;
      await page.waitForTimeout(250);
    }
    throw new Error('the code input never took the code');
  }

  const checkIns = async (activityId) => {
    const roster = await as(secretary.memberId, 'GET', `/api/activities/${activityId}/roster`);
    return JSON.stringify(roster);
  };

  test('a check-in typed offline is saved, sent when the network returns, and counted once', async () => {
    const member = membersOfBranch()[0];
    const activity = await themeDayNow('离线签到测试');
    const pointsBefore = (await as(member.memberId, 'GET', '/api/me')).points.total;
    const { context, page } = await openAs(member, `/packages/activities/pages/detail/index?id=${activity.id}`);
    const button = await typeCode(page, activity.id);
    await context.setOffline(true);
    await button.click();
    await page.getByText('已保存，联网后自动提交').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(artifacts, 'offline-checkin-saved.png') });
    await context.setOffline(false);
    await page
      .getByText(/已签到/)
      .first()
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(artifacts, 'offline-checkin-done.png') });
    const pointsAfter = (await as(member.memberId, 'GET', '/api/me')).points.total;
    assert.equal(pointsAfter - pointsBefore, activity.points.amount, 'the check-in paid once');
    const detail = await as(member.memberId, 'GET', `/api/activities/${activity.id}`);
    assert.match(JSON.stringify(detail), /present|late/);
    await context.close();
  });

  test('a check-in whose answer was lost is retried with its key and counted once', async () => {
    const member = membersOfBranch()[1];
    const activity = await themeDayNow('丢失应答签到测试');
    const pointsBefore = (await as(member.memberId, 'GET', '/api/me')).points.total;
    const { context, page } = await openAs(member, `/packages/activities/pages/detail/index?id=${activity.id}`);
    const sent = [];
    let dropped = 0;
    await page.route('**/api/activities/*/checkin', async (route) => {
      sent.push(route.request().headers()['idempotency-key']);
      if (dropped === 0) {
        dropped += 1;
        await route.fetch(); // the server commits the check-in ...
        await route.abort('connectionreset'); // ... and the answer never reaches the phone
        return;
      }
      await route.continue();
    });
    const replayed = [];
    page.on('response', (r) => r.url().endsWith('/checkin') && replayed.push(r.headers()['idempotent-replayed']));
    const button = await typeCode(page, activity.id);
    await button.click();
    await page
      .getByText(/已签到/)
      .first()
      .waitFor({ timeout: 60_000 });
    assert.ok(sent.length >= 2, 'sent again after the lost answer');
    assert.equal(new Set(sent).size, 1, 'every send carried the same idempotency key');
    assert.ok(replayed.includes('true'), 'the server answered the repeat with the first answer');
    const pointsAfter = (await as(member.memberId, 'GET', '/api/me')).points.total;
    assert.equal(pointsAfter - pointsBefore, activity.points.amount, 'the check-in paid once');
    assert.ok((await checkIns(activity.id)).includes(member.name));
    await context.close();
  });

  test('a quiz submitted offline, then with its answer lost, is submitted once', async () => {
    const member = membersOfBranch()[2];
    const questions = (await as(secretary.memberId, 'GET', '/api/questions?kind=judge&limit=2')).items;
    const quiz = await as(secretary.memberId, 'POST', '/api/quizzes', {
      title: '离线交卷测试',
      kind: 'exam',
      branchId,
      questionIds: questions.map((q) => q.id),
      timeLimitMinutes: 10,
      passMark: 60,
      maxAttempts: 2,
      opensAt: iso(Date.now() - MIN),
      closesAt: iso(Date.now() + 24 * 60 * MIN),
    });
    assert.ok(quiz.id, JSON.stringify(quiz));
    const { context, page } = await openAs(member, `/packages/study/pages/attempt/index?quizId=${quiz.id}`);
    const attempt = page.locator('.attempt');
    // The start screen first; the clock starts on 开始答题.
    await attempt.getByRole('button', { name: '开始答题' }).click({ timeout: 30_000 });
    await attempt.getByText(/剩余 \d\d:\d\d/).waitFor({ timeout: 30_000 });
    await attempt.getByText('下一题').click();

    const sent = [];
    let dropped = 0;
    await page.route('**/api/attempts/*/submit', async (route) => {
      sent.push(route.request().headers()['idempotency-key']);
      if (dropped === 0) {
        dropped += 1;
        await route.fetch();
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });
    await context.setOffline(true);
    await attempt.locator('.attempt__nav').getByText('交卷').click();
    const modal = page.locator('.taro__modal');
    await modal.getByText('交卷', { exact: true }).waitFor({ timeout: 10_000 });
    await modal.getByText('交卷', { exact: true }).click();
    await page.getByText('已保存，联网后自动提交').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(artifacts, 'offline-quiz-saved.png') });
    await context.setOffline(false);
    await page.locator('.result').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(artifacts, 'offline-quiz-result.png') });
    assert.equal(new Set(sent.filter(Boolean)).size, 1, 'every send carried the same idempotency key');
    const mine = (await as(member.memberId, 'GET', '/api/quizzes')).find((q) => q.id === quiz.id);
    assert.equal(mine.attemptsUsed, 1, 'one attempt');
    assert.ok(mine.lastSubmittedAttemptId, 'submitted');
    await context.close();
  });
});
