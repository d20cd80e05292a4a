import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { addMember, bearer, buildOrgFixture, type OrgFixture } from '../../../mocks/fixtures.js';
import { cst } from '../../src/lib/time.js';
import { recordActivityHours } from '../../src/volunteer/service.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
  Buffer.alloc(64, 1),
]);

function multipart(files: Array<{ name: string; bytes: Buffer; type?: string }>) {
  const boundary = '----xianfeng-test-boundary';
  const parts = files.map((f) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'image/jpeg'}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    ]),
  );
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const day = (offset = 0) => cst(Date.now()).add(offset, 'day').format('YYYY-MM-DD');

describe('volunteer routes', () => {
  let t: TestApp;
  let f: OrgFixture;
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await bearer(t.handle.db, as), ...(payload ? { payload } : {}) });
  const upload = async (as: number, files: Array<{ name: string; bytes: Buffer; type?: string }>) => {
    const body = multipart(files);
    return t.app.inject({
      method: 'POST',
      url: '/api/volunteer/photos',
      headers: { ...(await bearer(t.handle.db, as)), ...body.headers },
      payload: body.payload,
    });
  };
  const record = (over: object = {}) => ({
    servedOn: day(),
    hours: 2,
    category: '社区服务',
    place: '和平社区',
    description: '清理楼道小广告',
    ...over,
  });
  const total = async (memberId: number) => (await call('GET', '/api/me/points', memberId)).json().summary.total;

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
  });
  after(async () => t.close());

  test('a member logs hours with a photo; the secretary approves; points and hours rise and the entry names the record', async () => {
    const photo = await upload(f.memberA1, [{ name: 'a.png', bytes: PNG, type: 'image/png' }]);
    assert.equal(photo.statusCode, 200, photo.body);
    assert.equal(photo.json().mime, 'image/png');
    const created = await call('POST', '/api/volunteer/records', f.memberA1, record({ photoIds: [photo.json().id] }));
    assert.equal(created.statusCode, 200, created.body);
    assert.equal(created.json().status, 'pending');
    assert.equal(created.json().photos.length, 1);
    assert.equal(created.json().points, null);

    const pending = (await call('GET', `/api/branches/${f.branchA}/volunteer/records`, f.secretaryA)).json();
    assert.ok(pending.items.some((r: { id: number }) => r.id === created.json().id));

    const approved = await call('POST', `/api/volunteer/records/${created.json().id}/approve`, f.secretaryA);
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().status, 'approved');
    assert.equal(approved.json().points, 2);
    assert.equal(approved.json().reviewer.name, '甲书记');
    assert.equal(await total(f.memberA1), 62);

    const mine = (await call('GET', '/api/me/volunteer', f.memberA1)).json();
    assert.equal(mine.approvedHours, 2);
    const entries = (await call('GET', '/api/me/points/entries?sourceType=volunteer_record', f.memberA1)).json();
    const [, month, date] = day().split('-');
    assert.equal(entries.items[0].sourceTitle, `${Number(month)}月${Number(date)}日 社区服务 2 小时`);

    const twice = await call('POST', `/api/volunteer/records/${created.json().id}/approve`, f.secretaryA);
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().code, 'RECORD_NOT_PENDING');
    assert.equal(await total(f.memberA1), 62);
  });

  test('bad records are refused with a specific code and change nothing', async () => {
    await call('POST', '/api/volunteer/records', f.memberA2, record({ hours: 8 }));
    const foreignPhoto = (await upload(f.memberB1, [{ name: 'b.jpg', bytes: JPEG }])).json().id;
    const before = await snapshotCounts(t.handle);
    const cases: Array<[object, number, string]> = [
      [record({ servedOn: day(1) }), 400, 'DATE_IN_FUTURE'],
      [record({ servedOn: day(-91) }), 400, 'DATE_TOO_OLD'],
      [record({ servedOn: '2026-02-30' }), 400, 'DATE_INVALID'],
      [record({ hours: 0 }), 400, 'VALIDATION_FAILED'],
      [record({ hours: 1.3 }), 400, 'VALIDATION_FAILED'],
      [record({ hours: 12.5 }), 400, 'VALIDATION_FAILED'],
      [record({ hours: 4.5 }), 400, 'DAILY_HOURS_EXCEEDED'],
      [record({ category: '打卡' }), 400, 'VALIDATION_FAILED'],
      [record({ place: '' }), 400, 'VALIDATION_FAILED'],
      [record({ description: '好'.repeat(501) }), 400, 'VALIDATION_FAILED'],
      [record({ photoIds: [foreignPhoto] }), 400, 'PHOTO_INVALID'],
      [record({ photoIds: [1, 2, 3, 4] }), 400, 'VALIDATION_FAILED'],
      [record({ memberId: f.memberA1 }), 400, 'VALIDATION_FAILED'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await call('POST', '/api/volunteer/records', f.memberA2, payload);
      assert.equal(res.statusCode, status, JSON.stringify(payload));
      assert.equal(res.json().code, code, JSON.stringify(payload));
    }
    assert.deepEqual(await snapshotCounts(t.handle), before);
    // 8 + 4 is exactly the 12 a day.
    assert.equal((await call('POST', '/api/volunteer/records', f.memberA2, record({ hours: 4 }))).statusCode, 200);
  });

  test('approval pays full hours under the monthly cap of 2', async () => {
    const m = await addMember(t.handle.db, { orgId: f.orgId, branchId: f.branchA, name: '钱七' });
    const first = (await call('POST', '/api/volunteer/records', m, record({ hours: 3.5 }))).json();
    const res = await call('POST', `/api/volunteer/records/${first.id}/approve`, f.secretaryA);
    assert.equal(res.json().points, 2);
    const entry = (await call('GET', '/api/me/points/entries', m)).json().items[0];
    assert.equal(entry.cappedFrom, 3);
    const second = (await call('POST', '/api/volunteer/records', m, record({ hours: 1 }))).json();
    assert.equal((await call('POST', `/api/volunteer/records/${second.id}/approve`, f.secretaryA)).json().points, 0);
    assert.equal(await total(m), 62);
  });

  test('a rejected record is corrected and resubmitted; an approved one is locked and only reversed', async () => {
    const m = await addMember(t.handle.db, { orgId: f.orgId, branchId: f.branchA, name: '孙八' });
    const rec = (await call('POST', '/api/volunteer/records', m, record({ hours: 1 }))).json();
    const noReason = await call('POST', `/api/volunteer/records/${rec.id}/reject`, f.secretaryA, {});
    assert.equal(noReason.statusCode, 400);
    const rejected = await call('POST', `/api/volunteer/records/${rec.id}/reject`, f.secretaryA, {
      reason: '地点不清楚',
    });
    assert.equal(rejected.json().status, 'rejected');
    assert.equal(rejected.json().rejectReason, '地点不清楚');
    assert.equal((await call('POST', `/api/volunteer/records/${rec.id}/approve`, f.secretaryA)).statusCode, 409);

    const other = await call('PUT', `/api/volunteer/records/${rec.id}`, f.memberA1, record({ hours: 1 }));
    assert.equal(other.statusCode, 403);
    const fixed = await call(
      'PUT',
      `/api/volunteer/records/${rec.id}`,
      m,
      record({ hours: 1, place: '和平社区三号楼' }),
    );
    assert.equal(fixed.statusCode, 200, fixed.body);
    assert.equal(fixed.json().status, 'pending');
    assert.equal(fixed.json().submissions, 2);
    assert.equal(fixed.json().rejectReason, null);

    assert.equal((await call('POST', `/api/volunteer/records/${rec.id}/approve`, f.secretaryA)).json().points, 1);
    assert.equal(await total(m), 61);
    const locked = await call('PUT', `/api/volunteer/records/${rec.id}`, m, record({ hours: 2 }));
    assert.equal(locked.statusCode, 409);
    assert.equal(locked.json().code, 'RECORD_LOCKED');

    assert.equal(
      (await call('POST', `/api/volunteer/records/${rec.id}/reverse`, f.secretaryB, { reason: '重复登记' })).statusCode,
      403,
    );
    const reversed = await call('POST', `/api/volunteer/records/${rec.id}/reverse`, f.secretaryA, {
      reason: '重复登记',
    });
    assert.equal(reversed.statusCode, 200, reversed.body);
    assert.equal(reversed.json().status, 'reversed');
    assert.equal(reversed.json().reversalReason, '重复登记');
    assert.equal(await total(m), 60);
    const again = await call('POST', `/api/volunteer/records/${rec.id}/reverse`, f.secretaryA, { reason: '重复登记' });
    assert.equal(again.json().code, 'RECORD_NOT_APPROVED');
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', String(rec.id))
      .execute();
    assert.deepEqual(
      audit
        .map((a) => a.action)
        .filter((a) => a.startsWith('volunteer.'))
        .sort(),
      ['volunteer.approve', 'volunteer.reject', 'volunteer.reverse'],
    );
  });

  test('review is refused to members, other branches, other orgs and oneself', async () => {
    const rec = (await call('POST', '/api/volunteer/records', f.memberB1, record({ hours: 1 }))).json();
    const own = (await call('POST', '/api/volunteer/records', f.secretaryA, record({ hours: 1 }))).json();
    const before = await snapshotCounts(t.handle);
    for (const [as, id, code] of [
      [f.memberA1, rec.id, 'FORBIDDEN_ROLE'],
      [f.secretaryA, rec.id, 'FORBIDDEN_SCOPE'],
      [f.other.admin, rec.id, 'FORBIDDEN_SCOPE'],
      [f.secretaryA, own.id, 'SELF_REVIEW'],
    ] as const) {
      const res = await call('POST', `/api/volunteer/records/${id}/approve`, as);
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().code, code);
    }
    assert.equal((await call('POST', '/api/volunteer/records/999999/approve', f.secretaryA)).statusCode, 404);
    assert.equal((await call('GET', `/api/branches/${f.branchB}/volunteer/records`, f.secretaryA)).statusCode, 403);
    assert.equal((await call('GET', `/api/branches/${f.branchA}/volunteer/records`, f.memberA1)).statusCode, 403);
    assert.equal((await call('GET', `/api/volunteer/records/${rec.id}`, f.memberA1)).statusCode, 403);
    assert.deepEqual(await snapshotCounts(t.handle), before);
    // The org admin reviews any branch of the own org, including the secretary's own record.
    assert.equal((await call('POST', `/api/volunteer/records/${own.id}/approve`, f.admin)).statusCode, 200);
    assert.equal((await call('POST', `/api/volunteer/records/${rec.id}/approve`, f.secretaryB)).statusCode, 200);
  });

  test('photos: type by content, 5 MB, one per upload; served only to the member, their secretary and the org admin', async () => {
    const fake = await upload(f.retiredA3, [
      { name: 'photo.jpg', bytes: Buffer.from('这不是图片，只是文字'.repeat(10)) },
    ]);
    assert.equal(fake.statusCode, 400);
    assert.equal(fake.json().code, 'PHOTO_TYPE');
    const big = await upload(f.retiredA3, [
      { name: 'big.jpg', bytes: Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024)]) },
    ]);
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().code, 'PHOTO_TOO_LARGE');
    const two = await upload(f.retiredA3, [
      { name: 'a.jpg', bytes: JPEG },
      { name: 'b.jpg', bytes: JPEG },
    ]);
    assert.equal(two.statusCode, 400);
    assert.equal(two.json().code, 'TOO_MANY_FILES');
    const json = await call('POST', '/api/volunteer/photos', f.retiredA3, { file: 'x' });
    assert.equal(json.statusCode, 415);
    const photos = await t.handle.db
      .selectFrom('volunteer_photos')
      .select('id')
      .where('member_id', '=', f.retiredA3)
      .execute();
    assert.equal(photos.length, 0, 'refused uploads store nothing');

    const ok = await upload(f.retiredA3, [{ name: 'no-extension', bytes: JPEG, type: 'application/octet-stream' }]);
    assert.equal(ok.statusCode, 200, ok.body);
    const url = ok.json().url as string;
    for (const [as, status] of [
      [f.retiredA3, 200],
      [f.secretaryA, 200],
      [f.admin, 200],
      [f.memberA1, 403],
      [f.secretaryB, 403],
      [f.other.admin, 403],
    ] as const) {
      const res = await call('GET', url, as);
      assert.equal(res.statusCode, status, `photo for ${as}`);
      if (status === 200) {
        assert.equal(res.headers['content-type'], 'image/jpeg');
        assert.deepEqual(res.rawPayload, JPEG);
      }
    }
    assert.equal((await t.app.inject({ method: 'GET', url })).statusCode, 401);
  });

  test('the year view counts approved and pending hours', async () => {
    const m = await addMember(t.handle.db, { orgId: f.orgId, branchId: f.branchB, name: '周九' });
    const a = (await call('POST', '/api/volunteer/records', m, record({ hours: 1.5 }))).json();
    await call('POST', '/api/volunteer/records', m, record({ hours: 2.5, category: '助老助残' }));
    await call('POST', `/api/volunteer/records/${a.id}/approve`, f.secretaryB);
    const mine = (await call('GET', '/api/me/volunteer', m)).json();
    assert.equal(mine.approvedHours, 1.5);
    assert.equal(mine.pendingHours, 2.5);
    assert.deepEqual(mine.records.map((r: { status: string }) => r.status).sort(), ['approved', 'pending']);
    assert.equal((await call('GET', '/api/me/volunteer', f.admin)).statusCode, 403);
  });

  test('a volunteer activity records hours by check-in and check-out for review', async () => {
    const m = await addMember(t.handle.db, { orgId: f.orgId, branchId: f.branchB, name: '吴十' });
    const start = Date.now() - 3 * 3_600_000;
    const activity = await t.handle.db
      .insertInto('activities')
      .values({
        org_id: f.orgId,
        branch_id: f.branchB,
        type: 'volunteer',
        title: '文明交通志愿服务',
        topic: '路口劝导',
        place: '人民广场',
        starts_at: start,
        ends_at: start + 3 * 3_600_000,
        checkin_opens_at: start - 1_800_000,
        checkin_closes_at: start + 3 * 3_600_000,
        late_after: start + 600_000,
        status: 'scheduled',
        secret: 'volunteer-activity-secret',
        created_at: start,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const input = {
      activityId: activity.id,
      memberId: m,
      checkInAt: start,
      checkOutAt: start + 2.8 * 3_600_000,
      place: '人民广场',
      title: '文明交通志愿服务',
    };
    const id = await recordActivityHours(t.handle.db, input);
    assert.ok(id);
    assert.equal(await recordActivityHours(t.handle.db, input), id, 'a second check-out keeps the first record');
    const rec = (await call('GET', `/api/volunteer/records/${id}`, m)).json();
    assert.equal(rec.hours, 2.5);
    assert.equal(rec.source, 'activity');
    assert.equal(rec.status, 'pending');
  });
});
