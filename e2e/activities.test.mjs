/* global document */
// Check-in in two browsers: the secretary opens the check-in screen, a member types the code
// shown there, the secretary's screen shows the member within seconds and the member's points
// rise by the rule's amount; a code read more than 30 s earlier is refused in Chinese.
//
// The stale code: the server runs with XF_TEST_CLOCK=1 (accepted only outside production),
// which registers PUT /api/test/clock. The test moves the server's check-in clock 31 s ahead
// instead of sleeping; the code, the 15 s step and the 30 s limit are the real ones.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import jsQR from 'jsqr';
import { artifacts, launchPhone, startProduct, shutDown } from './harness.mjs';

const MIN = 60_000;
const iso = (ms) => new Date(ms).toISOString();

describe('check-in with the 6-digit code (two phones)', () => {
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
    product = await startProduct({ env: { XF_TEST_CLOCK: '1' } });
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

  /**
   * Types a code into the detail page until the page has taken it (the 确认签到 button turns
   * active): Taro's H5 input may attach its listener a moment after it is drawn.
   */
  async function typeCode(page, readCode) {
    const input = page.locator('.activity-detail__code input');
    const button = page.locator('.activity-detail__checkin [role="button"]').filter({ hasText: '确认签到' });
    await input.waitFor({ timeout: 15_000 });
    for (let attempt = 0; attempt < 20; attempt++) {
      const code = await readCode();
      await input.fill(code);
      if ((await button.getAttribute('aria-disabled')) === 'false') return code;
      await page.waitForTimeout(250);
    }
    throw new Error('the code input never took the code');
  }

  /** Members of the branch with room under this year's 主题党日 cap, so a check-in pays. */
  async function membersWithRoom(branchName, cap) {
    const found = [];
    for (const account of accounts.filter(
      (a) => a.branchName === branchName && a.roles.length === 1 && a.roles[0] === 'member',
    )) {
      const past = await as(account.memberId, 'GET', '/api/me/activities?when=past');
      const attended = past.items.filter(
        (i) => i.type === 'theme_day' && (i.myStatus === 'present' || i.myStatus === 'late'),
      ).length;
      if (attended < cap) found.push(account);
      if (found.length === 3) break;
    }
    return found;
  }

  test('the secretary sees the member check in; points rise; a 31-second-old code is refused', async () => {
    const secretary = accounts.find((a) => a.roles.includes('secretary') && a.branchName === '机关第一党支部');
    assert.ok(secretary, 'the demo has a secretary of 机关第一党支部');
    const secretaryMe = await as(secretary.memberId, 'GET', '/api/me');
    const rules = await as(secretary.memberId, 'GET', '/api/points/rules');
    const [member, latecomer, scanner] = await membersWithRoom('机关第一党支部', rules.caps.theme_day.year);
    assert.ok(member && latecomer && scanner, 'three members of the branch can still earn 主题党日 points this year');

    const start = Date.now() - 5 * MIN;
    const activity = await as(secretary.memberId, 'POST', `/api/branches/${secretaryMe.branch.id}/activities`, {
      type: 'theme_day',
      title: '主题党日：学习贯彻全会精神',
      topic: '集中学习全会公报，交流学习体会',
      place: '机关大楼三楼会议室',
      startsAt: iso(start),
      endsAt: iso(start + 2 * 60 * MIN),
    });
    assert.ok(activity.id, JSON.stringify(activity));
    const amount = activity.points.amount;
    const pointsBefore = (await as(member.memberId, 'GET', '/api/me')).points.total;

    // The secretary: 我的 -> 管理 -> 活动与签到 -> the activity -> 打开签到大屏.
    const secretaryContext = await phone.newPhone();
    const s = await signIn(secretaryContext, secretary);
    await s.page.getByText('我的', { exact: true }).last().click();
    await s.page.locator('.mine').getByText('管理', { exact: true }).click();
    await s.page.getByText('活动与签到', { exact: true }).click();
    await s.page.locator('.activity-manage').getByText(activity.title, { exact: true }).click();
    await s.page.locator('.activity-roster').getByText('打开签到大屏', { exact: true }).click();
    const codeOnScreen = s.page.locator('.checkin-display__code');
    await codeOnScreen.waitFor({ timeout: 15_000 });
    const inList = s.page.locator('.checkin-display__chip--in');
    assert.equal(await inList.filter({ hasText: member.name }).count(), 0, 'not checked in yet');

    // The member: 首页 -> 近期活动 -> the activity; then types the code the screen shows now.
    const memberContext = await phone.newPhone();
    const m = await signIn(memberContext, member);
    const diag = [];
    m.page.on('request', (r) => r.url().includes('/checkin') && diag.push(['req', Date.now(), r.postData()]));
    m.page.on('response', (r) => r.url().includes('/checkin') && diag.push(['res', Date.now(), r.status()]));
    m.page.on('console', (msg) => diag.push(['console', msg.text().slice(0, 200)]));
    await m.page.locator('.home').getByText(activity.title, { exact: true }).click();
    const code = await typeCode(m.page, async () => (await codeOnScreen.innerText()).trim());
    assert.match(code, /^\d{6}$/);
    await m.page.getByText('确认签到', { exact: true }).click();
    const outcome = m.page.getByText(`已签到，积分 +${amount}`).or(m.page.locator('.activity-detail [role="alert"]'));
    await outcome
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(async (error) => {
        await m.page.screenshot({ path: path.join(artifacts, 'checkin-member-stuck.png') });
        console.error('DIAG', JSON.stringify(diag));
        throw error;
      });
    assert.equal((await outcome.first().innerText()).trim(), `已签到，积分 +${amount}`);
    await m.page.screenshot({ path: path.join(artifacts, 'checkin-member-done.png') });

    await inList.filter({ hasText: member.name }).waitFor({ timeout: 10_000 });
    await s.page.screenshot({ path: path.join(artifacts, 'checkin-display.png'), fullPage: true });
    const pointsAfter = (await as(member.memberId, 'GET', '/api/me')).points.total;
    assert.equal(pointsAfter, pointsBefore + amount, `points rise by the rule's ${amount}`);

    // The QR code on the screen: decoded from its pixels, it names this activity and carries a
    // token the API accepts, as a member's 扫码签到 would send it.
    const qr = await s.page.locator('.xf-qr-code img').evaluate((img) => {
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const context = canvas.getContext('2d');
      context.drawImage(img, 0, 0);
      const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
      return { data: Array.from(data), width, height };
    });
    const decoded = jsQR(Uint8ClampedArray.from(qr.data), qr.width, qr.height);
    assert.ok(decoded, 'the QR code on the check-in screen decodes');
    const scanned = new RegExp(`^https?://[^/]+/c/${activity.id}/([A-Za-z0-9_-]+)$`).exec(decoded.data);
    assert.ok(scanned, `the QR code names the activity: ${decoded.data}`);
    const byScan = await as(scanner.memberId, 'POST', `/api/activities/${activity.id}/checkin`, { token: scanned[1] });
    assert.equal(byScan.attendance.method, 'qr', JSON.stringify(byScan));

    // A code read now, typed when it is 31 seconds old.
    const oldCode = (await codeOnScreen.innerText()).trim();
    const l = await signIn(await phone.newPhone(), latecomer);
    await l.page.locator('.home').getByText(activity.title, { exact: true }).click();
    await typeCode(l.page, async () => oldCode);
    await product.api('PUT', '/api/test/clock', { body: { offsetMs: 31_000 } });
    await l.page.getByText('确认签到', { exact: true }).click();
    const alert = l.page.locator('.activity-detail [role="alert"]');
    await alert.waitFor({ timeout: 10_000 });
    assert.equal((await alert.innerText()).trim(), '签到码已过期，请输入屏幕上最新的签到码');
    await l.page.screenshot({ path: path.join(artifacts, 'checkin-stale-code.png') });
    await product.api('PUT', '/api/test/clock', { body: { offsetMs: 0 } });
    const latecomerDetail = await as(latecomer.memberId, 'GET', `/api/activities/${activity.id}`);
    assert.equal(latecomerDetail.myStatus, 'pending', 'the stale code recorded nothing');

    // The roster, as the secretary goes back to it.
    await s.page.goBack();
    await s.page.locator('.activity-roster').getByText(member.name, { exact: true }).waitFor({ timeout: 10_000 });
    await s.page.screenshot({ path: path.join(artifacts, 'checkin-roster.png'), fullPage: true });

    assert.deepEqual(s.failures, []);
    assert.deepEqual(m.failures, []);
    assert.deepEqual(l.failures, []);
  });
});
