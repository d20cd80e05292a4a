// The ledger export never turns typed text into a live formula, and numbers stay numbers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { openTestApp, type TestApp } from '../helpers.js';
import { bearer, buildOrgFixture, type OrgFixture } from '../../../mocks/fixtures.js';
import { award } from '../../src/points/service.js';

const FORMULA_REASON = '=HYPERLINK("http://evil.example","点此领取积分")';

describe('ledger export cells', () => {
  let t: TestApp;
  let f: OrgFixture;

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
    const at = Date.parse('2025-06-10T10:00:00+08:00');
    const common = { sourceType: 'manual' as const, occurredAt: at, actorId: f.secretaryA, now: at };
    await award(t.handle.db, {
      ...common,
      memberId: f.memberA1,
      ruleCode: 'deduction',
      sourceId: 'c-1',
      delta: -2,
      reason: FORMULA_REASON,
    });
    await award(t.handle.db, {
      ...common,
      memberId: f.memberA2,
      ruleCode: 'award',
      sourceId: 'c-2',
      delta: 1,
      reason: '-先锋岗',
    });
    await award(t.handle.db, {
      ...common,
      memberId: f.memberA2,
      ruleCode: 'award',
      sourceId: 'c-3',
      delta: 2,
      reason: '@表彰',
    });
  });
  after(async () => t.close());

  test('reasons starting with = - @ are text with a leading apostrophe; a -2 delta is the number -2', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/branches/${f.branchA}/ledger.xlsx?period=year&date=2025-06-15`,
      headers: await bearer(t.handle.db, f.secretaryA),
    });
    assert.equal(res.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('积分明细')!;
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2));
    const byReason = new Map(rows.map((r) => [r.getCell(7).value, r]));
    const deduction = byReason.get(`'${FORMULA_REASON}`);
    assert.ok(deduction, [...byReason.keys()].join(' | '));
    assert.equal(deduction.getCell(3).value, -2);
    assert.equal(typeof deduction.getCell(3).value, 'number');
    assert.ok(byReason.has("'-先锋岗"));
    assert.ok(byReason.has("'@表彰"));
    for (const r of rows) {
      r.eachCell((cell) => {
        assert.notEqual(cell.type, ExcelJS.ValueType.Formula, `row ${r.number}`);
        if (typeof cell.value === 'string') assert.doesNotMatch(cell.value, /^[=+\-@\t\r]/);
      });
    }
  });
});
