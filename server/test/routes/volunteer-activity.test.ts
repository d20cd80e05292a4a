// 志愿服务活动: hours come from the activity itself. Members check in at the start and check out
// at the end with the same rotating code; the time between, within the activity's start and
// end, becomes a volunteer record that the secretary reviews under the usual caps. A missed
// check-out is completed by a manager with a note, never for oneself.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { buildOrgFixture, bearer, type OrgFixture } from '../../../mocks/fixtures.js';
import { toIso } from '../../src/lib/time.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('volunteer activities: check-in, check-out, hours', () => {
  let t: TestApp;
  let f: OrgFixture;
  const call = async (method: 'GET' | 'POST', url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await bearer(t.handle.db, as), ...(payload ? { payload } : {}) });
  const code = async (activityId: number) =>
    (await call('GET', `/api/activities/${activityId}/display`, f.secretaryA)).json().code as string;
  const earned = async (member: number) =>
    (await call('GET', '/api/me/points', member)).json().summary.earned as number;

  /** A volunteer activity of branch A starting in 20 minutes and lasting three hours. */
  async function volunteerActivity(type = 'volunteer') {
    const start = Date.now() + 20 * MIN;
    const res = await call('POST', `/api/branches/${f.branchA}/activities`, f.secretaryA, {
      type,
      title: '社区义务植树',
      topic: '为社区公园补种树苗',
      place: '滨河公园',
      startsAt: toIso(start),
      endsAt: toIso(start + 3 * HOUR),
    });
    assert.equal(res.statusCode, 200, res.body);
    return { id: res.json().id as number, start, end: start + 3 * HOUR };
  }
  const checkIn = async (id: number, as: number) => {
    const res = await call('POST', `/api/activities/${id}/checkin`, as, { code: await code(id) });
    assert.equal(res.statusCode, 200, res.body);
  };

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
  });
  after(async () => t.close());
  beforeEach(() => {
    t.app.clock.offsetMs = 0;
  });

  test('check-in before the start and check-out after the end record the activity hours; approval pays under the monthly cap', async () => {
    const a = await volunteerActivity();
    await checkIn(a.id, f.memberA1);
    const early = await call('POST', `/api/activities/${a.id}/checkout`, f.memberA2, { code: await code(a.id) });
    assert.equal(early.statusCode, 409, 'not checked in');
    assert.equal(early.json().code, 'NOT_CHECKED_IN');

    t.app.clock.offsetMs = 4 * HOUR; // 40 minutes after the end, within the two hours allowed
    const wrong = await call('POST', `/api/activities/${a.id}/checkout`, f.memberA1, { code: '000000' });
    assert.equal(wrong.statusCode, 400);
    const out = await call('POST', `/api/activities/${a.id}/checkout`, f.memberA1, { code: await code(a.id) });
    assert.equal(out.statusCode, 200, out.body);
    assert.equal(out.json().hours, 3, 'from the start (not the early check-in) to the end (not the late check-out)');
    assert.equal(out.json().recordStatus, 'pending');
    assert.equal(out.json().completedByManager, false);
    const again = await call('POST', `/api/activities/${a.id}/checkout`, f.memberA1, { code: await code(a.id) });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().recordId, out.json().recordId, 'a repeated check-out returns the first');

    const detail = (await call('GET', `/api/activities/${a.id}`, f.memberA1)).json();
    assert.equal(detail.myCheckOut.hours, 3);

    const before = await earned(f.memberA1);
    const approved = await call('POST', `/api/volunteer/records/${out.json().recordId}/approve`, f.secretaryA);
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().source, 'activity');
    assert.equal(approved.json().hours, 3);
    assert.equal((await earned(f.memberA1)) - before, 2, '3 hours pay 2 points: the monthly volunteer cap is 2');
  });

  test('a missed check-out is completed by the secretary with a note; not for oneself; after the grace, by code is refused', async () => {
    const a = await volunteerActivity();
    await checkIn(a.id, f.memberA2);
    await checkIn(a.id, f.secretaryA);
    t.app.clock.offsetMs = 6 * HOUR; // long after the end
    const late = await call('POST', `/api/activities/${a.id}/checkout`, f.memberA2, { code: await code(a.id) });
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().code, 'CHECKOUT_CLOSED');

    const counts = await snapshotCounts(t.handle);
    const url = (member: number) => `/api/activities/${a.id}/attendance/${member}/checkout`;
    const body = { checkedOutAt: toIso(a.start + 2 * HOUR), note: '手机没电，现场确认两小时后离开' };
    for (const [as, member, payload, status, errorCode] of [
      [f.secretaryA, f.secretaryA, body, 403, 'SELF_REVIEW'],
      [f.secretaryB, f.memberA2, body, 403, 'FORBIDDEN_SCOPE'],
      [f.memberA1, f.memberA2, body, 403, 'FORBIDDEN_ROLE'],
      [f.secretaryA, f.memberA2, { ...body, note: '' }, 400, 'VALIDATION_FAILED'],
      [f.secretaryA, f.memberA2, { ...body, checkedOutAt: toIso(a.start - HOUR) }, 400, 'CHECKOUT_BEFORE_CHECKIN'],
      [f.secretaryA, f.memberA2, { ...body, checkedOutAt: toIso(Date.now() + 24 * HOUR) }, 400, 'CHECKOUT_IN_FUTURE'],
      [f.secretaryA, f.memberA1, body, 409, 'NOT_CHECKED_IN'],
    ] as const) {
      const res = await call('POST', url(member), as, payload);
      assert.equal(res.statusCode, status, `${as} for ${member}: ${res.body}`);
      assert.equal(res.json().code, errorCode);
    }
    assert.deepEqual(await snapshotCounts(t.handle), counts, 'refusals change nothing');

    const done = await call('POST', url(f.memberA2), f.secretaryA, body);
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().hours, 2);
    assert.equal(done.json().completedByManager, true);
    assert.equal((await call('POST', url(f.memberA2), f.secretaryA, body)).json().code, 'ALREADY_CHECKED_OUT');
    const own = await call('POST', url(f.secretaryA), f.admin, body);
    assert.equal(own.statusCode, 200, 'the org admin completes the secretary’s own check-out');

    const roster = (await call('GET', `/api/activities/${a.id}/checkouts`, f.secretaryA)).json();
    const row = roster.items.find((r: { member: { id: number } }) => r.member.id === f.memberA2);
    assert.equal(row.note, body.note);
    assert.equal(row.hours, 2);
    assert.equal((await call('GET', `/api/activities/${a.id}/checkouts`, f.memberA2)).statusCode, 403);
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'activity.checkout.complete')
      .execute();
    assert.equal(audit.length, 2);
  });

  test('other activities have no check-out; outsiders are refused', async () => {
    const meeting = await volunteerActivity('theme_day');
    await checkIn(meeting.id, f.memberA1);
    const res = await call('POST', `/api/activities/${meeting.id}/checkout`, f.memberA1, {
      code: await code(meeting.id),
    });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().code, 'NOT_VOLUNTEER_ACTIVITY');
    const a = await volunteerActivity();
    const outsider = await call('POST', `/api/activities/${a.id}/checkout`, f.memberB1, { code: await code(a.id) });
    assert.equal(outsider.statusCode, 403);
    const otherOrg = await call('POST', `/api/activities/${a.id}/checkout`, f.other.member, { code: '123456' });
    assert.equal(otherOrg.statusCode, 404);
  });
});
