// A member takes a timed quiz in Chromium: answers (with a reload in the middle), uses the
// answer sheet, confirms, submits, and sees the score and the explanations. The test reads
// every API response the page received and checks that no answer or explanation arrived
// before the submission. A secretary then reads the quiz's statistics.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, launchPhone, startProduct, shutDown } from './harness.mjs';

function keysOf(value, into = new Set()) {
  if (Array.isArray(value)) for (const v of value) keysOf(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}

describe('online quiz in Chromium (390x844)', () => {
  let product;
  let phone;
  let accounts;
  let secretaryToken;
  let quiz;
  let bank;
  before(async () => {
    product = await startProduct();
    phone = await launchPhone();
    accounts = (await product.api('GET', '/api/auth/demo-accounts')).accounts;
    const secretary = accounts.find((a) => a.roles.includes('secretary') && a.branchName === '机关第一党支部');
    secretaryToken = (await product.api('POST', '/api/auth/demo', { body: { memberId: secretary.memberId } })).token;
    // Four questions of different kinds from the bank, read through the secretary's access.
    const pick = async (kind) =>
      (await product.api('GET', `/api/questions?kind=${kind}&limit=3`, { token: secretaryToken })).items;
    bank = [
      ...(await pick('single')).slice(0, 2),
      ...(await pick('multiple')).slice(0, 1),
      ...(await pick('judge')).slice(0, 1),
    ];
    quiz = await product.api('POST', '/api/quizzes', {
      token: secretaryToken,
      body: {
        title: '浏览器测试：限时党章测验',
        kind: 'exam',
        branchId: (await product.api('GET', '/api/me', { token: secretaryToken })).branch.id,
        questionIds: bank.map((q) => q.id),
        timeLimitMinutes: 10,
        passMark: 60,
        maxAttempts: 1,
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    assert.ok(quiz.id, JSON.stringify(quiz));
  });
  after(() => shutDown(phone, product));

  test('a member takes a timed quiz, submits and sees score and explanations; no answer arrived before', async () => {
    // A member whose yearly quiz cap (8) still has room for a pass (+2): the demo history is
    // dated from today, so late in the year the first member may have used it up already.
    let member;
    for (const candidate of accounts.filter(
      (a) => a.roles.length === 1 && a.roles[0] === 'member' && a.branchName === '机关第一党支部',
    )) {
      const { token } = await product.api('POST', '/api/auth/demo', { body: { memberId: candidate.memberId } });
      const { items } = await product.api('GET', '/api/me/points/entries?sourceType=quiz_attempt&limit=100', {
        token,
      });
      if (items.reduce((sum, e) => sum + e.delta, 0) <= 6) {
        member = candidate;
        break;
      }
    }
    assert.ok(member, 'a member with room under the quiz cap');
    const context = await phone.newPhone();
    const page = await context.newPage();
    const failures = [];
    page.on('pageerror', (e) => failures.push(e.message));
    const responses = [];
    let submitted = false;
    page.on('response', async (response) => {
      if (!response.url().includes('/api/')) return;
      const entry = { url: response.url(), afterSubmit: submitted, body: null };
      responses.push(entry);
      try {
        entry.body = await response.text();
      } catch {
        entry.body = '';
      }
      if (response.url().endsWith('/submit')) submitted = true;
    });

    await page.goto(product.baseUrl);
    await page.getByText(member.name, { exact: true }).first().click();
    await page.locator('.home').waitFor({ timeout: 20_000 });
    await page.getByText('学习', { exact: true }).last().click();
    const study = page.locator('.study');
    await study.getByText(quiz.title).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(artifacts, 'quiz-study-tab.png'), fullPage: true });
    await study.locator('.study__quiz', { hasText: quiz.title }).getByText('去答题 ›').click();

    const attempt = page.locator('.attempt');
    // The start screen comes first; the clock starts on 开始答题.
    await attempt.getByText('开始答题', { exact: true }).click({ timeout: 10_000 });
    await attempt.getByText(/剩余 \d\d:\d\d/).waitFor({ timeout: 10_000 });
    const answerVisible = async (wrong) => {
      // The page draws a blank （ ） with no-break spaces; compare without the blank's spacing.
      const blank = (text) => text.replace(/（\s*）/g, '（）');
      const stem = blank(await attempt.locator('.xf-question__stem').innerText());
      const q = bank.find((b) => stem.includes(blank(b.stem)));
      assert.ok(q, `the shown question is one of the quiz: ${stem}`);
      const wanted = wrong ? [q.options.findIndex((_, i) => !q.answer.includes(i))] : q.answer;
      for (const i of wanted) await attempt.locator('.xf-question__option', { hasText: q.options[i] }).first().click();
      return q;
    };
    await answerVisible(false);
    await attempt.getByText('下一题').click();
    await answerVisible(true);
    await page.screenshot({ path: path.join(artifacts, 'quiz-attempt.png') });

    // A reload keeps the paper and the answers given so far.
    await page.reload();
    await attempt.getByText('第 1 / 4 题 · 已答 2 题').waitFor({ timeout: 15_000 });
    await attempt.getByText('答题卡').click();
    await page.screenshot({ path: path.join(artifacts, 'quiz-answer-sheet.png') });
    await attempt.getByLabel('第3题未答').click();
    await answerVisible(false);
    await attempt.getByText('下一题').click();
    await answerVisible(false);

    await attempt.locator('.attempt__nav').getByText('交卷').click();
    const modal = page.locator('.taro__modal');
    await modal.getByText('确认交卷').waitFor({ timeout: 5000 });
    await page.waitForTimeout(500); // let the modal finish fading in before the screenshot
    await page.screenshot({ path: path.join(artifacts, 'quiz-confirm.png') });
    const before = responses.filter((r) => !r.afterSubmit);
    await modal.getByText('交卷', { exact: true }).click();

    const result = page.locator('.result');
    await result.getByText('逐题解析').waitFor({ timeout: 10_000 });
    const text = await result.innerText();
    assert.match(text, /75\s*分/);
    assert.ok(text.includes('合格'), 'pass shown');
    assert.ok(text.includes('答对 3 / 4 题'), 'right count shown');
    assert.ok(text.includes('获得积分 +2'), 'points shown');
    for (const q of bank) assert.ok(text.includes(q.explanation), `explanation of ${q.id} shown`);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(artifacts, 'quiz-result.png'), fullPage: true });

    // What the browser received before submitting: papers without answers or explanations.
    const paperResponses = before.filter((r) => /\/attempts/.test(r.url));
    assert.ok(paperResponses.length >= 2, 'the paper was loaded (and loaded again after the reload)');
    for (const r of before) {
      let json;
      try {
        json = JSON.parse(r.body);
      } catch {
        continue;
      }
      const keys = keysOf(json);
      assert.ok(!keys.has('answer') && !keys.has('explanation'), `${r.url} carried answer keys`);
      for (const q of bank) assert.ok(!r.body.includes(q.explanation), `${r.url} carried an explanation`);
    }
    const submit = responses.find((r) => r.url.endsWith('/submit'));
    assert.ok(submit && submit.body.includes(bank[0].explanation), 'the explanations came with the result');
    assert.deepEqual(failures, []);
    await context.close();
  });

  test('a secretary reads the quiz statistics and the bank from 管理', async () => {
    const secretary = accounts.find((a) => a.roles.includes('secretary') && a.branchName === '机关第一党支部');
    const context = await phone.newPhone();
    const page = await context.newPage();
    const failures = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await page.goto(product.baseUrl);
    await page.getByText(secretary.name, { exact: true }).first().click();
    await page.locator('.home').waitFor({ timeout: 20_000 });
    await page.getByText('我的', { exact: true }).last().click();
    await page.locator('.mine').getByText('管理', { exact: true }).click();
    await page.getByText('答题与统计').click();
    const list = page.locator('.manage-quizzes');
    await list.getByText(quiz.title, { exact: false }).first().click();
    // The quiz's own page (edit, extend, close, who has not taken it) leads to its statistics.
    await page.getByText('查看统计', { exact: true }).first().click();
    const stats = page.locator('.stats');
    await stats.getByText('各支部参与情况').waitFor({ timeout: 10_000 });
    const text = await stats.innerText();
    assert.ok(text.includes('机关第一党支部'));
    assert.match(text, /参与率 \d+%（1\/12 人）/);
    assert.match(text, /合格率 100%（1\/1 人）/);
    await page.waitForTimeout(500); // the H5 router slides pages in
    await page.screenshot({ path: path.join(artifacts, 'quiz-stats.png'), fullPage: true });
    await page.goBack();
    await page.goBack();
    await page.goBack();
    await page.getByText('题库', { exact: true }).first().click();
    const bankPage = page.locator('.manage-bank');
    await bankPage.getByText(/共 \d+ 道题/).waitFor({ timeout: 10_000 });
    assert.match(await bankPage.innerText(), /共 19\d 道题/);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(artifacts, 'quiz-bank.png') });
    assert.deepEqual(failures, []);
    await context.close();
  });
});
