import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { buildOrgFixture, bearer, type OrgFixture } from '../../../mocks/fixtures.js';
import { addBank } from './quiz-fixture.js';

const HEADER = [
  '题型',
  '题干',
  '选项A',
  '选项B',
  '选项C',
  '选项D',
  '选项E',
  '选项F',
  '选项G',
  '选项H',
  '答案',
  '解析',
  '标签',
  '难度',
  '出处',
];
const row = (
  kind: string,
  stem: string,
  options: string[],
  answer: string,
  explanation = '《中国共产党章程》第七条',
  tags = '党章',
  difficulty = '1',
) => [
  kind,
  stem,
  ...Array.from({ length: 8 }, (_, i) => options[i] ?? ''),
  answer,
  explanation,
  tags,
  difficulty,
  '《中国共产党章程》',
];

/** Six rows, three of them bad (rows 3, 5 and 7 as the spreadsheet numbers them). */
const MIXED = [
  row('单选', '导入题一：预备党员的预备期为多长？', ['半年', '一年', '两年'], 'B'),
  row('单选', '导入题二：答案超出选项', ['甲', '乙'], 'D'),
  row(
    '多选',
    '导入题三：下列哪些属于党的纪律处分？',
    ['警告', '严重警告', '降级'],
    'AB',
    '《中国共产党纪律处分条例》第八条',
    '纪律、廉政',
    '2',
  ),
  row('问答', '导入题四：题型不对', ['甲', '乙'], 'A'),
  row('判断', '导入题五：预备党员的预备期为一年。', [], '正确'),
  row('多选', '', ['甲', '乙'], 'A', '', '党章', '5'),
];

