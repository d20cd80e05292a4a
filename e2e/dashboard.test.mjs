/* global document */
// A branch secretary's dashboard in Chromium: the figures on screen match what this test
// computes straight from the database, 需关注 lists a member who never took part, and the
// downloaded ledger reads back with the branch's activities.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { artifacts, launchPhone, startProduct, shutDown } from './harness.mjs';

const CST = 8 * 3600 * 1000;

/** [start, end) of this CST calendar year, in epoch ms. */
function thisYear() {
  const year = new Date(Date.now() + CST).getUTCFullYear();
  return { year, from: Date.UTC(year, 0, 1) - CST, to: Date.UTC(year + 1, 0, 1) - CST };
}

/** Waits until the newest H5 page has finished sliding in (Taro marks it stationed). */
const settled = (page) =>
  page.waitForFunction(
    () => document.querySelector('.taro_page:last-of-type')?.classList.contains('taro_page_stationed'),
    null,
    {
      timeout: 10_000,
    },
  );

const percent = (part, whole) => `${(Math.round((part / whole) * 1000) / 10).toFixed(1)}%`;

describe('dashboard in Chromium (390x844)', () => {
  let product;
  let phone;
  let secretary;
  let expected;

  before(async () => {
    product = await startProduct();
    phone = await launchPhone();
    const { accounts } = await product.api('GET', '/api/auth/demo-accounts');
    secretary = accounts.find((a) => a.roles.includes('secretary') && a.branchName === '机关第一党支部');
    assert.ok(secretary, 'the demo has a secretary of 机关第一党支部');

    // The figures, computed from the rows, and a member added today who has not taken part yet.
    const db = new Database(product.dbPath);
    db.pragma('busy_timeout = 5000');
    const branch = db.prepare('select id, org_id from branches where name = ?').get('机关第一党支部');
    const { year, from, to } = thisYear();
    db.prepare(
      `insert into members (org_id, branch_id, name, phone, gender, political_status, employment, joined_party_on, active, created_at)
       values (?, ?, '新党员', '13900000000', 'F', 'probationary', 'in_service', null, 1, ?)`,
    ).run(branch.org_id, branch.id, Date.now());
    const members = db.prepare('select count(*) n from members where branch_id = ? and active = 1').get(branch.id).n;
    const invitations = db
      .prepare(
        `select at.status from activities a
           join activity_invitees i on i.activity_id = a.id
           join members m on m.id = i.member_id
           left join attendance at on at.activity_id = a.id and at.member_id = i.member_id
          where m.branch_id = ? and a.status = 'closed' and a.starts_at >= ? and a.starts_at < ?`,
      )
      .all(branch.id, from, to);
    const held = db
      .prepare(
        `select distinct a.id, a.title, a.starts_at from activities a
           join activity_invitees i on i.activity_id = a.id join members m on m.id = i.member_id
          where m.branch_id = ? and a.status = 'closed' and a.starts_at >= ? and a.starts_at < ?
          order by a.starts_at, a.id`,
      )
      .all(branch.id, from, to);
    const attended = invitations.filter((r) => r.status === 'present' || r.status === 'late').length;
    const hours = db
      .prepare(
        `select coalesce(sum(v.hours), 0) h from volunteer_records v join members m on m.id = v.member_id
          where m.branch_id = ? and v.status = 'approved' and v.served_on >= ? and v.served_on <= ?`,
      )
      .get(branch.id, `${year}-01-01`, `${year}-12-31`).h;
    const newest = held.at(-1);
    const invitees = db
      .prepare(
        `select m.name from activity_invitees i join members m on m.id = i.member_id
          where i.activity_id = ? order by m.branch_id, m.id`,
      )
      .all(newest.id)
      .map((r) => r.name);
    db.close();
    expected = {
      newest: { title: newest.title, invitees },
      year,
      members,
      held,
      rate: percent(attended, invitations.length),
      attendedOfInvited: `${attended} / ${invitations.length} 人次`,
      hours: `${Math.round(hours * 10) / 10} 小时`,
    };
  });
  after(() => shutDown(phone, product));

  test('the secretary opens the dashboard, 需关注 and downloads the ledger', async () => {
    const context = await phone.newPhone();
    const page = await context.newPage();
    const failures = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await page.goto(product.baseUrl);
    await page.getByText(secretary.name, { exact: true }).first().click();
    await page.locator('.home').waitFor({ timeout: 20_000 });

    await page.getByText('我的', { exact: true }).last().click();
    await page.locator('.mine').getByText('管理', { exact: true }).click();
    await page.getByText('数据看板与台账', { exact: true }).click();

    const dashboard = page.locator('.dashboard');
    await dashboard.getByText(expected.attendedOfInvited).waitFor({ timeout: 20_000 });
    const text = await dashboard.innerText();
    assert.ok(text.includes(`${expected.members} 人`), `shows ${expected.members} members`);
    assert.ok(text.includes(`${expected.held.length} 次`), `shows ${expected.held.length} activities`);
    assert.ok(text.includes(expected.rate), `shows the attendance rate ${expected.rate}`);
    assert.ok(text.includes(expected.hours), `shows ${expected.hours} of volunteer service`);
    assert.ok(text.includes(`${expected.year}年`), 'shows the period');
    // Both charts were drawn: their canvases hold non-blank pixels.
    const inkOf = () =>
      page.$$eval('.xf-f2-chart canvas', (canvases) =>
        canvases.map((c) => {
          const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let ink = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
          return ink;
        }),
      );
    await page
      .waitForFunction(
        () => [...document.querySelectorAll('.xf-f2-chart canvas')].filter((c) => c.width > 0).length === 2,
        null,
        { timeout: 10_000 },
      )
      .catch(() => undefined);
    let ink = await inkOf();
    for (let i = 0; i < 20 && !(ink.length === 2 && ink.every((n) => n > 500)); i++) {
      await page.waitForTimeout(250);
      ink = await inkOf();
    }
    assert.equal(ink.length, 2, 'two charts');
    assert.ok(
      ink.every((n) => n > 500),
      `both charts have content (${ink})`,
    );
    // The H5 page scrolls inside its own container: one screenshot per screenful.
    await settled(page);
    await page.screenshot({ path: path.join(artifacts, 'dashboard-secretary.png') });
    await page.locator('.xf-f2-chart').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'dashboard-secretary-charts.png') });
    await dashboard.getByText('待办', { exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'dashboard-secretary-pending.png') });

    await dashboard.getByText('需关注', { exact: true }).click();
    const attention = page.locator('.attention');
    await attention.getByText('新党员', { exact: true }).waitFor({ timeout: 10_000 });
    const attentionText = await attention.innerText();
    assert.ok(attentionText.includes('还没有参与记录'), 'the new member has no participation yet');
    assert.ok(!attentionText.includes(secretary.name), 'the active secretary is not listed');
    await settled(page);
    await page.screenshot({ path: path.join(artifacts, 'dashboard-attention.png') });
    await page.goBack();

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 20_000 }),
      page.locator('.dashboard').getByText(`导出台账（${expected.year}年）`).click(),
    ]);
    assert.equal(download.suggestedFilename(), `机关第一党支部台账_${expected.year}年.xlsx`);
    const file = path.join(artifacts, 'ledger-secretary.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    assert.deepEqual(
      workbook.worksheets.map((s) => s.name),
      ['活动签到台账', '会议记录', '答题情况', '志愿服务台账', '积分明细'],
    );
    const sheet = workbook.getWorksheet('活动签到台账');
    assert.equal(sheet.rowCount, 1 + expected.held.length, 'one row per activity held this year');
    expected.held.forEach((a, i) => {
      assert.equal(sheet.getRow(2 + i).getCell(3).value, a.title);
      assert.equal(
        sheet
          .getRow(2 + i)
          .getCell(1)
          .value.getTime(),
        a.starts_at + CST,
      );
    });

    // The newest activity's printable sign-in sheet lists every invitee in order.
    await page.locator('.dashboard').getByText(expected.newest.title, { exact: true }).first().click();
    const signIn = page.locator('.sign-in-sheet');
    await signIn.getByText('打印签到表').waitFor({ timeout: 10_000 });
    await settled(page);
    const names = await signIn.locator('.sign-in-sheet__cell--name').allInnerTexts();
    assert.deepEqual(names, ['姓名', ...expected.newest.invitees]);
    assert.ok((await signIn.innerText()).includes(expected.newest.title));
    await page.screenshot({ path: path.join(artifacts, 'dashboard-sign-in-sheet.png') });
    assert.deepEqual(failures, []);
    await context.close();
  });

  test('the org admin sees the branches side by side in a fixed order, not ranked', async () => {
    const { accounts } = await product.api('GET', '/api/auth/demo-accounts');
    const admin = accounts.find((a) => a.roles.includes('org_admin'));
    const db = new Database(product.dbPath, { readonly: true });
    const branchNames = db
      .prepare('select name from branches where org_id = (select org_id from members where id = ?) order by id')
      .all(admin.memberId)
      .map((b) => b.name);
    db.close();
    const context = await phone.newPhone();
    const page = await context.newPage();
    const failures = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await page.goto(product.baseUrl);
    await page.getByText(admin.name, { exact: true }).first().click();
    await page.locator('.home').waitFor({ timeout: 20_000 });
    await page.getByText('我的', { exact: true }).last().click();
    await page.locator('.mine').getByText('管理', { exact: true }).click();
    await page.getByText('数据看板与台账', { exact: true }).click();
    const comparison = page.locator('.dashboard__comparison');
    await comparison.locator('.dashboard__branch-name').first().waitFor({ timeout: 20_000 });
    assert.deepEqual(await comparison.locator('.dashboard__branch-name').allInnerTexts(), branchNames);
    await settled(page);
    await comparison.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'dashboard-org-admin.png') });
    assert.deepEqual(failures, []);
    await context.close();
  });
});
