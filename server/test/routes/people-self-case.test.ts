// No one decides their own case on the 组织与成员 routes (issue #10): a secretary, a branch
// manager or an org admin cannot edit, retire, move, deactivate, appoint or hand an invite code
// to themselves; another manager of the branch (or another org admin) can. The last org admin
// cannot step down. A branch manager counts as the branch's manager wherever a secretary does
// (phones shown in full to the own branch's managers).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { bearer, buildOrgFixture, type OrgFixture } from '../../../mocks/fixtures.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

describe('组织与成员: nobody decides their own case', () => {
  let t: TestApp;
  let f: OrgFixture;
  const call = async (method: Method, url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await bearer(t.handle.db, as), ...(payload ? { payload } : {}) });
  const memberRow = (id: number) =>
    t.handle.db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  /** 403 SELF_REVIEW, a Chinese message naming who can, and nothing changed. */
  const refusedSelf = async (method: Method, url: string, as: number, payload: object | undefined, who: RegExp) => {
    const counts = await snapshotCounts(t.handle);
    const row = await memberRow(as);
    const res = await call(method, url, as, payload);
    assert.equal(res.statusCode, 403, `${method} ${url}: ${res.body}`);
    assert.equal(res.json().code, 'SELF_REVIEW', res.body);
    assert.match(res.json().message, who);
    assert.deepEqual(await snapshotCounts(t.handle), counts, `${method} ${url} changed a row count`);
    assert.deepEqual(await memberRow(as), row, `${method} ${url} changed the record`);
  };

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
    // 李四 becomes 组织委员 of branch A: a manager of the branch beside its secretary.
    const granted = await call('POST', `/api/members/${f.memberA2}/roles`, f.admin, {
      role: 'branch_manager',
      branchId: f.branchA,
    });
    assert.equal(granted.statusCode, 200, granted.body);
  });
  after(async () => t.close());

  test('a secretary cannot edit or retire their own record; the branch manager can', async () => {
    const other = /组织管理员或本支部其他管理人员/;
    await refusedSelf('PATCH', `/api/members/${f.secretaryA}`, f.secretaryA, { name: '甲书记改' }, other);
    await refusedSelf('PATCH', `/api/members/${f.secretaryA}`, f.secretaryA, { employment: 'retired' }, other);
    await refusedSelf('PATCH', `/api/members/${f.memberA2}`, f.memberA2, { phone: '13500000000' }, other);

    const byManager = await call('PATCH', `/api/members/${f.secretaryA}`, f.memberA2, { phone: '13911113333' });
    assert.equal(byManager.statusCode, 200, byManager.body);
    assert.equal(byManager.json().phone, '13911113333', 'a manager of the branch sees its phones in full');
    const back = await call('PATCH', `/api/members/${f.memberA2}`, f.secretaryA, { politicalStatus: 'full' });
    assert.equal(back.statusCode, 200, back.body);
  });

  test('a manager cannot issue an invite code for themselves; another manager of the branch can', async () => {
    const other = /组织管理员或本支部其他管理人员/;
    const url = `/api/branches/${f.branchA}/invites`;
    await refusedSelf('POST', url, f.secretaryA, { memberId: f.secretaryA }, other);
    await refusedSelf('POST', url, f.memberA2, { memberId: f.memberA2 }, other);
    const forSecretary = await call('POST', url, f.memberA2, { memberId: f.secretaryA });
    assert.equal(forSecretary.statusCode, 200, forSecretary.body);
    assert.match(forSecretary.json().code, /^[0-9A-Z]{8}$/);
    const forMember = await call('POST', url, f.secretaryA, { memberId: f.memberA1 });
    assert.equal(forMember.statusCode, 200, forMember.body);

    // The whole branch's sheet, issued by the (still unbound) secretary, skips the secretary.
    const sheet = await call('POST', `/api/branches/${f.branchA}/invite-sheet`, f.secretaryA);
    assert.equal(sheet.statusCode, 200, sheet.body);
    const entries = sheet.json().entries as Array<{ memberId: number; code: string | null }>;
    const own = entries.find((e) => e.memberId === f.secretaryA);
    assert.equal(own?.code, forSecretary.json().code, 'the code another manager issued stays valid');
    assert.ok(
      entries.filter((e) => e.memberId !== f.secretaryA).every((e) => e.code !== null),
      'everyone else got a code',
    );
    const issuedBySelf = await t.handle.db
      .selectFrom('invites')
      .select('id')
      .where('member_id', '=', f.secretaryA)
      .where('issued_by', '=', f.secretaryA)
      .execute();
    assert.deepEqual(issuedBySelf, []);
  });

  test('a secretary’s roster file cannot change the secretary’s own record; an unchanged own row is fine', async () => {
    const boundary = '----xianfengselfcase';
    const upload = async (csv: string, dryRun: boolean) =>
      t.app.inject({
        method: 'POST',
        url: `/api/branches/${f.branchA}/members/import?dryRun=${dryRun}`,
        headers: {
          ...(await bearer(t.handle.db, f.secretaryA)),
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload: Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="名册.csv"\r\nContent-Type: text/csv\r\n\r\n`,
          ),
          Buffer.from(csv),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      });
    const own = await memberRow(f.secretaryA);
    const header = '姓名,所在支部,手机号,人员类别';
    const changing = `${header}\r\n甲书记,第一党支部,${own.phone},退休\r\n`;
    const dry = await upload(changing, true);
    assert.equal(dry.statusCode, 200, dry.body);
    assert.deepEqual(dry.json().changed, []);
    assert.equal(dry.json().errors.length, 1);
    assert.match(dry.json().errors[0].message, /不能通过导入修改本人的信息，请由组织管理员或本支部其他管理人员修改/);
    const counts = await snapshotCounts(t.handle);
    const applied = await upload(changing, false);
    assert.equal(applied.statusCode, 422, applied.body);
    assert.deepEqual(await snapshotCounts(t.handle), counts);
    assert.deepEqual(await memberRow(f.secretaryA), own);

    const same = await upload(`${header}\r\n甲书记,第一党支部,${own.phone},在职\r\n`, true);
    assert.equal(same.statusCode, 200, same.body);
    assert.equal(same.json().unchanged.length, 1);
    assert.deepEqual(same.json().errors, []);
  });

  test('the only org admin cannot edit, move, deactivate or appoint themselves, and is told to appoint another', async () => {
    const appointFirst = /只有您一位组织管理员，请先任命另一位组织管理员/;
    await refusedSelf('PATCH', `/api/members/${f.admin}`, f.admin, { name: '管理员改' }, appointFirst);
    await refusedSelf('POST', `/api/members/${f.admin}/move`, f.admin, { branchId: f.branchA }, appointFirst);
    await refusedSelf(
      'POST',
      `/api/members/${f.admin}/deactivate`,
      f.admin,
      { reason: 'other', on: '2026-11-01' },
      appointFirst,
    );
    await refusedSelf('POST', `/api/members/${f.admin}/roles`, f.admin, { role: 'org_admin' }, appointFirst);

    // The last org admin cannot step down either (a domain rule, not a self-case).
    const counts = await snapshotCounts(t.handle);
    const last = await call('DELETE', `/api/members/${f.admin}/roles?role=org_admin`, f.admin);
    assert.equal(last.statusCode, 409, last.body);
    assert.equal(last.json().code, 'LAST_ORG_ADMIN');
    assert.deepEqual(await snapshotCounts(t.handle), counts);
  });

  test('with a second org admin, each decides the other’s case and not their own', async () => {
    const appointed = await call('POST', `/api/members/${f.secretaryB}/roles`, f.admin, { role: 'org_admin' });
    assert.equal(appointed.statusCode, 200, appointed.body);
    const another = /请由本单位其他组织管理员处理/;
    await refusedSelf('PATCH', `/api/members/${f.secretaryB}`, f.secretaryB, { name: '乙书记改' }, another);
    await refusedSelf('POST', `/api/members/${f.secretaryB}/move`, f.secretaryB, { branchId: f.branchA }, another);

    const renamed = await call('PATCH', `/api/members/${f.admin}`, f.secretaryB, { name: '组织管理员' });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal((await memberRow(f.admin)).name, '组织管理员');
    const stepDown = await call('DELETE', `/api/members/${f.secretaryB}/roles?role=org_admin`, f.secretaryB);
    assert.equal(stepDown.statusCode, 200, stepDown.body);
  });

  test('a branch manager sees the own branch’s phones in full, others’ masked', async () => {
    const roster = await call('GET', `/api/branches/${f.branchA}/members`, f.memberA2);
    assert.equal(roster.statusCode, 200, roster.body);
    const zhang = roster.json().members.find((m: { id: number }) => m.id === f.memberA1);
    assert.equal(zhang.phone, '13712345678');
    const table = await call('GET', `/api/branches/${f.branchA}/member-table?q=张三`, f.memberA2);
    assert.equal(table.statusCode, 200, table.body);
    assert.equal(table.json().items[0].phone, '13712345678');
    const byAdmin = await call('GET', `/api/members/${f.memberA1}`, f.admin);
    assert.equal(byAdmin.json().phone, '137****5678', 'the org admin sees it masked');
    const bySecretaryB = await call('GET', `/api/branches/${f.branchB}/members`, f.secretaryB);
    assert.equal(bySecretaryB.statusCode, 200);
  });
});
