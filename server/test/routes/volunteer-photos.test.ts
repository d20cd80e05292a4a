// Photos leave storage when nothing needs them: removed from a record, at once; uploaded and
// never attached, after a day (the in-process sweep).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openTestApp, type TestApp } from '../helpers.js';
import { bearer, buildOrgFixture, type OrgFixture } from '../../../mocks/fixtures.js';
import { cst } from '../../src/lib/time.js';
import { sweepLoosePhotos } from '../../src/volunteer/photo-cleanup.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('volunteer photo storage', () => {
  let t: TestApp;
  let f: OrgFixture;
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await bearer(t.handle.db, as), ...(payload ? { payload } : {}) });
  const upload = async (as: number) => {
    const boundary = '----xianfeng-photo-test';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      PNG,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/volunteer/photos',
      headers: { ...(await bearer(t.handle.db, as)), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().id as number;
  };
  const fileOf = async (id: number) => {
    const row = await t.handle.db
      .selectFrom('volunteer_photos')
      .select('file_name')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return path.join(t.app.config.uploadsDir, row.file_name);
  };
  const record = (photoIds: number[]) => ({
    servedOn: cst(Date.now()).format('YYYY-MM-DD'),
    hours: 2,
    category: '社区服务',
    place: '和平社区',
    description: '清理楼道小广告',
    photoIds,
  });

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
  });
  after(async () => t.close());

  test('a photo removed from a record is deleted from storage; the kept one stays', async () => {
    const [keep, drop] = [await upload(f.memberA1), await upload(f.memberA1)];
    const [keepFile, dropFile] = [await fileOf(keep), await fileOf(drop)];
    const created = await call('POST', '/api/volunteer/records', f.memberA1, record([keep, drop]));
    assert.equal(created.statusCode, 200, created.body);
    const id = created.json().id as number;

    const edited = await call('PUT', `/api/volunteer/records/${id}`, f.memberA1, record([keep]));
    assert.equal(edited.statusCode, 200, edited.body);
    assert.deepEqual(
      edited.json().photos.map((p: { id: number }) => p.id),
      [keep],
    );
    assert.ok(fs.existsSync(keepFile), 'the kept photo is still stored');
    assert.ok(!fs.existsSync(dropFile), 'the removed photo is gone from storage');
    const row = await t.handle.db.selectFrom('volunteer_photos').select('id').where('id', '=', drop).executeTakeFirst();
    assert.equal(row, undefined);

    // A refused edit (a date in the future) removes nothing.
    const refused = await call('PUT', `/api/volunteer/records/${id}`, f.memberA1, {
      ...record([]),
      servedOn: cst(Date.now()).add(2, 'day').format('YYYY-MM-DD'),
    });
    assert.equal(refused.statusCode, 400);
    assert.ok(fs.existsSync(keepFile));
  });

  test('the sweep removes uploads on no record older than a day, and nothing else', async () => {
    const old = await upload(f.memberA2);
    const fresh = await upload(f.memberA2);
    const attached = await upload(f.memberA2);
    const created = await call('POST', '/api/volunteer/records', f.memberA2, record([attached]));
    assert.equal(created.statusCode, 200, created.body);
    const twoDaysAgo = Date.now() - 2 * 86_400_000;
    await t.handle.db
      .updateTable('volunteer_photos')
      .set({ created_at: twoDaysAgo })
      .where('id', 'in', [old, attached])
      .execute();
    const files = { old: await fileOf(old), fresh: await fileOf(fresh), attached: await fileOf(attached) };

    assert.equal(await sweepLoosePhotos(t.handle.db, t.app.config.uploadsDir), 1);
    assert.ok(!fs.existsSync(files.old), 'the day-old loose upload is gone');
    assert.ok(fs.existsSync(files.fresh), 'a recent upload may still be attached');
    assert.ok(fs.existsSync(files.attached), 'a photo on a record stays');
    const left = await t.handle.db
      .selectFrom('volunteer_photos')
      .select('id')
      .where('id', 'in', [old, fresh, attached])
      .orderBy('id')
      .execute();
    assert.deepEqual(
      left.map((r) => r.id),
      [fresh, attached],
    );
    assert.equal(await sweepLoosePhotos(t.handle.db, t.app.config.uploadsDir), 0, 'a second run finds nothing');
  });

  test('a file already missing does not stop the sweep', async () => {
    const gone = await upload(f.retiredA3);
    const next = await upload(f.retiredA3);
    await t.handle.db
      .updateTable('volunteer_photos')
      .set({ created_at: Date.now() - 3 * 86_400_000 })
      .where('id', 'in', [gone, next])
      .execute();
    fs.unlinkSync(await fileOf(gone));
    const nextFile = await fileOf(next);
    assert.equal(await sweepLoosePhotos(t.handle.db, t.app.config.uploadsDir), 2);
    assert.ok(!fs.existsSync(nextFile));
  });
});
