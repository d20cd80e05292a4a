/* global document, window, getComputedStyle, Node */
// Every member page, as an older member meets it: on a 390px phone, a 320px phone, with the
// browser's text at 130%, and with 大字 switched on in 我的 on a 320px phone. Each page fails on
// horizontal overflow, text that sticks out of its box or is cut off, visible text under 12px,
// tap targets under 44×44 px, and short labels (≤ 6 characters) broken over two lines.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, launchPhone, startProduct, shutDown } from './harness.mjs';

const DAY = 86_400_000;
const MIN = 60_000;

/** Runs in the page: what is wrong with the visible page's layout, as readable lines. */
function layoutProblems() {
  const vw = window.innerWidth;
  const problems = [];
  const pages = [...document.querySelectorAll('.taro_page')].filter((p) => getComputedStyle(p).display !== 'none');
  const root = pages[pages.length - 1];
  if (!root) return ['no visible page'];
  const scopes = [root, ...document.querySelectorAll('.taro-tabbar__tabbar')].filter(
    (el) => getComputedStyle(el).display !== 'none',
  );
  const visible = (el) => {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) return false;
    const rect = el.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0;
  };
  const ownText = (el) =>
    [...el.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent)
      .join('')
      .trim();
  const name = (el) => {
    const text = (el.innerText || el.getAttribute('aria-label') || el.getAttribute('placeholder') || '').trim();
    return `<${el.tagName.toLowerCase()} class="${el.className}"> "${text.replace(/\s+/g, ' ').slice(0, 30)}"`;
  };
  /** Lines a piece of text occupies, by the distinct tops of its line boxes. */
  const lineCount = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = new Set();
    for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top + r.height / 2));
    // Lines of one box are at least half a line apart.
    const sorted = [...tops].sort((a, b) => a - b);
    const size = parseFloat(getComputedStyle(el).fontSize);
    let lines = sorted.length ? 1 : 0;
    for (let i = 1; i < sorted.length; i++) if (sorted[i] - sorted[i - 1] > size * 0.5) lines++;
    return lines;
  };

  for (const item of document.querySelectorAll('.weui-tabbar__item')) {
    const bar = item.closest('.weui-tabbar')?.getBoundingClientRect();
    const rect = item.getBoundingClientRect();
    if (bar && (rect.top < bar.top - 1 || rect.bottom > bar.bottom + 1 || rect.bottom > window.innerHeight + 1)) {
      problems.push(
        `tab bar item cut off (${Math.round(rect.top)}–${Math.round(rect.bottom)}px in a bar at ${Math.round(bar.top)}–${Math.round(bar.bottom)}px)`,
      );
    }
  }
  if (document.documentElement.scrollWidth > vw + 1) {
    problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}px wide in ${vw}px`);
  }
  for (const scope of scopes) {
    for (const el of [scope, ...scope.querySelectorAll('*')]) {
      if (!visible(el)) continue;
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      const text = ownText(el);
      const isField = el.tagName === 'INPUT' || el.tagName === 'TEXTAREA';
      if (rect.right > vw + 1 || rect.left < -1) {
        // Only report the outermost offender.
        const parent = el.parentElement?.getBoundingClientRect();
        if (!parent || !(parent.right > vw + 1 || parent.left < -1)) {
          problems.push(`overflows the screen (${Math.round(rect.left)}–${Math.round(rect.right)}px): ${name(el)}`);
        }
      }
      if (text || isField) {
        const size = parseFloat(style.fontSize);
        if (size < 11.95) problems.push(`text of ${size.toFixed(1)}px: ${name(el)}`);
        if (isField && el.placeholder && !el.value) {
          const placeholder = parseFloat(getComputedStyle(el, '::placeholder').fontSize);
          if (placeholder < 15.95) problems.push(`placeholder of ${placeholder.toFixed(1)}px: ${name(el)}`);
        }
        if (isField && size < 15.95) problems.push(`field text of ${size.toFixed(1)}px: ${name(el)}`);
      }
      if (text && style.display !== 'inline') {
        if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
          problems.push(`text cut off (${el.scrollWidth}px in ${el.clientWidth}px): ${name(el)}`);
        }
        const box = el.parentElement?.getBoundingClientRect();
        if (box && box.width > 0 && (rect.left < box.left - 1 || rect.right > box.right + 1)) {
          problems.push(
            `text sticks out of its box (${Math.round(rect.width)}px in ${Math.round(box.width)}px): ${name(el)}`,
          );
        }
      }
      const label = (el.innerText || '').replace(/\s+/g, '');
      const compact = label.length > 0 && label.length <= 6 && (text || el.children.length > 0);
      const wholeText = style.display !== 'inline' || (el.parentElement?.innerText || '').trim() === label;
      if (compact && text && wholeText && lineCount(el) > 1) {
        problems.push(`short label wraps onto ${lineCount(el)} lines: ${name(el)}`);
      }
      const tappable =
        ['button', 'link', 'tab', 'switch', 'radio', 'checkbox', 'option'].includes(el.getAttribute('role')) ||
        el.classList.contains('weui-tabbar__item') ||
        // A field's drawn box is its tap target (the app focuses the field on a tap anywhere in it).
        /^TARO-(INPUT|TEXTAREA)-CORE$/.test(el.tagName);
      if (tappable && (rect.height < 43.5 || rect.width < 43.5)) {
        problems.push(`tap target ${Math.round(rect.width)}×${Math.round(rect.height)}px: ${name(el)}`);
      }
    }
  }
  return [...new Set(problems)];
}

describe('every member page on small phones and with large text (Chromium)', () => {
  let product;
  let phone;
  let member;
  let secretary;
  let token;
  const urls = {};

  before(async () => {
    product = await startProduct();
    phone = await launchPhone();
    const accounts = (await product.api('GET', '/api/auth/demo-accounts')).accounts;
    member = accounts.find((a) => a.roles.length === 1 && a.roles[0] === 'member' && a.branchName === '机关第一党支部');
    secretary = accounts.find((a) => a.roles.includes('secretary') && a.branchName === '机关第一党支部');
    const as = async (who) => (await product.api('POST', '/api/auth/demo', { body: { memberId: who.memberId } })).token;
    const secretaryToken = await as(secretary);
    token = await as(member);
    const branchId = (await product.api('GET', '/api/me', { token: secretaryToken })).branch.id;

    const activity = async (title, startsIn) => {
      const start = Date.now() + startsIn;
      const created = await product.api('POST', `/api/branches/${branchId}/activities`, {
        token: secretaryToken,
        body: {
          type: 'theme_day',
          title,
          topic: '学习党章，交流心得体会',
          place: '机关大楼三楼会议室',
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(start + 120 * MIN).toISOString(),
        },
      });
      assert.ok(created.id, JSON.stringify(created));
      return created.id;
    };
    // Check-in open now (it opens 30 minutes before the start), one next week, one with leave asked.
    urls.checkIn = `/packages/activities/pages/detail/index?id=${await activity('主题党日：重温入党誓词', 10 * MIN)}`;
    urls.future = `/packages/activities/pages/detail/index?id=${await activity('党课：新时代的党建工作', 7 * DAY)}`;
    const leaveId = await activity('支部学习：廉政教育专题', 3 * DAY);
    await product.api('POST', `/api/activities/${leaveId}/leave`, { token, body: { reason: '出差在外，无法参加' } });
    urls.leave = `/packages/activities/pages/detail/index?id=${leaveId}`;
    urls.display = `/packages/activities/pages/display/index?id=${urls.checkIn.split('=')[1]}`;

    const questions = (await product.api('GET', '/api/questions?limit=4', { token: secretaryToken })).items;
    const quiz = async (title) =>
      product.api('POST', '/api/quizzes', {
        token: secretaryToken,
        body: {
          title,
          kind: 'exam',
          branchId,
          questionIds: questions.map((q) => q.id),
          timeLimitMinutes: 20,
          passMark: 60,
          maxAttempts: 2,
          opensAt: new Date(Date.now() - MIN).toISOString(),
          closesAt: new Date(Date.now() + DAY).toISOString(),
        },
      });
    const done = await quiz('版式测试：已交卷的测验');
    const attempt = await product.api('POST', `/api/quizzes/${done.id}/attempts`, { token });
    const attemptId = attempt.attemptId ?? attempt.id;
    await product.api('POST', `/api/attempts/${attemptId}/submit`, { token, body: { answers: [] } });
    urls.result = `/packages/study/pages/result/index?attemptId=${attemptId}`;
    urls.attempt = `/packages/study/pages/attempt/index?quizId=${(await quiz('版式测试：党章知识测验')).id}`;

    // An objection on the member's newest entry, so 我的积分 shows the objections list too.
    const entries = await product.api('GET', '/api/me/points/entries', { token });
    const entry = (entries.items ?? [])[0];
    if (entry) {
      await product.api('POST', `/api/points/entries/${entry.id}/objections`, {
        token,
        body: { reason: '这次活动我按时到场了，请核实签到记录' },
      });
    }

    const records = await product.api('GET', '/api/me/volunteer', { token });
    const record = (records.items ?? records.records ?? [])[0];
    urls.record = record ? `/packages/volunteer/pages/record/index?id=${record.id}` : null;
  });
  after(() => shutDown(phone, product));

  const pages = () => [
    ['home', '/pages/index/index', '.home'],
    ['check-in', urls.checkIn, '.activity-detail'],
    ['future activity', urls.future, '.activity-detail'],
    ['leave', urls.leave, '.activity-detail'],
    ['activities', '/packages/activities/pages/list/index', '.xf-page'],
    ['study', '/pages/study/index', '.study'],
    ['quiz', urls.attempt, '.attempt'],
    ['quiz result', urls.result, '.xf-page'],
    ['practice', '/packages/study/pages/practice/index', '.xf-page'],
    ['mistakes', '/packages/study/pages/wrong-book/index', '.xf-page'],
    ['volunteer', '/pages/volunteer/index', '.volunteer'],
    ['volunteer log', '/packages/volunteer/pages/log/index', '.xf-page'],
    ['volunteer record', urls.record, '.xf-page'],
    ['my points and objections', '/packages/points/pages/mine/index', '.xf-page'],
    ['points changes', '/packages/points/pages/changes/index', '.xf-page'],
    ['points rules', '/packages/points/pages/rules/index', '.xf-page'],
    ['ranking', '/packages/points/pages/ranking/index', '.xf-page'],
    ['mine', '/pages/mine/index', '.mine'],
  ];

  /** Opens each page, waits for it to settle, screenshots it and collects its problems. */
  async function walk(page, variant, list = pages()) {
    const found = [];
    for (const [label, url, ready] of list) {
      if (!url) continue;
      await page.goto(`${product.baseUrl}/#${url}`);
      const shown = page.locator(`.taro_page:visible ${ready}`).first();
      try {
        await shown.waitFor({ timeout: 30_000 });
        // Loading states and the slide-in settle before measuring.
        await page.waitForFunction(
          () =>
            !document.querySelector('.taro_page:not([style*="display: none"]) .xf-page-state[aria-busy="true"]') &&
            [...document.querySelectorAll('.taro_page')].every(
              (p) => Math.round(p.getBoundingClientRect().left) === 0 || getComputedStyle(p).display === 'none',
            ),
          null,
          { timeout: 20_000 },
        );
      } catch (error) {
        await page.screenshot({
          path: path.join(artifacts, `layout-${variant}-${label.replace(/\s+/g, '-')}-stuck.png`),
        });
        found.push(`${label}: did not finish loading (${error.message.split('\n')[0]})`);
        continue;
      }
      await page.waitForTimeout(300);
      const problems = await page.evaluate(layoutProblems);
      for (const problem of problems) found.push(`${label}: ${problem}`);
      // For the eye: unfold the page's own scroll box so the screenshot shows all of it.
      await page.evaluate(() => {
        for (const el of document.querySelectorAll('.taro_page, .taro-tabbar__panel, .taro-tabbar__container, #app')) {
          el.style.height = 'auto';
          el.style.overflow = 'visible';
        }
      });
      await page.screenshot({
        path: path.join(artifacts, `layout-${variant}-${label.replace(/\s+/g, '-')}.png`),
        fullPage: true,
      });
      // The next page opens in the same document (a hash change): fold it back.
      await page.evaluate(() => {
        for (const el of document.querySelectorAll('.taro_page, .taro-tabbar__panel, .taro-tabbar__container, #app')) {
          el.style.removeProperty('height');
          el.style.removeProperty('overflow');
        }
      });
    }
    return found;
  }

  async function signedInPhone(viewport, { textPercent, account = member } = {}) {
    const context = await phone.newContext({ viewport, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const failures = [];
    page.on('pageerror', (e) => failures.push(e.message));
    if (textPercent) {
      // The reader's own browser setting: default text size at 130% (16px → 20.8px).
      const cdp = await context.newCDPSession(page);
      await cdp.send('Page.enable');
      // Whole pixels only: 130% of 16px is drawn as 21px (131%).
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: Math.round((16 * textPercent) / 100), fixed: 13 } });
    }
    await page.goto(product.baseUrl);
    await page.getByText(account.name, { exact: true }).first().click();
    await page.locator('.home').waitFor({ timeout: 30_000 });
    return { context, page, failures };
  }

  const variants = [
    ['390', { width: 390, height: 844 }, {}],
    ['320', { width: 320, height: 640 }, {}],
    ['390-text130', { width: 390, height: 844 }, { textPercent: 130 }],
  ];
  for (const [variant, viewport, options] of variants) {
    test(`every member page holds at ${variant}`, async () => {
      const { context, page, failures } = await signedInPhone(viewport, options);
      if (options.textPercent) {
        const scale = await page.evaluate(() =>
          getComputedStyle(document.documentElement).getPropertyValue('--xf-text-scale').trim(),
        );
        assert.ok(Number(scale) >= 1.3, `the app follows the browser text size (scale ${scale})`);
      }
      const problems = await walk(page, variant);
      assert.deepEqual(problems, [], `layout problems at ${variant}:\n${problems.join('\n')}`);
      assert.deepEqual(failures, []);
      await context.close();
    });
  }

  test('大字 switched on in 我的 makes text larger, survives a reload, and every page holds at 320px', async () => {
    const { context, page, failures } = await signedInPhone({ width: 320, height: 640 });
    await page.goto(`${product.baseUrl}/#/pages/mine/index`);
    const mine = page.locator('.taro_page:visible .mine');
    const toggle = mine.getByRole('switch', { name: '大字' });
    await toggle.waitFor({ timeout: 30_000 });
    const bodySize = () =>
      page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.mine__branch')).fontSize));
    const before = await bodySize();
    assert.equal(await toggle.getAttribute('aria-checked'), 'false');
    await toggle.click();
    await page.waitForFunction(
      () => getComputedStyle(document.documentElement).getPropertyValue('--xf-text-scale').trim() === '1.3',
    );
    assert.equal(await toggle.getAttribute('aria-checked'), 'true');
    const larger = await bodySize();
    assert.ok(larger >= before * 1.29, `text grew from ${before}px to ${larger}px`);
    await page.reload();
    await mine.getByRole('switch', { name: '大字' }).waitFor({ timeout: 30_000 });
    assert.equal(await mine.getByRole('switch', { name: '大字' }).getAttribute('aria-checked'), 'true');

    const problems = await walk(page, '320-large');
    assert.deepEqual(problems, [], `layout problems at 320px with 大字:\n${problems.join('\n')}`);
    assert.deepEqual(failures, []);
    await context.close();
  });

  test('the check-in screen keeps its 6-digit code inside the card, as large as fits', async () => {
    for (const [variant, viewport] of [
      ['390', { width: 390, height: 844 }],
      ['320', { width: 320, height: 640 }],
    ]) {
      const { context, page, failures } = await signedInPhone(viewport, { account: secretary });
      const problems = await walk(page, `${variant}-secretary`, [
        ['check-in screen', urls.display, '.checkin-display__code'],
      ]);
      assert.deepEqual(problems, [], `layout problems at ${variant}:\n${problems.join('\n')}`);
      const { code, card } = await page.evaluate(() => {
        const rect = (selector) => document.querySelector(selector).getBoundingClientRect();
        return { code: rect('.checkin-display__code'), card: rect('.checkin-display__code-box') };
      });
      assert.ok(code.left >= card.left && code.right <= card.right, `code ${code.width}px inside card ${card.width}px`);
      assert.ok(code.width >= card.width * 0.7, `the code fills most of the card (${code.width}px of ${card.width}px)`);
      assert.deepEqual(failures, []);
      await context.close();
    }
  });

  test('首页 offers 去签到 while check-in is open; a pending leave is withdrawn from the activity page', async () => {
    const { context, page, failures } = await signedInPhone({ width: 390, height: 844 });
    const home = page.locator('.taro_page:visible .home');
    await home.getByText('去签到', { exact: true }).click();
    const detail = page.locator('.taro_page:visible .activity-detail');
    await detail.getByLabel('签到码').waitFor({ timeout: 30_000 });
    assert.equal(await detail.getByText('待签到', { exact: true }).count(), 1);

    await page.goto(`${product.baseUrl}/#${urls.leave}`);
    await detail.getByText('请假待审批', { exact: true }).first().waitFor({ timeout: 30_000 });
    await detail.getByText('撤回请假', { exact: true }).click();
    const modal = page.locator('.taro__modal');
    await modal.getByText('撤回后按正常参加活动', { exact: false }).waitFor({ timeout: 10_000 });
    await modal.getByText('撤回', { exact: true }).last().click();
    await detail.getByText('提交请假', { exact: true }).waitFor({ timeout: 30_000 });
    assert.equal(await detail.getByText('请假待审批', { exact: true }).count(), 0);
    await page.screenshot({ path: path.join(artifacts, 'layout-leave-withdrawn.png') });
    const id = urls.leave.split('=')[1];
    const after = await product.api('GET', `/api/activities/${id}`, { token });
    assert.equal(after.myLeaveRequest, null, 'the API no longer holds the request');
    assert.deepEqual(failures, []);
    await context.close();
  });
});