function multipart(name: string, content: Buffer, type: string) {
  const boundary = '----xianfengtest';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function xlsxOf(rows: string[][]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('题库');
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const csvOf = (rows: string[][]) =>
  Buffer.from(
    `\uFEFF${[HEADER, ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`,
  );

describe('question bank routes', () => {
  let t: TestApp;
  let f: OrgFixture;
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await bearer(t.handle.db, as), ...(payload ? { payload } : {}) });
  const upload = async (url: string, as: number, name: string, content: Buffer, type = 'application/octet-stream') => {
    const body = multipart(name, content, type);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { ...(await bearer(t.handle.db, as)), ...body.headers },
      payload: body.payload,
    });
  };
  const bankSize = async () =>
    Number(
      (
        await t.handle.db
          .selectFrom('questions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('org_id', '=', f.orgId)
          .where('archived_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
    await addBank(t.handle.db, f.orgId);
  });
  after(async () => t.close());

  test('an XLSX with bad rows imports nothing and reports every bad row with its number and reason', async () => {
    const counts = await snapshotCounts(t.handle);
    const res = await upload('/api/questions/import', f.secretaryA, '题库.xlsx', await xlsxOf(MIXED));
    assert.equal(res.statusCode, 422, res.body);
    const report = res.json();
    assert.equal(report.code, 'IMPORT_HAS_ERRORS');
    assert.equal(report.total, 6);
    assert.equal(report.imported, 0);
    assert.deepEqual(
      report.errors.map((e: { row: number }) => e.row),
      [3, 5, 7],
    );
    assert.match(report.errors[0].message, /答案须是已有的选项/);
    // Each error quotes its row, so the uploader finds it without counting rows.
    assert.match(report.errors[0].text, /^单选 \| 导入题二：答案超出选项 \| 甲 \| 乙/);
    assert.match(report.errors[1].text, /问答 \| 导入题四：题型不对/);
    assert.match(report.errors[1].message, /题型“问答”无法识别/);
    assert.match(report.errors[2].message, /题干为空/);
    assert.match(report.errors[2].message, /解析为空/);
    assert.match(report.errors[2].message, /难度“5”/);
    assert.deepEqual(await snapshotCounts(t.handle), counts);
  });

  test('the same file as CSV is refused the same way; asked explicitly, only the clean rows are imported', async () => {
    const counts = await snapshotCounts(t.handle);
    const refused = await upload('/api/questions/import', f.admin, '题库.csv', csvOf(MIXED), 'text/csv');
    assert.equal(refused.statusCode, 422);
    assert.deepEqual(
      refused.json().errors.map((e: { row: number }) => e.row),
      [3, 5, 7],
    );
    assert.match(refused.json().errors[0].text, /导入题二：答案超出选项/);
    assert.deepEqual(await snapshotCounts(t.handle), counts);

    const before = await bankSize();
    const res = await upload('/api/questions/import?skipInvalid=true', f.admin, '题库.csv', csvOf(MIXED), 'text/csv');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().imported, 3);
    assert.equal(res.json().errors.length, 3);
    assert.equal(await bankSize(), before + 3);
    const found = (await call('GET', `/api/questions?q=${encodeURIComponent('导入题三')}`, f.admin)).json();
    assert.equal(found.total, 1);
    assert.deepEqual(found.items[0].answer, [0, 1]);
    assert.deepEqual(found.items[0].tags, ['纪律', '廉政']);
    assert.equal(found.items[0].difficulty, 2);
    const judge = (await call('GET', `/api/questions?q=${encodeURIComponent('导入题五')}`, f.admin)).json().items[0];
    assert.deepEqual(judge.options, ['正确', '错误']);
    assert.deepEqual(judge.answer, [0]);

    // Importing the same clean rows again: they are duplicates of the bank now.
    const again = await upload(
      '/api/questions/import',
      f.admin,
      '题库.xlsx',
      await xlsxOf(MIXED.filter((_, i) => i % 2 === 0)),
    );
    assert.equal(again.statusCode, 422);
    assert.ok(again.json().errors.every((e: { message: string }) => /题库中已有相同题干/.test(e.message)));
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'question.import')
      .execute();
    assert.equal(audit.length, 1);
  });

  test('a clean XLSX imports in full; the template and the export round-trip', async () => {
    const template = await call('GET', '/api/questions/template?format=xlsx', f.secretaryA);
    assert.equal(template.statusCode, 200);
    assert.match(String(template.headers['content-type']), /spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(
      workbook.worksheets.map((w) => w.name),
      ['题库', '填写说明'],
    );
    assert.deepEqual((workbook.worksheets[0]!.getRow(1).values as string[]).slice(1), HEADER);
    // The template's examples are already in the bank? No: they import cleanly into another org.
    const importedTemplate = await upload('/api/questions/import', f.other.admin, '模板.xlsx', template.rawPayload);
    assert.equal(importedTemplate.statusCode, 200, importedTemplate.body);
    assert.equal(importedTemplate.json().imported, 3);

    const csvTemplate = await call('GET', '/api/questions/template?format=csv', f.secretaryA);
    assert.match(String(csvTemplate.headers['content-type']), /text\/csv/);
    assert.ok(csvTemplate.body.startsWith('\uFEFF题型,题干,选项A'));

    const exported = await call('GET', '/api/questions/export?format=csv', f.other.admin);
    assert.equal(exported.statusCode, 200);
    assert.equal(exported.body.trim().split('\r\n').length, 4);
    const xlsx = await call('GET', '/api/questions/export?format=xlsx', f.admin);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    assert.equal(book.worksheets[0]!.rowCount, 1 + (await bankSize()));
  });

  test('unreadable, empty and headerless files are refused and change nothing', async () => {
    const counts = await snapshotCounts(t.handle);
    const cases: Array<[Buffer, number, string]> = [
      [Buffer.from([0, 1, 2, 3, 0, 0]), 415, 'FILE_UNREADABLE'],
      [Buffer.from('PK\u0003\u0004 not really a zip'), 415, 'FILE_UNREADABLE'],
      [Buffer.from(`${HEADER.join(',')}\r\n`), 400, 'IMPORT_EMPTY'],
      [Buffer.from('名称,内容\r\n一,二\r\n'), 422, 'IMPORT_HAS_ERRORS'],
    ];
    for (const [content, status, code] of cases) {
      const res = await upload('/api/questions/import', f.admin, 'x.csv', content);
      assert.equal(res.statusCode, status, res.body);
      assert.equal(res.json().code, code);
    }
    const notMultipart = await call('POST', '/api/questions/import', f.admin, { rows: [] });
    assert.equal(notMultipart.statusCode, 400);
    assert.equal(notMultipart.json().code, 'FILE_REQUIRED');
    const big = await upload('/api/questions/import', f.admin, 'big.csv', Buffer.alloc(3 * 1024 * 1024, 'a'));
    assert.equal(big.statusCode, 413);
    assert.deepEqual(await snapshotCounts(t.handle), counts);
  });

  test('managers create, search, edit and retire questions of their own org; members cannot read the bank', async () => {
    const body = {
      kind: 'multiple',
      stem: '新增题：下列属于党的纪律的有（ ）。',
      options: ['政治纪律', '组织纪律', '廉洁纪律', '娱乐纪律'],
      answer: [2, 0, 1],
      explanation: '《中国共产党章程》第四十条。',
      tags: ['纪律'],
      difficulty: 2,
    };
    const created = await call('POST', '/api/questions', f.secretaryA, body);
    assert.equal(created.statusCode, 200, created.body);
    const q = created.json();
    assert.deepEqual(q.answer, [0, 1, 2]);
    const page = (
      await call('GET', `/api/questions?tag=${encodeURIComponent('纪律')}&kind=multiple`, f.secretaryA)
    ).json();
    assert.ok(page.items.some((i: { id: number }) => i.id === q.id));
    assert.ok(
      page.items.every((i: { kind: string; tags: string[] }) => i.kind === 'multiple' && i.tags.includes('纪律')),
    );
    assert.ok(page.tags.some((t: { tag: string }) => t.tag === '纪律'));

    const read = await call('GET', `/api/questions/${q.id}`, f.admin);
    assert.deepEqual(read.json(), q);
    assert.equal((await call('GET', `/api/questions/${q.id}`, f.memberA1)).statusCode, 403);
    assert.equal((await call('GET', `/api/questions/${q.id}`, f.other.admin)).statusCode, 403);
    const edited = await call('PUT', `/api/questions/${q.id}`, f.admin, { ...body, answer: [0, 1] });
    assert.equal(edited.statusCode, 200);
    assert.deepEqual(edited.json().answer, [0, 1]);

    const counts = await snapshotCounts(t.handle);
    const bad: Array<[object, string]> = [
      [{ ...body, answer: [4] }, 'INVALID_QUESTION'],
      [{ ...body, answer: [0] }, 'INVALID_QUESTION'],
      [{ ...body, kind: 'single', answer: [0, 1] }, 'INVALID_QUESTION'],
      [{ ...body, kind: 'judge', options: ['对', '错'], answer: [0] }, 'INVALID_QUESTION'],
      [{ ...body, options: ['一', '一'], answer: [0, 1] }, 'INVALID_QUESTION'],
      [{ ...body, options: ['只有一个'] }, 'VALIDATION_FAILED'],
      [{ ...body, difficulty: 4 }, 'VALIDATION_FAILED'],
      [{ ...body, orgId: f.other.orgId }, 'VALIDATION_FAILED'],
    ];
    for (const [payload, code] of bad) {
      const res = await call('POST', '/api/questions', f.secretaryA, payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal(res.json().code, code, JSON.stringify(payload));
    }
    for (const [method, url, as, status] of [
      ['GET', '/api/questions', f.memberA1, 403],
      ['POST', '/api/questions', f.memberA1, 403],
      ['GET', '/api/questions/export', f.memberA1, 403],
      ['GET', '/api/questions/template', f.memberA1, 403],
      ['PUT', `/api/questions/${q.id}`, f.other.admin, 403],
      ['DELETE', `/api/questions/${q.id}`, f.other.secretary, 403],
      ['DELETE', `/api/questions/${q.id}`, f.memberA1, 403],
      ['PUT', '/api/questions/999999', f.admin, 404],
    ] as const) {
      const res = await call(method, url, as, method === 'GET' || method === 'DELETE' ? undefined : body);
      assert.equal(res.statusCode, status, `${method} ${url}`);
    }
    assert.deepEqual(await snapshotCounts(t.handle), counts);
    const upload403 = await upload('/api/questions/import', f.memberA1, 'x.csv', csvOf(MIXED));
    assert.equal(upload403.statusCode, 403);

    // The secretary added it, so it is the branch's own question: the secretary may retire it.
    assert.equal((await call('DELETE', `/api/questions/${q.id}`, f.secretaryA)).statusCode, 204);
    assert.equal((await call('GET', `/api/questions?q=${encodeURIComponent('新增题')}`, f.admin)).json().total, 0);
    assert.equal((await call('DELETE', `/api/questions/${q.id}`, f.secretaryA)).statusCode, 404);
    // Another org's bank is separate.
    assert.equal(
      (await call('GET', `/api/questions?q=${encodeURIComponent('导入题')}`, f.other.admin)).json().total,
      0,
    );
  });
});
