// Issue #15: the app shows China time (UTC+8) whatever the device's zone. The browser runs in
// America/Los_Angeles (harness.mjs); a secretary schedules a 主题党日 at 14:30 China time and a
// member's 首页, the activity's page and the volunteer form are compared with the API's instants,
// converted to China time here without the app's code.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { PHONE_TIMEZONE, artifacts, launchPhone, startProduct, shutDown } from './harness.mjs';

const HOUR = 3_600_000;
const WEEKDAY = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const pad = (n) => String(n).padStart(2, '0');

/** The China wall clock at an instant (ISO string or epoch ms). */
function china(value) {
  const d = new Date((typeof value === 'number' ? value : Date.parse(value)) + 8 * HOUR);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: WEEKDAY[d.getUTCDay()],
    hour: d.getUTCHours(),
    hm: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
    date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
  };
}

/** 首页's activity line: 12月10日 周四 14:30–16:30 (the year only when it is not this year). */
function activityTime(a) {
  const s = china(a.startsAt);
  const e = china(a.endsAt);
  const day = s.year === china(Date.now()).year ? `${s.month}月${s.day}日` : `${s.year}年${s.month}月${s.day}日`;
  const end = s.date === e.date ? e.hm : `${e.month}月${e.day}日 ${e.hm}`;
  return `${day} ${s.weekday} ${s.hm}–${end}`;
}

function greetingAt(hour) {
  if (hour < 5) return '晚上好';
  if (hour < 9) return '早上好';
  if (hour < 11) return '上午好';
  if (hour < 13) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

describe('China time in a browser in America/Los_Angeles', () => {
  let product;
  let phone;
  let accounts;
  const as = async (memberId, method, url, body) => {
    const { token } = await product.api('POST', '/api/auth/demo', { body: { memberId } });
    return product.api(method, url, { token, body });
  };

  before(async () => {
    product = await startProduct();
    phone = await launchPhone();
    accounts = (await product.api('GET', '/api/auth/demo-accounts')).accounts;
  });
  after(() => shutDown(phone, product));

  test('首页, the activity page and the volunteer form show the API’s times on China’s clock', async () => {
    const branchName = '机关第一党支部';
    const secretary = accounts.find((a) => a.roles.includes('secretary') && a.branchName === branchName);
    const member = accounts.find((a) => a.roles.length === 1 && a.roles[0] === 'member' && a.branchName === branchName);
    assert.ok(secretary && member, `the demo has a secretary and a member of ${branchName}`);

    // The next 14:30 in China at least an hour away: 22:30 or 23:30 the day before in Los Angeles.
    const now = china(Date.now());
    let startsAt = Date.parse(`${now.date}T14:30:00+08:00`);
    if (startsAt < Date.now() + HOUR) startsAt += 24 * HOUR;
    const secretaryMe = await as(secretary.memberId, 'GET', '/api/me');
    const created = await as(secretary.memberId, 'POST', `/api/branches/${secretaryMe.branch.id}/activities`, {
      type: 'theme_day',
      title: '主题党日：时区检查',
      topic: '学习党章',
      place: '机关大楼三楼会议室',
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 2 * HOUR).toISOString(),
    });
    assert.ok(created.id, JSON.stringify(created));
    assert.equal(china(created.startsAt).hm, '14:30');

    const upcoming = (await as(member.memberId, 'GET', '/api/me/activities?when=upcoming')).items.slice(0, 3);
    assert.ok(
      upcoming.some((a) => a.id === created.id),
      'the new activity is among the member’s next three',
    );

    const context = await phone.newPhone();
    const page = await context.newPage();
    const failures = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await page.goto(product.baseUrl);
    const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    assert.equal(zone, PHONE_TIMEZONE, 'the browser runs far from China');
    await page.getByText(member.name, { exact: true }).first().click();

    const hourBefore = china(Date.now()).hour;
    const cards = page.locator('.home__activity');
    await cards.filter({ hasText: created.title }).waitFor({ timeout: 20_000 });
    const greeting = await page.locator('.home__greeting').innerText();
    const hourAfter = china(Date.now()).hour;
    const greetings = [greetingAt(hourBefore), greetingAt(hourAfter)];
    assert.ok(
      greetings.some((g) => greeting.startsWith(`${g}，`)),
      `the greeting "${greeting}" follows China's hour (${hourBefore}:xx: ${greetings[0]})`,
    );

    for (const activity of upcoming) {
      const card = await cards.filter({ hasText: activity.title }).first().innerText();
      const expected = activityTime(activity);
      assert.ok(
        card.includes(`${expected} · ${activity.place}`),
        `首页 shows "${expected}" for ${activity.title}: ${card}`,
      );
    }
    const ours = await cards.filter({ hasText: created.title }).innerText();
    assert.ok(ours.includes(' 14:30–16:30 · '), `the 主题党日 shows 14:30–16:30: ${ours}`);
    await page.screenshot({ path: path.join(artifacts, 'home-china-time.png') });

    await cards.filter({ hasText: created.title }).click();
    const detail = page.locator('.activity-detail');
    await detail.getByText(activityTime(created), { exact: true }).waitFor({ timeout: 15_000 });
    const window = `${china(created.checkinOpensAt).hm} 起，${china(created.lateAfter).hm} 后记为迟到`;
    assert.ok((await detail.innerText()).includes(window), `the activity page shows the check-in window ${window}`);
    await page.screenshot({ path: path.join(artifacts, 'activity-china-time.png') });

    // The volunteer form starts on China's today (a day ahead of Los Angeles until 16:00 in China).
    await page.goto(`${product.baseUrl}/#/packages/volunteer/pages/log/index`);
    const today = china(Date.now());
    const form = page.locator('.volunteer-log');
    await form.getByText(`${today.year}年${today.month}月${today.day}日`, { exact: true }).waitFor({ timeout: 15_000 });

    assert.deepEqual(failures, []);
    await context.close();
  });
});
