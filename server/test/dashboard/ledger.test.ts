// The ledger (台账) export, read back with exceljs and checked cell by cell against the inserted rows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { openTestApp, type TestApp } from '../helpers.js';
import { bearer } from '../../../mocks/fixtures.js';
import { buildHistory, type History } from './history.js';
import { heldActivities, membersOf, ratio, Y2025 } from './expected.js';

const TYPE_LABEL: Record<string, string> = {
  theme_day: '主题党日',
  party_lecture: '党课',
  general_meeting: '支部党员大会',
};
/** An instant as the Date exceljs reads back for a cell showing its CST wall-clock time. */
const wallClock = (ms: number) => new Date(ms + 8 * 3600 * 1000);
const values = (sheet: ExcelJS.Worksheet, row: number) => (sheet.getRow(row).values as unknown[]).slice(1);

describe('ledger export (台账 XLSX)', () => {
  let t: TestApp;
  let h: History;
  let workbook: ExcelJS.Workbook;

  before(async () => {
    t = await openTestApp();
    h = await buildHistory(t.handle.db);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/branches/${h.f.branchA}/ledger.xlsx?period=year&date=2025-06-15`,
      headers: await bearer(t.handle.db, h.f.secretaryA),
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''.*\.xlsx/);
    assert.match(decodeURIComponent(String(res.headers['content-disposition'])), /第一党支部台账_2025年\.xlsx/);
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  });
  after(async () => t.close());

  test('five sheets with Chinese headers, frozen header rows and readable widths', () => {
    assert.deepEqual(
      workbook.worksheets.map((s) => s.name),
      ['活动签到台账', '会议记录', '答题情况', '志愿服务台账', '积分明细'],
    );
    for (const sheet of workbook.worksheets) {
      assert.equal(sheet.views[0]?.state, 'frozen', sheet.name);
      assert.equal((sheet.views[0] as { ySplit?: number }).ySplit, 1, sheet.name);
      assert.equal(sheet.getRow(1).font?.bold, true, sheet.name);
      for (let c = 1; c <= sheet.columnCount; c++) {
        assert.ok((sheet.getColumn(c).width ?? 0) >= 8, `${sheet.name} column ${c} is wide enough`);
      }
    }
    assert.deepEqual(values(workbook.getWorksheet('活动签到台账')!, 1), [
      '日期',
      '类型',
      '活动名称',
      '主题 / 学习内容',
      '地点',
      '应到',
      '出席',
      '迟到',
      '请假',
      '缺席',
      '出席率',
      '出席人员',
      '迟到人员',
      '请假人员',
      '缺席人员',
    ]);
    assert.ok((workbook.getWorksheet('会议记录')!.getColumn(8).width ?? 0) >= 40, 'the record column is wide');
  });

  test('every date column is wide enough for its values as Excel shows them (no ####)', () => {
    let dateColumns = 0;
    workbook.eachSheet((sheet) => {
      sheet.columns.forEach((column, i) => {
        let widest = 0;
        column.eachCell?.({ includeEmpty: false }, (cell, row) => {
          if (row === 1 || !(cell.value instanceof Date)) return;
          // What Excel displays: the cell's format filled in (yyyy-mm-dd → 10, yyyy-mm-dd hh:mm → 16 characters).
          widest = Math.max(widest, String(cell.numFmt ?? '').length);
        });
        if (widest === 0) return;
        dateColumns += 1;
        assert.ok(
          (column.width ?? 0) >= widest + 2,
          `${sheet.name} column ${i + 1} (${String(sheet.getRow(1).getCell(i + 1).value)}): width ${column.width} for ${widest}-character dates`,
        );
      });
    });
    assert.ok(dateColumns >= 5, `the ledger has date columns on every sheet (${dateColumns} found)`);
  });

  test('活动签到台账: one row per held activity, oldest first, with counts and names', () => {
    const sheet = workbook.getWorksheet('活动签到台账')!;
    const held = heldActivities(h, 'A', Y2025).sort((a, b) => a.startsAt - b.startsAt);
    assert.equal(sheet.rowCount, 1 + held.length);
    held.forEach((a, i) => {
      const row = sheet.getRow(2 + i);
      const spec = h.activities.find((x) => x.id === a.id)!;
      const names = (s: string) =>
        a.roll
          .filter(([, v]) => (v ?? 'absent') === s)
          .map(([k]) => h.nameOf[k])
          .join('、');
      assert.ok(row.getCell(1).value instanceof Date, 'the date is a real date');
      assert.equal((row.getCell(1).value as Date).getTime(), wallClock(a.startsAt).getTime());
      assert.equal(row.getCell(1).numFmt, 'yyyy-mm-dd hh:mm');
      assert.deepEqual(
        Array.from({ length: 14 }, (_, c) => row.getCell(2 + c).value ?? null),
        [
          TYPE_LABEL[spec.type],
          spec.title,
          spec.topic,
          spec.place,
          a.invited,
          a.present,
          a.late,
          a.leave,
          a.absent,
          ratio(a.present + a.late, a.invited),
          names('present'),
          names('late'),
          names('leave'),
          names('absent'),
        ].map((v) => (v === '' ? null : v)),
      );
    });
  });

  test('会议记录: the record of each held activity, or a note that none was written', () => {
    const sheet = workbook.getWorksheet('会议记录')!;
    const held = heldActivities(h, 'A', Y2025).sort((a, b) => a.startsAt - b.startsAt);
    held.forEach((a, i) => {
      const spec = h.activities.find((x) => x.id === a.id)!;
      assert.equal(sheet.getRow(2 + i).getCell(3).value, spec.title);
      assert.equal(sheet.getRow(2 + i).getCell(7).value, a.present + a.late);
      assert.equal(sheet.getRow(2 + i).getCell(8).value, spec.record ?? '（未填写）');
    });
  });

  test("答题情况: each quiz open to the branch with its rates and every member's best score", () => {
    const sheet = workbook.getWorksheet('答题情况')!;
    const members = membersOf(h, 'A');
    assert.deepEqual(
      values(sheet, 1).slice(10),
      members.map((m) => h.nameOf[m]),
    );
    const quizzes = h.quizzes
      .filter((q) => q.opensAt >= Y2025.from && q.opensAt < Y2025.to && (q.branch === null || q.branch === 'A'))
      .sort((a, b) => a.opensAt - b.opensAt);
    assert.equal(sheet.rowCount, 1 + quizzes.length);
    quizzes.forEach((q, i) => {
      const row = sheet.getRow(2 + i);
      const takers = members.filter((m) => q.attempts.some((a) => a.member === m));
      const passed = takers.filter((m) => q.attempts.some((a) => a.member === m && a.passed));
      assert.equal(row.getCell(1).value, q.title);
      assert.equal(row.getCell(2).value, q.kind === 'exam' ? '考试' : '练习');
      assert.equal((row.getCell(3).value as Date).getTime(), wallClock(q.opensAt).getTime());
      assert.equal(row.getCell(3).numFmt, 'yyyy-mm-dd');
      assert.deepEqual(
        [5, 6, 7, 8, 9, 10].map((c) => row.getCell(c).value),
        [
          q.passMark,
          members.length,
          takers.length,
          ratio(takers.length, members.length),
          passed.length,
          ratio(passed.length, takers.length),
        ],
      );
      members.forEach((m, j) => {
        const scores = q.attempts.filter((a) => a.member === m).map((a) => a.score);
        const cell = row.getCell(11 + j).value;
        assert.equal(cell ?? null, scores.length ? Math.max(...scores) : null, `${q.title} ${h.nameOf[m]}`);
      });
    });
  });

  test('志愿服务台账: approved records of the period only, by service day', () => {
    const sheet = workbook.getWorksheet('志愿服务台账')!;
    const approved = h.volunteer
      .filter((v) => v.status === 'approved' && h.branchOf[v.member] === 'A' && v.servedOn.startsWith('2025'))
      .sort((a, b) => a.servedOn.localeCompare(b.servedOn));
    assert.equal(sheet.rowCount, 1 + approved.length);
    approved.forEach((v, i) => {
      const row = sheet.getRow(2 + i);
      assert.ok(row.getCell(1).value instanceof Date);
      assert.equal((row.getCell(1).value as Date).toISOString().slice(0, 10), v.servedOn);
      assert.deepEqual(values(sheet, 2 + i).slice(1, 7), [
        h.nameOf[v.member],
        v.category,
        v.hours,
        v.place,
        v.description,
        '甲书记',
      ]);
    });
  });

  test('积分明细: every ledger entry of the branch in the period, with rule, source, reason and actor', () => {
    const sheet = workbook.getWorksheet('积分明细')!;
    const entries = h.awards
      .filter((a) => h.branchOf[a.member] === 'A' && a.at >= Y2025.from && a.at < Y2025.to)
      .sort((a, b) => a.at - b.at);
    assert.equal(sheet.rowCount, 1 + entries.length);
    entries.forEach((e, i) => {
      const row = sheet.getRow(2 + i);
      assert.equal((row.getCell(1).value as Date).getTime(), wallClock(e.at).getTime());
      assert.deepEqual(
        [2, 3, 4, 5, 7, 8].map((c) => row.getCell(c).value),
        [h.nameOf[e.member], e.delta, e.delta > 0 ? '表彰奖励' : '扣分', '书记评定', e.reason, '甲书记'],
      );
    });
  });
});
