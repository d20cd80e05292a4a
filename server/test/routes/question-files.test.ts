// Question files: zip bombs and oversized files are refused before parsing, GBK CSVs from
// Excel on Chinese Windows import, and exports cannot carry a live formula.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import iconv from 'iconv-lite';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { buildOrgFixture, bearer, type OrgFixture } from '../../../mocks/fixtures.js';
import { HEADERS, inspectXlsx, MAX_INFLATED_BYTES, MAX_QUESTION_ROWS } from '../../src/quiz/io.js';

const row = (stem: string, answer = 'B') => [
  '单选',
  stem,
  '一名',
  '两名',
  '三名',
  '',
  '',
  '',
  '',
  '',
  answer,
  '《中国共产党章程》第五条',
  '党章',
  '1',
  '',
];

async function xlsxOf(rows: string[][]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('题库');
  sheet.addRow(HEADERS);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A real XLSX with one more entry that inflates to `bytes` of zeros (a few KB compressed). */
async function bomb(bytes: number) {
  const zip = await JSZip.loadAsync(await xlsxOf([row('炸弹文件中的题目：介绍人几名？')]));
  zip.file('xl/media/padding.bin', Buffer.alloc(bytes));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** The same bomb with its zip headers claiming the padding is 100 bytes. */
async function lyingBomb(bytes: number) {
  const file = await bomb(bytes);
  const name = Buffer.from('xl/media/padding.bin');
  for (const [signature, sizeAt, nameAt] of [
    [0x04034b50, 22, 30],
    [0x02014b50, 24, 46],
  ] as const) {
    for (let at = file.indexOf(name); at >= 0; at = file.indexOf(name, at + 1)) {
      const header = at - nameAt;
      if (header >= 0 && file.readUInt32LE(header) === signature) file.writeUInt32LE(100, header + sizeAt);
    }
  }
  return file;
}

function multipart(name: string, content: Buffer) {
  const boundary = '----xianfengfiles';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('question files', () => {
  let t: TestApp;
  let f: OrgFixture;
  const call = async (method: 'GET' | 'POST', url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await bearer(t.handle.db, as), ...(payload ? { payload } : {}) });
  const upload = async (as: number, name: string, content: Buffer, query = '') => {
    const m = multipart(name, content);
    return t.app.inject({
      method: 'POST',
      url: `/api/questions/import${query}`,
      headers: { ...(await bearer(t.handle.db, as)), ...m.headers },
      payload: m.payload,
    });
  };

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
  });
  after(async () => t.close());

  test('a small XLSX that inflates far beyond a question file is refused with 413 before parsing', async () => {
    const file = await bomb(64 * 1024 * 1024);
    assert.ok(file.length < 150 * 1024, `the bomb is small: ${file.length} bytes`);
    const counts = await snapshotCounts(t.handle);
    const heapBefore = process.memoryUsage().rss;
    const res = await upload(f.admin, '题库.xlsx', file);
    assert.equal(res.statusCode, 413, res.body);
    assert.equal(res.json().code, 'FILE_INFLATES_TOO_LARGE');
    assert.match(res.json().message, /解压后超过/);
    assert.ok(process.memoryUsage().rss - heapBefore < 150 * 1024 * 1024, 'not inflated in full');
    assert.deepEqual(await snapshotCounts(t.handle), counts);
  });

  test('a zip whose headers lie about the inflated size is caught by the bounded inflate', async () => {
    const file = await lyingBomb(MAX_INFLATED_BYTES + 1024 * 1024);
    assert.throws(
      () => inspectXlsx(file),
      (e: { code?: string }) => e.code === 'FILE_INFLATES_TOO_LARGE',
    );
    const res = await upload(f.admin, '题库.xlsx', file);
    assert.equal(res.statusCode, 413, res.body);
    assert.equal(res.json().code, 'FILE_INFLATES_TOO_LARGE');
    // A modest padding still imports: the check is about proportion, not about extra entries.
    const fine = await upload(f.admin, '题库.xlsx', await bomb(1024 * 1024));
    assert.equal(fine.statusCode, 200, fine.body);
  });

  test(`more than ${MAX_QUESTION_ROWS} questions in one file: 413 TOO_MANY_ROWS, in XLSX and CSV`, async () => {
    const rows = Array.from({ length: MAX_QUESTION_ROWS + 50 }, (_, i) => row(`批量题目第 ${i + 1} 题：介绍人几名？`));
    const counts = await snapshotCounts(t.handle);
    const xlsx = await upload(f.admin, '题库.xlsx', await xlsxOf(rows));
    assert.equal(xlsx.statusCode, 413, xlsx.body);
    assert.equal(xlsx.json().code, 'TOO_MANY_ROWS');
    assert.match(xlsx.json().message, /最多导入 2000 道题/);
    const csv = Buffer.from([HEADERS, ...rows].map((r) => r.join(',')).join('\r\n'));
    const res = await upload(f.admin, '题库.csv', csv);
    assert.equal(res.statusCode, 413, res.body);
    assert.equal(res.json().code, 'TOO_MANY_ROWS');
    assert.deepEqual(await snapshotCounts(t.handle), counts);
  });

  test('a GBK CSV saved by Excel on Chinese Windows imports with its Chinese intact', async () => {
    const text = [
      HEADERS.join(','),
      row('GBK编码题：申请入党要有几名正式党员作介绍人？').join(','),
      [
        '判断',
        'GBK编码题：预备党员的预备期为一年。',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '正确',
        '《中国共产党章程》第七条',
        '党章、发展党员',
        '2',
        '《中国共产党章程》',
      ].join(','),
    ].join('\r\n');
    const gbk = iconv.encode(text, 'gbk');
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk), 'the file is not UTF-8');
    const res = await upload(f.admin, '题库.csv', gbk);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().imported, 2);
    const found = (await call('GET', `/api/questions?q=${encodeURIComponent('GBK编码题')}`, f.admin)).json();
    assert.equal(found.total, 2);
    const judge = found.items.find((q: { kind: string }) => q.kind === 'judge');
    assert.equal(judge.stem, 'GBK编码题：预备党员的预备期为一年。');
    assert.deepEqual(judge.tags, ['党章', '发展党员']);
    assert.equal(judge.source, '《中国共产党章程》');
    // UTF-8 without a BOM still reads as UTF-8.
    const utf8 = await upload(
      f.admin,
      '题库.csv',
      Buffer.from([HEADERS.join(','), row('UTF8无BOM题：介绍人几名？').join(',')].join('\n')),
    );
    assert.equal(utf8.statusCode, 200, utf8.body);
    assert.equal((await call('GET', `/api/questions?q=${encodeURIComponent('UTF8无BOM题')}`, f.admin)).json().total, 1);
  });

  test('exports neutralise cells that would be formulas, in CSV and XLSX; the export imports back unchanged', async () => {
    const stem = '=HYPERLINK("http://evil.example","点我")以下说法正确的是？';
    const created = await call('POST', '/api/questions', f.admin, {
      kind: 'single',
      stem,
      options: ['-1 分', '+2 分', '@全体党员'],
      answer: [1],
      explanation: '\t解析以制表符开头',
      tags: ['公式'],
      difficulty: 1,
    });
    assert.equal(created.statusCode, 200, created.body);
    assert.equal(created.json().explanation, '解析以制表符开头', 'trimmed on save');

    const csv = (await call('GET', '/api/questions/export?format=csv', f.admin)).body;
    const line = csv.split('\r\n').find((l) => l.includes('HYPERLINK'))!;
    assert.ok(line.includes(`"'=HYPERLINK(""http://evil.example"",""点我"")以下说法正确的是？"`), line);
    assert.ok(line.includes(",'-1 分,'+2 分,'@全体党员,"), line);

    const xlsx = await call('GET', '/api/questions/export?format=xlsx', f.admin);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const cells: unknown[] = [];
    sheet.eachRow((r, n) => n > 1 && r.eachCell((c) => cells.push(c.value)));
    assert.ok(cells.includes(`'${stem}`));
    assert.ok(cells.includes("'-1 分"));
    for (const value of cells) {
      assert.ok(typeof value === 'string', 'every exported cell is text');
      assert.doesNotMatch(value, /^[=+\-@\t\r]/);
    }

    // Round trip into another organisation: the text comes back without the apostrophes.
    const back = await upload(f.other.admin, '题库.xlsx', xlsx.rawPayload);
    assert.equal(back.statusCode, 200, back.body);
    const again = (await call('GET', `/api/questions?q=${encodeURIComponent('HYPERLINK')}`, f.other.admin)).json();
    assert.equal(again.items[0].stem, stem);
    assert.deepEqual(again.items[0].options, ['-1 分', '+2 分', '@全体党员']);
  });
});
