// Roster import: a dry run reports and writes nothing, a confirmed import adds and changes, the
// same file again changes nothing, bad rows come back with their row number and text, GBK works,
// a secretary imports only into the own branch, and ID-card numbers are refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { buildOrgFixture, bearer, type OrgFixture } from '../../../mocks/fixtures.js';

const HEADER = '编号,姓名,所在支部,手机号,人员类别,党员类别,入党日期,职务';

function multipart(name: string, content: Buffer) {
  const boundary = '----xianfengroster';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const csv = (...lines: string[]) => Buffer.from([HEADER, ...lines].join('\r\n'), 'utf8');

describe('roster import', () => {
  let t: TestApp;
  let f: OrgFixture;

  const upload = async (as: number, url: string, content: Buffer, name = '名册.csv') => {
    const m = multipart(name, content);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { ...(await bearer(t.handle.db, as)), ...m.headers },
      payload: m.payload,
    });
  };
  const orgImport = (content: Buffer, query = 'dryRun=true', as = f.admin, name?: string) =>
    upload(as, `/api/orgs/${f.orgId}/members/import?${query}`, content, name);
  const memberNamed = (name: string) =>
    t.handle.db.selectFrom('members').selectAll().where('name', '=', name).executeTakeFirst();

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
  });
  after(async () => t.close());

  const first = csv(
    'A001,陈红,第一党支部,13811112222,在职,正式,2001-07-01,科长',
    'A002,刘建国,第二党支部,13922223333,退休,预备,1988/5/4,',
    ',张三,第一党支部,13712345678,,,,', // the fixture's 张三, matched by name + phone
  );

  test('a dry run reports added, changed and unchanged, and writes nothing', async () => {
    const counts = await snapshotCounts(t.handle);
    const res = await orgImport(first);
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json();
    assert.equal(report.dryRun, true);
    assert.equal(report.applied, false);
    assert.equal(report.total, 3);
    assert.deepEqual(
      report.added.map((a: { row: number; name: string; branch: string }) => [a.row, a.name, a.branch]),
      [
        [2, '陈红', '第一党支部'],
        [3, '刘建国', '第二党支部'],
      ],
    );
    assert.deepEqual(
      report.unchanged.map((u: { name: string; memberId: number }) => [u.name, u.memberId]),
      [['张三', f.memberA1]],
    );
    assert.equal(report.changed.length, 0);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(await snapshotCounts(t.handle), counts, 'a dry run writes nothing');
    // dryRun defaults to true: a forgotten flag never writes.
    const implicit = await orgImport(first, '');
    assert.equal(implicit.json().dryRun, true);
    assert.deepEqual(await snapshotCounts(t.handle), counts);
  });

  test('confirming adds the members, with a member grant, and one audit entry with the counts', async () => {
    const res = await orgImport(first, 'dryRun=false');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().applied, true);
    assert.equal(res.json().added.length, 2);
    const chen = await memberNamed('陈红');
    assert.ok(chen);
    assert.equal(chen.branch_id, f.branchA);
    assert.equal(chen.external_no, 'A001');
    assert.equal(chen.title, '科长');
    assert.equal(chen.employment, 'in_service');
    assert.equal(chen.political_status, 'full');
    assert.equal(chen.joined_party_on, '2001-07-01');
    const liu = await memberNamed('刘建国');
    assert.equal(liu?.employment, 'retired');
    assert.equal(liu?.political_status, 'probationary');
    assert.equal(liu?.joined_party_on, '1988-05-04');
    const grants = await t.handle.db
      .selectFrom('role_grants')
      .select('role')
      .where('member_id', '=', chen.id)
      .execute();
    assert.deepEqual(
      grants.map((g) => g.role),
      ['member'],
    );
    const entries = await t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'roster.import')
      .execute();
    assert.equal(entries.length, 1);
    assert.deepEqual(JSON.parse(entries[0]!.detail!), { total: 3, added: 2, changed: 0, unchanged: 1, skipped: 0 });
    // The roster shows them.
    const roster = await t.app.inject({
      method: 'GET',
      url: `/api/branches/${f.branchA}/members`,
      headers: await bearer(t.handle.db, f.admin),
    });
    assert.ok(roster.json().members.some((m: { name: string }) => m.name === '陈红'));
  });

  test('re-importing the same file changes nothing: 0 added, 0 changed', async () => {
    const before = await snapshotCounts(t.handle);
    const dry = await orgImport(first);
    assert.equal(dry.json().added.length, 0);
    assert.equal(dry.json().changed.length, 0);
    assert.equal(dry.json().unchanged.length, 3);
    const res = await orgImport(first, 'dryRun=false');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().added.length, 0);
    assert.equal(res.json().changed.length, 0);
    const afterCounts = await snapshotCounts(t.handle);
    assert.equal(afterCounts.members, before.members);
    assert.equal(afterCounts.role_grants, before.role_grants);
  });

  test('changes are detected field by field, shown (phones masked for the org admin) and applied', async () => {
    const changed = csv(
      'A001,陈红,第一党支部,13811119999,退休,正式,2001-07-01,处长', // phone, employment, title
      'A002,刘建华,第二党支部,,,,,', // renamed (matched by 编号); blanks keep what is stored
    );
    const dry = await orgImport(changed);
    assert.equal(dry.statusCode, 200, dry.body);
    const report = dry.json();
    assert.equal(report.changed.length, 2);
    const chen = report.changed.find((c: { name: string }) => c.name === '陈红');
    assert.deepEqual(
      chen.changes.map((c: { field: string; from: string; to: string }) => [c.field, c.from, c.to]),
      [
        ['phone', '138****2222', '138****9999'],
        ['employment', '在职', '退休'],
        ['title', '科长', '处长'],
      ],
    );
    const liu = report.changed.find((c: { name: string }) => c.name === '刘建华');
    assert.deepEqual(
      liu.changes.map((c: { field: string; from: string; to: string }) => [c.field, c.from, c.to]),
      [['name', '刘建国', '刘建华']],
    );
    assert.equal((await memberNamed('陈红'))?.title, '科长', 'the dry run wrote nothing');

    const res = await orgImport(changed, 'dryRun=false');
    assert.equal(res.statusCode, 200, res.body);
    const stored = await memberNamed('陈红');
    assert.equal(stored?.phone, '13811119999');
    assert.equal(stored?.employment, 'retired');
    assert.equal(stored?.title, '处长');
    const renamed = await memberNamed('刘建华');
    assert.equal(renamed?.phone, '13922223333', 'a blank cell keeps the stored phone');
    assert.equal(renamed?.employment, 'retired');
    assert.equal((await orgImport(changed)).json().changed.length, 0, 'and again: nothing to change');
  });

  test('bad rows come back with row number, text and reason; a file with errors writes nothing unless skipInvalid', async () => {
    const bad = csv(
      'B001,周八,第一党支部,13800008888,在职,正式,2010-01-01,',
      ',吴九,第九党支部,13800009999,,,,', // unknown branch
      ',郑十,第一党支部,12345,,,,', // bad phone
      ',,第一党支部,13800007777,,,,', // no name
      ',孙十一,第一党支部,13800006666,在岗,,2030-01-01,', // bad employment, future date
      'B001,钱十二,第二党支部,13800005555,,,,', // 编号 repeated
      ',冯十三,第一党支部,,,,,', // neither 编号 nor phone
      '',
      ',陈红,第二党支部,13811119999,,,,', // 陈红 lives in 第一党支部: a move is not an import
    );
    const counts = await snapshotCounts(t.handle);
    const dry = await orgImport(bad);
    assert.equal(dry.statusCode, 200, dry.body);
    const errors = dry.json().errors as Array<{ row: number; text: string; message: string }>;
    assert.deepEqual(
      errors.map((e) => e.row),
      [3, 4, 5, 6, 7, 8, 10],
    );
    const at = (row: number) => errors.find((e) => e.row === row)!;
    assert.match(at(3).message, /没有名为“第九党支部”的支部/);
    assert.match(at(3).text, /吴九 \| 第九党支部 \| 13800009999/);
    assert.match(at(4).message, /手机号“12345”/);
    assert.match(at(5).message, /姓名为空/);
    assert.match(at(6).message, /人员类别“在岗”/);
    assert.match(at(6).message, /入党日期/);
    assert.match(at(7).message, /编号“B001”与第 2 行重复/);
    assert.match(at(8).message, /编号和手机号至少填一项/);
    assert.match(at(10).message, /现属“第一党支部”.*转接/);
    assert.equal(dry.json().added.length, 1);

    const refused = await orgImport(bad, 'dryRun=false');
    assert.equal(refused.statusCode, 422, refused.body);
    assert.equal(refused.json().code, 'IMPORT_HAS_ERRORS');
    assert.equal(refused.json().applied, false);
    assert.deepEqual(await snapshotCounts(t.handle), counts, 'errors: nothing written');

    const skipped = await orgImport(bad, 'dryRun=false&skipInvalid=true');
    assert.equal(skipped.statusCode, 200, skipped.body);
    assert.equal(skipped.json().applied, true);
    assert.equal((await snapshotCounts(t.handle)).members, (counts.members ?? 0) + 1);
    assert.ok(await memberNamed('周八'));
  });

  test('a GBK CSV from Excel on Chinese Windows imports with its Chinese intact', async () => {
    const text = [HEADER, 'G001,欧阳春,第二党支部,13600001111,退休,正式,1979-10-01,调研员'].join('\r\n');
    const res = await orgImport(iconv.encode(text, 'gbk'), 'dryRun=false');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().added[0], { row: 2, name: '欧阳春', branch: '第二党支部' });
    assert.equal((await memberNamed('欧阳春'))?.title, '调研员');
  });

  test('an XLSX with a real date cell imports, and the template round-trips', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名册');
    sheet.addRow(HEADER.split(','));
    sheet.addRow(['X001', '司马光', '第一党支部', '13500001111', '在职', '正式', new Date(Date.UTC(1995, 6, 1)), '']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await orgImport(file, 'dryRun=false', f.admin, '名册.xlsx');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await memberNamed('司马光'))?.joined_party_on, '1995-07-01');

    for (const format of ['xlsx', 'csv']) {
      const template = await t.app.inject({
        method: 'GET',
        url: `/api/orgs/${f.orgId}/members/template?format=${format}`,
        headers: await bearer(t.handle.db, f.admin),
      });
      assert.equal(template.statusCode, 200);
      assert.match(String(template.headers['content-disposition']), new RegExp(`\\.${format}$`));
      const dry = await orgImport(template.rawPayload, 'dryRun=true', f.admin, `模板.${format}`);
      assert.equal(dry.statusCode, 200, dry.body);
      assert.deepEqual(dry.json().errors, [], `the ${format} template's examples are valid`);
      assert.equal(dry.json().added.length, 3);
    }
  });

  test('an ID-card column is refused outright, and an ID number in a cell is never echoed', async () => {
    const counts = await snapshotCounts(t.handle);
    const withColumn = Buffer.from(`${HEADER},身份证号\r\n,韩梅,第一党支部,13300001111,,,,,110101199003071234`);
    const res = await orgImport(withColumn, 'dryRun=true');
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().code, 'ID_CARD_NOT_ALLOWED');
    assert.match(res.json().message, /身份证号/);
    const inCell = csv(',韩梅,第一党支部,13300001111,,,,11010119900307123X');
    const dry = await orgImport(inCell);
    assert.equal(dry.json().errors.length, 1);
    assert.match(dry.json().errors[0].message, /身份证号/);
    assert.doesNotMatch(dry.body, /11010119900307123X/);
    assert.deepEqual(await snapshotCounts(t.handle), counts);
  });

  test('a secretary imports only into the own branch: other branches are row errors, their route is 403', async () => {
    const url = `/api/branches/${f.branchA}/members/import`;
    const file = csv(',秦琼,第一党支部,13200001111,,,,', ',尉迟恭,第二党支部,13200002222,,,,');
    const dry = await upload(f.secretaryA, `${url}?dryRun=true`, file);
    assert.equal(dry.statusCode, 200, dry.body);
    assert.deepEqual(
      dry.json().added.map((a: { name: string }) => a.name),
      ['秦琼'],
    );
    assert.equal(dry.json().errors.length, 1);
    assert.equal(dry.json().errors[0].row, 3);
    assert.match(dry.json().errors[0].message, /只能导入本支部（第一党支部）/);
    const counts = await snapshotCounts(t.handle);
    assert.equal((await upload(f.secretaryA, `${url}?dryRun=false`, file)).statusCode, 422);
    assert.deepEqual(await snapshotCounts(t.handle), counts);

    const other = await upload(f.secretaryA, `/api/branches/${f.branchB}/members/import?dryRun=true`, file);
    assert.equal(other.statusCode, 403, other.body);
    const orgRoute = await upload(f.secretaryA, `/api/orgs/${f.orgId}/members/import?dryRun=true`, file);
    assert.equal(orgRoute.statusCode, 403, orgRoute.body);
    const member = await upload(f.memberA1, `${url}?dryRun=true`, file);
    assert.equal(member.statusCode, 403);

    const ok = await upload(f.secretaryA, `${url}?dryRun=false&skipInvalid=true`, file);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await memberNamed('秦琼'))?.branch_id, f.branchA);
    const entry = await t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'roster.import')
      .where('target_type', '=', 'branch')
      .executeTakeFirst();
    assert.equal(entry?.target_id, String(f.branchA));
  });

  test('across organisations: another org admin is refused, and branch names of another org do not resolve', async () => {
    const file = csv(',李白,另一单位党支部,13100001111,,,,');
    const cross = await orgImport(file, 'dryRun=true', f.other.admin);
    assert.ok([403, 404].includes(cross.statusCode), cross.body);
    const crossBranch = await upload(f.other.secretary, `/api/branches/${f.branchA}/members/import?dryRun=true`, file);
    assert.ok([403, 404].includes(crossBranch.statusCode), crossBranch.body);
    const own = await orgImport(file);
    assert.match(own.json().errors[0].message, /没有名为“另一单位党支部”的支部/);
    const template = await t.app.inject({
      method: 'GET',
      url: `/api/orgs/${f.orgId}/members/template`,
      headers: await bearer(t.handle.db, f.other.admin),
    });
    assert.ok([403, 404].includes(template.statusCode));
  });

  test('unreadable, empty and headerless files are refused clearly and change nothing', async () => {
    const counts = await snapshotCounts(t.handle);
    const binary = await orgImport(Buffer.from([0, 1, 2, 3, 0]));
    assert.equal(binary.statusCode, 415);
    assert.equal(binary.json().code, 'FILE_UNREADABLE');
    const empty = await orgImport(csv());
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.json().code, 'IMPORT_EMPTY');
    const noHeader = await orgImport(Buffer.from('名字,支部\r\n张三,第一党支部'));
    assert.equal(noHeader.statusCode, 422);
    assert.match(noHeader.json().message, /缺少“姓名”“所在支部”列/);
    assert.deepEqual(await snapshotCounts(t.handle), counts);
  });
});
