import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../helpers.js';
import { buildOrgFixture, bearer, type OrgFixture } from '../../../mocks/fixtures.js';

describe('organisation and roster', () => {
  let t: TestApp;
  let f: OrgFixture;
  const get = async (url: string, as: number) =>
    t.app.inject({ method: 'GET', url, headers: await bearer(t.handle.db, as) });

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
  });
  after(async () => t.close());

  test('the org admin lists the branches with counts and secretaries', async () => {
    const res = await get(`/api/orgs/${f.orgId}/branches`, f.admin);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.org.name, '测试机关党委');
    assert.deepEqual(
      body.branches.map((b: { name: string; memberCount: number; secretaries: Array<{ name: string }> }) => [
        b.name,
        b.memberCount,
        b.secretaries.map((s) => s.name),
      ]),
      [
        ['第一党支部', 4, ['甲书记']],
        ['第二党支部', 2, ['乙书记']],
      ],
    );
  });

  test('branch lists are for the own org admin only', async () => {
    assert.equal((await get(`/api/orgs/${f.orgId}/branches`, f.secretaryA)).statusCode, 403);
    assert.equal((await get(`/api/orgs/${f.orgId}/branches`, f.memberA1)).statusCode, 403);
    assert.equal((await get(`/api/orgs/${f.orgId}/branches`, f.other.admin)).json().code, 'FORBIDDEN_SCOPE');
    assert.equal((await get(`/api/orgs/999999/branches`, f.admin)).statusCode, 404);
    assert.equal((await get(`/api/orgs/abc/branches`, f.admin)).statusCode, 400);
  });

  test('the secretary reads the own roster with phones in full', async () => {
    const res = await get(`/api/branches/${f.branchA}/members`, f.secretaryA);
    assert.equal(res.statusCode, 200);
    const members = res.json().members as Array<{
      name: string;
      phone: string;
      roles: string[];
      politicalStatus: string;
      employment: string;
    }>;
    assert.deepEqual(
      members.map((m) => m.name),
      ['甲书记', '张三', '李四', '王老五'],
    );
    assert.equal(members[1]?.phone, '13712345678');
    assert.equal(members[2]?.politicalStatus, 'probationary');
    assert.equal(members[3]?.employment, 'retired');
  });

  test('the org admin reads any roster of the org with phones masked', async () => {
    const res = await get(`/api/branches/${f.branchA}/members`, f.admin);
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().members[1].phone, '137****5678');
  });

  test('rosters refuse members, other branches and other orgs', async () => {
    const member = await get(`/api/branches/${f.branchA}/members`, f.memberA1);
    assert.equal(member.statusCode, 403);
    assert.match(member.json().message, /仅限/);
    const otherBranch = await get(`/api/branches/${f.branchB}/members`, f.secretaryA);
    assert.equal(otherBranch.statusCode, 403);
    assert.equal(otherBranch.json().code, 'FORBIDDEN_SCOPE');
    assert.equal((await get(`/api/branches/${f.branchA}/members`, f.other.admin)).statusCode, 403);
    assert.equal((await get(`/api/branches/${f.branchA}/members`, f.other.secretary)).statusCode, 403);
    assert.equal((await get(`/api/branches/424242/members`, f.secretaryA)).statusCode, 404);
    assert.equal((await get(`/api/branches/-1/members`, f.secretaryA)).statusCode, 400);
  });

  test('a member sees the own profile; the org admin has no points', async () => {
    const member = (await get('/api/me', f.memberA2)).json();
    assert.deepEqual(member.branch, { id: f.branchA, name: '第一党支部' });
    assert.deepEqual(member.roles, ['member']);
    const admin = (await get('/api/me', f.admin)).json();
    assert.equal(admin.points, null);
    assert.equal(admin.branch, null);
    assert.deepEqual(admin.roles, ['org_admin']);
    const secretary = (await get('/api/me', f.secretaryA)).json();
    assert.deepEqual(secretary.grants, [
      { role: 'member', branchId: null },
      { role: 'secretary', branchId: f.branchA },
    ]);
  });
});
