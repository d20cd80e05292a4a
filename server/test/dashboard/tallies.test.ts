// Activity tallies are kept by triggers: whatever code inserts, corrects or removes an
// invitation or an attendance row, the dashboard's counts follow at once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../helpers.js';
import { bearer } from '../../../mocks/fixtures.js';
import { buildHistory, type History } from './history.js';

describe('activity tallies', () => {
  let t: TestApp;
  let h: History;

  before(async () => {
    t = await openTestApp();
    h = await buildHistory(t.handle.db);
  });
  after(async () => t.close());

  /** Per activity of branch A in 2025, counted straight from the rows. */
  async function recount() {
    const db = t.handle.db;
    const out = new Map<number, number[]>();
    for (const a of h.activities.filter((x) => x.branch === 'A' && x.status === 'closed' && x.key !== 'recent')) {
      if (a.startsAt < Date.parse('2025-01-01T00:00:00+08:00')) continue;
      const invited = await db
        .selectFrom('activity_invitees')
        .select('member_id')
        .where('activity_id', '=', a.id)
        .execute();
      const rows = await db.selectFrom('attendance').select('status').where('activity_id', '=', a.id).execute();
      const n = (s: string) => rows.filter((r) => r.status === s).length;
      out.set(a.id, [invited.length, n('present'), n('late'), n('leave')]);
    }
    return out;
  }

  async function shown() {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/branches/${h.f.branchA}/dashboard?date=2025-06-15`,
      headers: await bearer(t.handle.db, h.f.secretaryA),
    });
    const body = res.json() as {
      activities: Array<{ id: number; invited: number; present: number; late: number; leave: number }>;
    };
    return new Map(
      body.activities
        .filter((a) => a.id !== h.activities.find((x) => x.key === 'orgWide')!.id)
        .map((a) => [a.id, [a.invited, a.present, a.late, a.leave]]),
    );
  }

  test('corrections, removals and late invitations show in the figures at once', async () => {
    assert.deepEqual(await shown(), await recount());
    const march = h.activities.find((a) => a.key === 'march')!;
    const lecture = h.activities.find((a) => a.key === 'lecture')!;
    const db = t.handle.db;
    // The secretary corrects 王老五 from absent to late, removes 张三's late record and invitation,
    // records 王老五 at the lecture; a guest is invited to the lecture after the fact.
    await db
      .updateTable('attendance')
      .set({ status: 'late' })
      .where('activity_id', '=', march.id)
      .where('member_id', '=', h.f.retiredA3)
      .execute();
    await db
      .deleteFrom('attendance')
      .where('activity_id', '=', march.id)
      .where('member_id', '=', h.f.memberA1)
      .execute();
    await db
      .insertInto('attendance')
      .values({
        activity_id: lecture.id,
        member_id: h.f.retiredA3,
        status: 'leave',
        method: 'roster',
        checked_in_at: null,
        note: '补登',
        marked_by: h.f.secretaryA,
        created_at: Date.now(),
      })
      .execute();
    await db.insertInto('activity_invitees').values({ activity_id: lecture.id, member_id: h.f.memberB1 }).execute();
    await db
      .deleteFrom('activity_invitees')
      .where('activity_id', '=', march.id)
      .where('member_id', '=', h.f.memberA2)
      .execute();

    const after = await recount();
    assert.deepEqual(after.get(march.id), [3, 1, 1, 1], 'march: 甲书记 present, 王老五 late, 李四 on leave');
    assert.deepEqual(after.get(lecture.id), [5, 3, 0, 1]);
    assert.deepEqual(await shown(), after);
  });
});
