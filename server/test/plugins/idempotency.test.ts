// The idempotency mechanism (plugins/idempotency.ts) on real routes: a repeat with the same
// key gets the first answer (same status and body) without running the write again; the same
// key with a different request is refused; keys belong to one member; two identical requests
// at once are counted once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { bearer, buildOrgFixture, type OrgFixture } from '../../../mocks/fixtures.js';
import { cst, toIso } from '../../src/lib/time.js';

const MIN = 60_000;
const chinaDay = () => cst(Date.now()).format('YYYY-MM-DD');

describe('idempotency keys', () => {
  let t: TestApp;
  let f: OrgFixture;
  let n = 0;
  const newKey = () => `test-key-${process.pid}-${++n}-abcdefgh`;

  const send = async (url: string, as: number, payload: object, key?: string) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...(await bearer(t.handle.db, as)), ...(key ? { 'idempotency-key': key } : {}) },
      payload,
    });

  async function activity(startsInMinutes: number) {
    const start = Date.now() + startsInMinutes * MIN;
    const res = await send(`/api/branches/${f.branchA}/activities`, f.secretaryA, {
      type: 'theme_day',
      title: `主题党日 ${++n}`,
      topic: '学习党章',
      place: '三楼会议室',
      startsAt: toIso(start),
      endsAt: toIso(start + 120 * MIN),
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().id as number;
  }
  async function code(activityId: number) {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/activities/${activityId}/display`,
      headers: await bearer(t.handle.db, f.secretaryA),
    });
    return res.json().code as string;
  }
  const pointsOf = async (memberId: number) =>
    (
      await t.handle.db
        .selectFrom('points_ledger')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('member_id', '=', memberId)
        .executeTakeFirstOrThrow()
    ).n;

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
  });
  after(async () => t.close());

  test('a repeated leave request gets the first answer, and only one request exists', async () => {
    const id = await activity(60);
    const key = newKey();
    const first = await send(`/api/activities/${id}/leave`, f.memberA1, { reason: '出差在外' }, key);
    assert.equal(first.statusCode, 200, first.body);
    const before = await snapshotCounts(t.handle);
    const again = await send(`/api/activities/${id}/leave`, f.memberA1, { reason: '出差在外' }, key);
    assert.equal(again.statusCode, 200);
    assert.equal(again.body, first.body);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.deepEqual(await snapshotCounts(t.handle), before, 'the repeat changed nothing');
  });

  test('a volunteer record sent twice with its key is one record; without a key it would be two', async () => {
    const record = { servedOn: chinaDay(), hours: 2, category: '社区服务', place: '和平社区', description: '清理楼道' };
    const key = newKey();
    const first = await send('/api/volunteer/records', f.memberA1, record, key);
    assert.equal(first.statusCode, 200, first.body);
    const before = await snapshotCounts(t.handle);
    const again = await send('/api/volunteer/records', f.memberA1, record, key);
    assert.equal(again.statusCode, 200);
    assert.equal(again.body, first.body);
    assert.deepEqual(await snapshotCounts(t.handle), before);
    const unkeyed = await send('/api/volunteer/records', f.memberA1, record);
    assert.equal(unkeyed.statusCode, 200);
    assert.notEqual(unkeyed.json().id, first.json().id, 'the key is what made the repeat one record');
  });

  test('a check-in whose answer was lost is answered again, and counted once', async () => {
    const id = await activity(-5);
    const body = { code: await code(id) };
    const key = newKey();
    const pointsBefore = await pointsOf(f.memberA2);
    const first = await send(`/api/activities/${id}/checkin`, f.memberA2, body, key);
    assert.equal(first.statusCode, 200, first.body);
    const again = await send(`/api/activities/${id}/checkin`, f.memberA2, body, key);
    assert.equal(again.statusCode, 200);
    assert.equal(again.body, first.body);
    assert.equal(await pointsOf(f.memberA2), pointsBefore + 1, 'one points entry for one check-in');
  });

  test('a refusal is the first answer too: the repeat gets the same status and body', async () => {
    const id = await activity(-5);
    const key = newKey();
    const first = await send(`/api/activities/${id}/checkin`, f.retiredA3, { code: '000000' }, key);
    assert.ok(first.statusCode >= 400 && first.statusCode < 500, first.body);
    const again = await send(`/api/activities/${id}/checkin`, f.retiredA3, { code: '000000' }, key);
    assert.equal(again.statusCode, first.statusCode);
    assert.equal(again.body, first.body);
  });

  test('the same key with a different request is refused and changes nothing', async () => {
    const id = await activity(60);
    const other = await activity(90);
    const key = newKey();
    const first = await send(`/api/activities/${id}/leave`, f.memberA2, { reason: '开会' }, key);
    assert.equal(first.statusCode, 200, first.body);
    const before = await snapshotCounts(t.handle);
    const changedBody = await send(`/api/activities/${id}/leave`, f.memberA2, { reason: '培训' }, key);
    assert.equal(changedBody.statusCode, 422);
    assert.equal(changedBody.json().code, 'IDEMPOTENCY_KEY_REUSED');
    assert.match(changedBody.json().message, /不同的内容/);
    const changedTarget = await send(`/api/activities/${other}/leave`, f.memberA2, { reason: '开会' }, key);
    assert.equal(changedTarget.statusCode, 422, 'another activity is another request');
    assert.deepEqual(await snapshotCounts(t.handle), before);
  });

  test('keys belong to one member: another member with the same key gets an answer of their own', async () => {
    const id = await activity(60);
    const key = newKey();
    const mine = await send(`/api/activities/${id}/leave`, f.memberA1, { reason: '出差在外' }, key);
    const theirs = await send(`/api/activities/${id}/leave`, f.retiredA3, { reason: '出差在外' }, key);
    assert.equal(mine.statusCode, 200, mine.body);
    assert.equal(theirs.statusCode, 200, theirs.body);
    assert.notEqual(theirs.json().id, mine.json().id);
    assert.equal(theirs.headers['idempotent-replayed'], undefined);
  });

  test('two identical requests at once: one check-in, both get the same answer', async () => {
    const id = await activity(-5);
    const body = { code: await code(id) };
    const key = newKey();
    const pointsBefore = await pointsOf(f.memberA1);
    const [a, b] = await Promise.all([
      send(`/api/activities/${id}/checkin`, f.memberA1, body, key),
      send(`/api/activities/${id}/checkin`, f.memberA1, body, key),
    ]);
    assert.equal(a.statusCode, 200, a.body);
    assert.equal(b.statusCode, 200, b.body);
    assert.equal(a.body, b.body);
    assert.equal(await pointsOf(f.memberA1), pointsBefore + 1);
    const rows = await t.handle.db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.state, 'done');
  });

  test('a malformed key is refused; routes that do not opt in ignore the header', async () => {
    const id = await activity(60);
    const bad = await send(`/api/activities/${id}/leave`, f.memberA1, { reason: '出差' }, 'short');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'INVALID_IDEMPOTENCY_KEY');
    const key = newKey();
    const created = await send(
      `/api/branches/${f.branchA}/activities`,
      f.secretaryA,
      {
        type: 'theme_day',
        title: '不参与幂等的路由',
        topic: '学习',
        place: '会议室',
        startsAt: toIso(Date.now() + 60 * MIN),
        endsAt: toIso(Date.now() + 120 * MIN),
      },
      key,
    );
    assert.equal(created.statusCode, 200, created.body);
    const stored = await t.handle.db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).execute();
    assert.equal(stored.length, 0);
  });
});
