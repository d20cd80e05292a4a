/* global document, getComputedStyle, window */
// Issue #12 in Chromium at 390px: an exam opens on a start screen and its clock starts only on
// 开始答题; the result labels the right answer in words and leads to the 错题本, whose items
// open to the answer and the explanation; the points history is grouped by month, newest first,
// with human dates and no ISO string anywhere. Screenshots go to e2e/artifacts/clarity-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, launchPhone, startProduct, shutDown } from './harness.mjs';

const ISO = /\d{4}-\d{2}-\d{2}(T|\s\d)/;

describe('a member reads the study and points pages (390x844)', () => {
  let product;
  let phone;
  let member;
  let memberToken;
  let quiz;
  before(async () => {
    product = await startProduct();
    phone = await launchPhone();
    const { accounts } = await product.api('GET', '/api/auth/demo-accounts');
    const secretary = accounts.find((a) => a.roles.includes('secretary') && a.branchName === '机关第二党支部');
    member = accounts.find((a) => a.roles.length === 1 && a.roles[0] === 'member' && a.branchName === '机关第二党支部');
    const secretaryToken = (await product.api('POST', '/api/auth/demo', { body: { memberId: secretary.memberId } }))
      .token;
    memberToken = (await product.api('POST', '/api/auth/demo', { body: { memberId: member.memberId } })).token;
    const questions = (await product.api('GET', '/api/questions?kind=single&limit=3', { token: secretaryToken })).items;
    quiz = await product.api('POST', '/api/quizzes', {
      token: secretaryToken,
      body: {
        title: '浏览器测试：开考前说明',
        kind: 'exam',
        branchId: (await product.api('GET', '/api/me', { token: secretaryToken })).branch.id,
        questionIds: questions.map((q) => q.id),
        timeLimitMinutes: 15,
        passMark: 60,
        maxAttempts: 2,
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    assert.ok(quiz.id, JSON.stringify(quiz));
  });
  after(() => shutDown(phone, product));

  const myQuiz = async () =>
    (await product.api('GET', '/api/quizzes', { token: memberToken })).find((q) => q.id === quiz.id);

  test('start screen, then the attempt, the result with labelled answers, and the 错题本', async () => {
    const context = await phone.newPhone();
    const page = await context.newPage();
    const failures = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await page.goto(product.baseUrl);
    await page.getByText(member.name, { exact: true }).first().click();
    await page.locator('.home').waitFor({ timeout: 20_000 });
    await page.getByText('学习', { exact: true }).last().click();
    const study = page.locator('.study');
    await study.locator('.study__quiz', { hasText: quiz.title }).getByText('去答题 ›').click({ timeout: 15_000 });

    const attempt = page.locator('.attempt');
    const start = attempt.getByText('开始答题', { exact: true });
    await start.waitFor({ timeout: 15_000 });
    const facts = await attempt.innerText();
    for (const fact of ['3 道', '15 分钟', '60 分（满分 100 分）', '还剩 2 次（共 2 次）']) {
      assert.ok(facts.includes(fact), `start screen says ${fact}: ${facts}`);
    }
    await page.waitForTimeout(500); // the H5 router slides pages in
    await page.screenshot({ path: path.join(artifacts, 'clarity-start-screen.png'), fullPage: true });
    // Opening the page started nothing: no attempt, no clock.
    assert.equal((await myQuiz()).attemptsUsed, 0);
    assert.equal((await myQuiz()).inProgressAttemptId, null);

    await start.click();
    await attempt.getByText(/剩余 \d\d:\d\d/).waitFor({ timeout: 15_000 });
    assert.equal((await myQuiz()).attemptsUsed, 1);
    // One answer (the first option), the rest left blank: some land in the 错题本.
    await attempt.locator('.xf-question__option').first().click();
    await attempt.getByText('下一题').click();
    await attempt.getByText('下一题').click();
    await attempt.locator('.attempt__nav').getByText('交卷').click();
    const modal = page.locator('.taro__modal');
    await modal.getByText('确认交卷').waitFor({ timeout: 5000 });
    await modal.getByText('交卷', { exact: true }).click();

    const result = page.locator('.result');
    await result.getByText('逐题解析').waitFor({ timeout: 15_000 });
    const text = await result.innerText();
    assert.equal((text.match(/正确答案：/g) ?? []).length, 3, 'each question names its right answer');
    assert.equal((text.match(/你的答案：/g) ?? []).length, 3, 'each question names the member’s answer');
    assert.ok(text.includes('你的答案：未作答'));
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(artifacts, 'clarity-result.png'), fullPage: true });

    await result.getByText(/去错题本看 \d 道错题/).click();
    const book = page.locator('.wrong-book');
    await book.getByText(/共 \d+ 道错题/).waitFor({ timeout: 15_000 });
    await book.locator('.wrong-book__head').first().click();
    // The answer and explanation are asked for when the item opens.
    await book.locator('.wrong-book__explanation').waitFor({ timeout: 15_000 });
    const detail = await book.locator('.wrong-book__detail').innerText();
    assert.match(detail, /正确答案：[A-H]/);
    assert.ok(detail.includes('解析'));
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(artifacts, 'clarity-wrong-book.png'), fullPage: true });
    assert.deepEqual(failures, []);
    await context.close();
  });

  test('the start screen fits a 320px phone with text at 130%', async () => {
    const context = await phone.newContext({
      viewport: { width: 320, height: 640 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(product.baseUrl);
    await page.getByText(member.name, { exact: true }).first().click();
    await page.locator('.home').waitFor({ timeout: 20_000 });
    await page.goto(`${product.baseUrl}/#/packages/study/pages/attempt/index?quizId=${quiz.id}`);
    const attempt = page.locator('.attempt');
    // The first attempt was submitted: one of two is left, and the screen says it is the last.
    await attempt.getByText('还剩 1 次（共 2 次）').waitFor({ timeout: 20_000 });
    assert.ok((await attempt.innerText()).includes('这是您最后一次作答机会'));
    await page.evaluate(() => {
      document.documentElement.style.fontSize = `${parseFloat(getComputedStyle(document.documentElement).fontSize) * 1.3}px`;
    });
    await page.waitForTimeout(300);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal overflow (${overflow}px)`);
    await page.screenshot({ path: path.join(artifacts, 'clarity-start-screen-320.png') });
    assert.equal((await myQuiz()).attemptsUsed, 1, 'opening the start screen again started nothing');
    await context.close();
  });

  test('the points history: by month, newest first, human dates, caps named', async () => {
    const context = await phone.newPhone();
    const page = await context.newPage();
    const failures = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await page.goto(product.baseUrl);
    await page.getByText(member.name, { exact: true }).first().click();
    await page.locator('.home').waitFor({ timeout: 20_000 });
    await page.getByText('我的', { exact: true }).last().click();
    const mine = page.locator('.mine');
    await mine.getByText('最近积分记录').waitFor({ timeout: 15_000 });
    const recent = await mine.locator('.xf-ledger-list').innerText();
    assert.doesNotMatch(recent, ISO);
    assert.match(recent, /\d+月\d+日 \d\d:\d\d/);
    await mine.locator('.xf-ledger-list__month-label').first().scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(artifacts, 'clarity-mine-recent.png') });

    await page.goto(`${product.baseUrl}/#/packages/points/pages/mine/index`);
    const points = page.locator('.my-points');
    await points.locator('.my-points__month-label').first().waitFor({ timeout: 20_000 });
    const months = await points.locator('.my-points__month-label').allInnerTexts();
    assert.ok(months.length >= 2, `several months: ${months}`);
    assert.equal(new Set(months).size, months.length, 'each month once');
    const history = await points.innerText();
    assert.doesNotMatch(history, ISO);
    assert.ok(!history.includes('原应'), 'no bare “原应” cap text');
    // Newest first, by the times shown.
    const { items } = await product.api('GET', '/api/me/points/entries', { token: memberToken });
    const times = items.map((e) => Date.parse(e.recordedAt));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
    // No invented noon: the demo's entries carry the real time of the check-in or the approval.
    const noon = items.filter((e) => /T12:00:00\.000/.test(e.recordedAt));
    assert.ok(noon.length < items.length / 2, `most entries are not stamped 12:00 (${noon.length}/${items.length})`);
    await points.locator('.my-points__month-label').nth(1).scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(artifacts, 'clarity-points-history.png') });

    // Objection: a multi-line box, the entry named in words, and withdrawn again.
    await points.locator('.my-points__entry-row').first().click();
    await points.getByText('对这条记录提出异议').click();
    const box = points.locator('textarea').first();
    await box.fill('时间不对\n请核实');
    await points.getByText('提交异议').click();
    const objection = points.locator('.my-points__objection').first();
    await objection.waitFor({ timeout: 15_000 });
    const title = await objection.locator('.my-points__objection-title').innerText();
    assert.doesNotMatch(title, /^\S+ [+-]?\d+$/, `named in words: ${title}`);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(artifacts, 'clarity-objection.png'), fullPage: true });
    await objection.getByText('撤回异议').click();
    await page.locator('.taro__modal').getByText('撤回', { exact: true }).click();
    await objection.getByText('已撤回').first().waitFor({ timeout: 15_000 });
    const mineObjections = await product.api('GET', '/api/me/objections', { token: memberToken });
    assert.equal(mineObjections.items[0].status, 'withdrawn');
    assert.equal(mineObjections.items[0].reason, '时间不对\n请核实');

    // Rankings: after opting in, where the member stands in words, and whether they are listed.
    await page.goto(`${product.baseUrl}/#/packages/points/pages/ranking/index`);
    const ranking = page.locator('.ranking');
    await ranking.locator('.ranking__own-rank').waitFor({ timeout: 20_000 });
    const toggle = ranking.getByRole('switch');
    if ((await toggle.getAttribute('aria-checked')) !== 'true') await toggle.click();
    await ranking.getByText(/您已(在榜单上|参加榜单)/).waitFor({ timeout: 15_000 });
    const standing = await ranking.innerText();
    assert.match(standing, /前 \d+%|处于(中上|中等|中等偏后)/);
    assert.doesNotMatch(standing, /位于前 \d+%/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(artifacts, 'clarity-ranking.png') });
    assert.deepEqual(failures, []);
    await context.close();
  });
});
