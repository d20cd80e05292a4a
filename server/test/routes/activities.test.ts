import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { buildOrgFixture, bearer, type OrgFixture } from '../../../mocks/fixtures.js';
import { toIso } from '../../src/lib/time.js';

const MIN = 60_000;

describe('activities and check-in', () => {
  let t: TestApp;
  let f: OrgFixture;
  const tokens = new Map<number, { authorization: string }>();
  const auth = async (id: number) => {
    if (!tokens.has(id)) tokens.set(id, await bearer(t.handle.db, id));
    return tokens.get(id)!;
  };
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await auth(as), ...(payload ? { payload } : {}) });
  const pointsOf = async (memberId: number) => (await call('GET', '/api/me', memberId)).json().points.total as number;

  /** A 主题党日 of branch A that started `startedMinAgo` minutes ago (negative: in the future). */
  async function themeDay(startedMinAgo = 5, extra: object = {}) {
    const start = Date.now() - startedMinAgo * MIN;
    const res = await call('POST', `/api/branches/${f.branchA}/activities`, f.secretaryA, {
      type: 'theme_day',
      title: '主题党日：学习党章',
      topic: '学习党章第一章',
      place: '三楼会议室',
      startsAt: toIso(start),
      endsAt: toIso(start + 120 * MIN),
      ...extra,
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { id: number; counts: { invited: number } };
  }
  const display = async (id: number) => (await call('GET', `/api/activities/${id}/display`, f.secretaryA)).json();

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
  });
  after(async () => t.close());
  beforeEach(() => {
    t.app.clock.offsetMs = 0;
  });

  test('a secretary creates an activity for the branch with the default window; members see it', async () => {
    const start = Date.now() + 2 * 24 * 60 * MIN;
    const res = await call('POST', `/api/branches/${f.branchA}/activities`, f.secretaryA, {
      type: 'general_meeting',
      title: '支部党员大会',
      topic: '讨论发展党员',
      place: '会议室',
      startsAt: toIso(start),
      endsAt: toIso(start + 90 * MIN),
    });
    assert.equal(res.statusCode, 200, res.body);
    const a = res.json();
    assert.equal(a.counts.invited, 4, 'secretary and the three members of branch A');
    assert.equal(Date.parse(a.checkinOpensAt), start - 30 * MIN);
    assert.equal(Date.parse(a.checkinClosesAt), start + 90 * MIN);
    assert.equal(Date.parse(a.lateAfter), start + 10 * MIN);
    assert.deepEqual(a.points, { amount: 1, label: '参加“三会一课”' });
    const mine = (await call('GET', '/api/me/activities?when=upcoming', f.memberA1)).json();
    const item = mine.items.find((i: { id: number }) => i.id === a.id);
    assert.equal(item.myStatus, 'pending');
    assert.equal(item.branch.name, '第一党支部');
    const other = (await call('GET', '/api/me/activities?when=upcoming', f.memberB1)).json();
    assert.ok(!other.items.some((i: { id: number }) => i.id === a.id), 'branch B does not see it');
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'activity.create')
      .execute();
    assert.ok(audit.length >= 1);
  });

  test('creating refuses bad input and other branches, and changes nothing', async () => {
    const start = Date.now() + 60 * MIN;
    const good = {
      type: 'theme_day',
      title: '主题党日',
      topic: '',
      place: '会议室',
      startsAt: toIso(start),
      endsAt: toIso(start + 60 * MIN),
    };
    const before = await snapshotCounts(t.handle);
    const cases: Array<[number, object, number, string]> = [
      [f.secretaryA, { ...good, type: 'party' }, 400, 'VALIDATION_FAILED'],
      [f.secretaryA, { ...good, title: '' }, 400, 'VALIDATION_FAILED'],
      [f.secretaryA, { ...good, startsAt: 'tomorrow' }, 400, 'INVALID_TIME'],
      [f.secretaryA, { ...good, endsAt: toIso(start - MIN) }, 400, 'ACTIVITY_ENDS_BEFORE_START'],
      [
        f.secretaryA,
        { ...good, checkinOpensAt: toIso(start + 70 * MIN), checkinClosesAt: toIso(start) },
        400,
        'CHECKIN_WINDOW_INVALID',
      ],
      [f.secretaryA, { ...good, geofence: { lat: 91, lng: 0, radiusM: 100 } }, 400, 'VALIDATION_FAILED'],
      [f.secretaryA, { ...good, memberIds: [f.memberB1] }, 400, 'MEMBER_NOT_IN_AUDIENCE'],
      [f.memberA1, good, 403, 'FORBIDDEN_ROLE'],
      [f.secretaryB, good, 403, 'FORBIDDEN_SCOPE'],
      [f.other.admin, good, 403, 'FORBIDDEN_SCOPE'],
    ];
    for (const [as, payload, status, code] of cases) {
      const res = await call('POST', `/api/branches/${f.branchA}/activities`, as, payload);
      assert.equal(res.statusCode, status, `${JSON.stringify(payload)} ${res.body}`);
      assert.equal(res.json().code, code, JSON.stringify(payload));
    }
    const orgWide = await call('POST', `/api/orgs/${f.orgId}/activities`, f.secretaryA, good);
    assert.equal(orgWide.statusCode, 403, 'a secretary cannot create for the whole org');
    assert.deepEqual(await snapshotCounts(t.handle), before);
    const ok = await call('POST', `/api/branches/${f.branchA}/activities`, f.admin, good);
    assert.equal(ok.statusCode, 200, 'the org admin creates for any branch');
    const all = await call('POST', `/api/orgs/${f.orgId}/activities`, f.admin, good);
    assert.equal(all.json().counts.invited, 6, 'the whole org: every branch member');
    assert.equal(all.json().branch, null);
  });

  test('a member checks in with the 6-digit code; points rise by the rule; a repeat returns the first record', async () => {
    const a = await themeDay(5);
    const before = await pointsOf(f.memberA1);
    const { code } = await display(a.id);
    const res = await call('POST', `/api/activities/${a.id}/checkin`, f.memberA1, { code });
    assert.equal(res.statusCode, 200, res.body);
    const first = res.json();
    assert.equal(first.created, true);
    assert.equal(first.attendance.status, 'present');
    assert.equal(first.attendance.method, 'code');
    assert.equal(first.pointsAwarded, 1);
    assert.equal(await pointsOf(f.memberA1), before + 1);

    t.app.clock.offsetMs = 40_000;
    const again = await call('POST', `/api/activities/${a.id}/checkin`, f.memberA1, {
      code: (await display(a.id)).code,
    });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().created, false);
    assert.equal(again.json().attendance.checkedInAt, first.attendance.checkedInAt);
    assert.equal(await pointsOf(f.memberA1), before + 1, 'no second payment');

    const shown = await display(a.id);
    assert.equal(shown.counts.present, 1);
    assert.deepEqual(
      shown.checkedIn.map((p: { name: string }) => p.name),
      ['张三'],
    );
    assert.ok(!shown.notYet.some((p: { name: string }) => p.name === '张三'));
    assert.ok(shown.notYet.some((p: { name: string }) => p.name === '李四'));
    const detail = (await call('GET', `/api/activities/${a.id}`, f.memberA1)).json();
    assert.equal(detail.myStatus, 'present');
  });

  test('the QR token works; a code is refused once more than 30 s old, and a wrong code is told apart', async () => {
    const a = await themeDay(5);
    const shown = await display(a.id);
    const token = shown.payload.split('/').pop();
    const before = await snapshotCounts(t.handle);

    t.app.clock.offsetMs = 31_000;
    const stale = await call('POST', `/api/activities/${a.id}/checkin`, f.memberA2, { code: shown.code });
    assert.equal(stale.statusCode, 400);
    assert.equal(stale.json().code, 'CHECKIN_CODE_EXPIRED');
    assert.equal(stale.json().message, '签到码已过期，请输入屏幕上最新的签到码');
    const staleQr = await call('POST', `/api/activities/${a.id}/checkin`, f.memberA2, { token });
    assert.equal(staleQr.json().code, 'CHECKIN_CODE_EXPIRED');
    const fresh = (await display(a.id)).code;
    const wrong = String((Number(fresh) + 1) % 1_000_000).padStart(6, '0');
    const bad = await call('POST', `/api/activities/${a.id}/checkin`, f.memberA2, { code: wrong });
    assert.equal(bad.json().code, 'CHECKIN_CODE_INVALID');
    for (const payload of [{}, { code: '12345' }, { code: 'abcdef' }, { code: fresh, memberId: f.memberA1 }]) {
      const res = await call('POST', `/api/activities/${a.id}/checkin`, f.memberA2, payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
    }
    assert.deepEqual(await snapshotCounts(t.handle), before);

    t.app.clock.offsetMs = 0;
    const ok = await call('POST', `/api/activities/${a.id}/checkin`, f.memberA2, {
      token: (await display(a.id)).payload.split('/').pop(),
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().attendance.method, 'qr');
  });

  test('the QR is an https link under the API origin; a browser opening it learns nothing', async () => {
    const a = await themeDay();
    // Behind the reverse proxy (TRUST_PROXY=1): the https origin the phone reached.
    const proxied = await openTestApp({ trustProxy: true });
    try {
      const g = await buildOrgFixture(proxied.handle.db);
      const headers = await bearer(proxied.handle.db, g.secretaryA);
      const start = Date.now() - 5 * MIN;
      const created = await proxied.app.inject({
        method: 'POST',
        url: `/api/branches/${g.branchA}/activities`,
        headers,
        payload: {
          type: 'theme_day',
          title: '主题党日',
          topic: '学习',
          place: '会议室',
          startsAt: toIso(start),
          endsAt: toIso(start + 60 * MIN),
        },
      });
      assert.equal(created.statusCode, 200, created.body);
      const id = created.json().id as number;
      const res = await proxied.app.inject({
        method: 'GET',
        url: `/api/activities/${id}/display`,
        headers: { ...headers, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'xf.example.gov.cn' },
      });
      assert.match(res.json().payload, new RegExp(`^https://xf\\.example\\.gov\\.cn/c/${id}/[A-Za-z0-9_-]{8,64}$`));
    } finally {
      await proxied.close();
    }
    const shown = await display(a.id);
    const link = new RegExp(`^http://localhost(:\\d+)?/c/${a.id}/([A-Za-z0-9_-]{8,64})$`).exec(shown.payload);
    assert.ok(link, shown.payload);
    const viaProxy = await t.app.inject({
      method: 'GET',
      url: `/api/activities/${a.id}/display`,
      headers: { ...(await auth(f.secretaryA)), host: 'xf.example.gov.cn' },
    });
    assert.match(viaProxy.json().payload, new RegExp(`^http://xf\\.example\\.gov\\.cn/c/${a.id}/`));

    // Opened in a browser, without a session: a short Chinese page, no activity, no branch, no token use.
    const before = await snapshotCounts(t.handle);
    const page = await t.app.inject({ method: 'GET', url: `/c/${a.id}/${link![2]}` });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.body, /请用微信扫码签到/);
    assert.ok(!page.body.includes('主题党日') && !page.body.includes('三楼会议室'), 'the page names nothing');
    assert.deepEqual(await snapshotCounts(t.handle), before);
    // The token in the link still checks in, as the mini-program sends it.
    const ok = await call('POST', `/api/activities/${a.id}/checkin`, f.memberA1, { token: link![2] });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().attendance.method, 'qr');
  });

  test('the previous step is accepted as grace', async () => {
    const a = await themeDay(5);
    const { code, refreshAt } = await display(a.id);
    t.app.clock.offsetMs = Date.parse(refreshAt) - Date.now() + 1_000; // one second into the next step
    const res = await call('POST', `/api/activities/${a.id}/checkin`, f.retiredA3, { code });
    assert.equal(res.statusCode, 200, res.body);
  });

  test('late after the threshold; window, status, invitation and geofence refusals are specific', async () => {
    const late = await themeDay(15);
    const res = await call('POST', `/api/activities/${late.id}/checkin`, f.memberA1, {
      code: (await display(late.id)).code,
    });
    assert.equal(res.json().attendance.status, 'late');
    assert.equal(res.json().pointsAwarded, 1, 'late is paid the same');

    const expectRefusal = async (id: number, as: number, body: object, status: number, code: string) => {
      const before = await snapshotCounts(t.handle);
      const r = await call('POST', `/api/activities/${id}/checkin`, as, body);
      assert.equal(r.statusCode, status, r.body);
      assert.equal(r.json().code, code);
      assert.match(r.json().message, /[\u4e00-\u9fa5]/);
      assert.deepEqual(await snapshotCounts(t.handle), before);
    };
    const future = await themeDay(-60);
    await expectRefusal(future.id, f.memberA1, { code: (await display(future.id)).code }, 409, 'CHECKIN_NOT_OPEN');
    const over = await themeDay(200);
    await expectRefusal(over.id, f.memberA1, { code: (await display(over.id)).code }, 409, 'CHECKIN_WINDOW_CLOSED');
    const open = await themeDay(5);
    await expectRefusal(open.id, f.memberB1, { code: (await display(open.id)).code }, 403, 'NOT_INVITED');
    await expectRefusal(open.id, f.other.member, { code: (await display(open.id)).code }, 404, 'NOT_FOUND');
    await expectRefusal(777777, f.memberA1, { code: '123456' }, 404, 'NOT_FOUND');

    const fenced = await themeDay(5, { geofence: { lat: 39.9087, lng: 116.3975, radiusM: 300 } });
    const fencedCode = (await display(fenced.id)).code;
    await expectRefusal(fenced.id, f.memberA1, { code: fencedCode }, 400, 'CHECKIN_LOCATION_REQUIRED');
    await expectRefusal(
      fenced.id,
      f.memberA1,
      { code: fencedCode, lat: 39.95, lng: 116.3975 },
      403,
      'CHECKIN_OUTSIDE_GEOFENCE',
    );
    const inside = await call('POST', `/api/activities/${fenced.id}/checkin`, f.memberA1, {
      code: fencedCode,
      lat: 39.909,
      lng: 116.398,
    });
    assert.equal(inside.statusCode, 200, inside.body);

    const cancelled = await themeDay(-120);
    const code = (await display(cancelled.id)).code;
    assert.equal(
      (await call('POST', `/api/activities/${cancelled.id}/cancel`, f.secretaryA, { reason: '上级临时通知' }))
        .statusCode,
      200,
    );
    t.app.clock.offsetMs = 110 * MIN;
    await expectRefusal(
      cancelled.id,
      f.memberA1,
      { code: (await display(cancelled.id)).code },
      409,
      'ACTIVITY_CANCELLED',
    );
    assert.ok(code);

    t.app.clock.offsetMs = 0;
    const closed = await themeDay(5);
    assert.equal((await call('POST', `/api/activities/${closed.id}/close`, f.admin)).statusCode, 200);
    await expectRefusal(closed.id, f.memberA2, { code: (await display(closed.id)).code }, 409, 'ACTIVITY_CLOSED');
  });

  test('wrong codes are limited per member', async () => {
    const a = await themeDay(5);
    const fresh = (await display(a.id)).code;
    const wrong = String((Number(fresh) + 500_000) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 10; i++) {
      const r = await call('POST', `/api/activities/${a.id}/checkin`, f.retiredA3, { code: wrong });
      assert.equal(r.json().code, 'CHECKIN_CODE_INVALID');
    }
    const blocked = await call('POST', `/api/activities/${a.id}/checkin`, f.retiredA3, { code: fresh });
    assert.equal(blocked.statusCode, 429);
    assert.equal(blocked.json().code, 'CHECKIN_TOO_MANY_ATTEMPTS');
    const other = await call('POST', `/api/activities/${a.id}/checkin`, f.memberA1, { code: fresh });
    assert.equal(other.statusCode, 200, 'other members are not affected');
  });

  test('two members racing the same token both succeed; one member twice at once gets one record and one entry', async () => {
    const a = await themeDay(5);
    const { code } = await display(a.id);
    const [x, y] = await Promise.all([
      call('POST', `/api/activities/${a.id}/checkin`, f.memberA1, { code }),
      call('POST', `/api/activities/${a.id}/checkin`, f.memberA2, { code }),
    ]);
    assert.equal(x.statusCode, 200, x.body);
    assert.equal(y.statusCode, 200, y.body);
    assert.equal(x.json().created && y.json().created, true);

    const twice = await Promise.all([
      call('POST', `/api/activities/${a.id}/checkin`, f.retiredA3, { code }),
      call('POST', `/api/activities/${a.id}/checkin`, f.retiredA3, { code }),
      call('POST', `/api/activities/${a.id}/checkin`, f.retiredA3, { code }),
    ]);
    for (const r of twice) assert.equal(r.statusCode, 200, r.body);
    assert.equal(twice.filter((r) => r.json().created).length, 1);
    const rows = await t.handle.db
      .selectFrom('attendance')
      .select('id')
      .where('activity_id', '=', a.id)
      .where('member_id', '=', f.retiredA3)
      .execute();
    assert.equal(rows.length, 1);
    const entries = await t.handle.db
      .selectFrom('points_ledger')
      .select('id')
      .where('source_type', '=', 'activity')
      .where('source_id', '=', String(a.id))
      .where('member_id', '=', f.retiredA3)
      .execute();
    assert.equal(entries.length, 1);
  });

  test('leave: asked before the start, approved by the secretary, then check-in is refused as already approved', async () => {
    const a = await themeDay(-24 * 60);
    const ask = await call('POST', `/api/activities/${a.id}/leave`, f.memberA1, { reason: '出差在外' });
    assert.equal(ask.statusCode, 200, ask.body);
    assert.equal(ask.json().status, 'pending');
    assert.equal((await call('POST', `/api/activities/${a.id}/leave`, f.memberA1, { reason: '' })).statusCode, 400);
    assert.equal(
      (await call('POST', `/api/activities/${a.id}/leave`, f.memberB1, { reason: '出差在外' })).json().code,
      'NOT_INVITED',
    );

    const decide = (as: number, body: object) =>
      call('POST', `/api/activities/${a.id}/leave-requests/${ask.json().id}/decision`, as, body);
    assert.equal((await decide(f.memberA2, { approve: true })).statusCode, 403);
    assert.equal((await decide(f.secretaryB, { approve: true })).json().code, 'FORBIDDEN_SCOPE');
    assert.equal((await decide(f.other.admin, { approve: true })).statusCode, 403);
    const approved = await decide(f.secretaryA, { approve: true, note: '同意' });
    assert.equal(approved.statusCode, 200, approved.body);
    const row = approved.json().rows.find((r: { member: { id: number } }) => r.member.id === f.memberA1);
    assert.equal(row.status, 'leave');
    assert.equal(row.leave.status, 'approved');
    assert.equal((await decide(f.secretaryA, { approve: false })).json().code, 'LEAVE_ALREADY_DECIDED');
    const again = await call('POST', `/api/activities/${a.id}/leave`, f.memberA1, { reason: '还是出差' });
    assert.equal(again.json().code, 'LEAVE_ALREADY_APPROVED');

    t.app.clock.offsetMs = 24 * 60 * MIN;
    const checkin = await call('POST', `/api/activities/${a.id}/checkin`, f.memberA1, {
      code: (await display(a.id)).code,
    });
    assert.equal(checkin.statusCode, 409);
    assert.equal(checkin.json().code, 'LEAVE_ALREADY_APPROVED');
    const tooLate = await call('POST', `/api/activities/${a.id}/leave`, f.memberA2, { reason: '临时有事' });
    assert.equal(tooLate.json().code, 'LEAVE_TOO_LATE');
  });

  test('a rejected leave can be asked again; the member sees the decision', async () => {
    const a = await themeDay(-24 * 60);
    const ask = (await call('POST', `/api/activities/${a.id}/leave`, f.memberA2, { reason: '家中有事' })).json();
    await call('POST', `/api/activities/${a.id}/leave-requests/${ask.id}/decision`, f.secretaryA, {
      approve: false,
      note: '请尽量参加',
    });
    const detail = (await call('GET', `/api/activities/${a.id}`, f.memberA2)).json();
    assert.equal(detail.myLeaveRequest.status, 'rejected');
    assert.equal(detail.myLeaveRequest.decisionNote, '请尽量参加');
    assert.equal(detail.myStatus, 'pending');
    const again = await call('POST', `/api/activities/${a.id}/leave`, f.memberA2, { reason: '家中老人住院' });
    assert.equal(again.json().status, 'pending');
  });

  test('roster marks are audited, pay and reverse points; close marks the rest absent; the record is kept', async () => {
    const a = await themeDay(5);
    const before = await pointsOf(f.retiredA3);
    const mark = (memberId: number, body: object, as = f.secretaryA) =>
      call('PUT', `/api/activities/${a.id}/attendance/${memberId}`, as, body);
    const marked = await mark(f.retiredA3, { status: 'present', note: '书记代为登记' });
    assert.equal(marked.statusCode, 200, marked.body);
    const row = marked.json().rows.find((r: { member: { id: number } }) => r.member.id === f.retiredA3);
    assert.equal(row.status, 'present');
    assert.equal(row.method, 'roster');
    assert.equal(row.note, '书记代为登记');
    assert.equal(await pointsOf(f.retiredA3), before + 1);
    await mark(f.retiredA3, { status: 'absent', note: '实际未到' });
    assert.equal(await pointsOf(f.retiredA3), before, 'the payment is reversed');
    await mark(f.retiredA3, { status: 'late' });
    assert.equal(await pointsOf(f.retiredA3), before + 1, 'paid again after the correction');
    const audits = await t.handle.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'attendance.mark')
      .where('target_id', '=', String(a.id))
      .execute();
    assert.equal(audits.length, 3);

    const snap = await snapshotCounts(t.handle);
    assert.equal((await mark(f.retiredA3, { status: 'present' }, f.memberA1)).statusCode, 403);
    assert.equal((await mark(f.retiredA3, { status: 'present' }, f.secretaryB)).statusCode, 403);
    assert.equal((await mark(f.retiredA3, { status: 'present' }, f.other.admin)).statusCode, 403);
    assert.equal((await mark(f.memberB1, { status: 'present' })).json().code, 'MEMBER_NOT_INVITED');
    assert.equal((await mark(f.retiredA3, { status: 'gone' })).statusCode, 400);
    assert.deepEqual(await snapshotCounts(t.handle), snap);

    assert.equal((await call('GET', `/api/activities/${a.id}/roster`, f.memberA1)).statusCode, 403);
    assert.equal((await call('GET', `/api/activities/${a.id}/roster`, f.secretaryB)).statusCode, 403);
    assert.equal((await call('GET', `/api/activities/${a.id}/display`, f.memberA1)).statusCode, 403);
    assert.equal((await call('GET', `/api/activities/${a.id}/display`, f.other.admin)).statusCode, 403);
    assert.equal((await call('POST', `/api/activities/${a.id}/close`, f.secretaryB)).statusCode, 403);

    // The secretary is invited and unrecorded: closing would mark them absent, their own case.
    const beforeClose = await snapshotCounts(t.handle);
    const selfClose = await call('POST', `/api/activities/${a.id}/close`, f.secretaryA);
    assert.equal(selfClose.statusCode, 409);
    assert.equal(selfClose.json().code, 'CLOSER_NOT_RECORDED');
    assert.deepEqual(await snapshotCounts(t.handle), beforeClose, 'the refusal changes nothing');
    assert.equal((await mark(f.secretaryA, { status: 'absent', note: '另有公务' }, f.admin)).statusCode, 200);

    const closed = await call('POST', `/api/activities/${a.id}/close`, f.secretaryA);
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().status, 'closed');
    assert.equal(closed.json().counts.late, 1);
    assert.equal(closed.json().counts.absent, 3);
    assert.equal(closed.json().counts.pending, 0);
    assert.equal((await call('POST', `/api/activities/${a.id}/close`, f.secretaryA)).json().code, 'ACTIVITY_CLOSED');
    const past = (await call('GET', '/api/me/activities?when=past', f.memberA1)).json();
    assert.equal(past.items.find((i: { id: number }) => i.id === a.id).myStatus, 'absent');

    const record = await call('PUT', `/api/activities/${a.id}/record`, f.secretaryA, {
      record: '会议学习了党章第一章。',
    });
    assert.equal(record.statusCode, 200, record.body);
    assert.equal(record.json().record, '会议学习了党章第一章。');
    assert.equal(
      (await call('PUT', `/api/activities/${a.id}/record`, f.memberA1, { record: '改记录' })).statusCode,
      403,
    );
    const list = (await call('GET', `/api/branches/${f.branchA}/activities`, f.secretaryA)).json();
    assert.equal(list.items.find((i: { id: number }) => i.id === a.id).hasRecord, true);
    assert.equal((await call('GET', `/api/branches/${f.branchA}/activities`, f.secretaryB)).statusCode, 403);
    assert.equal((await call('GET', `/api/orgs/${f.orgId}/activities`, f.secretaryA)).statusCode, 403);
    assert.equal((await call('GET', `/api/orgs/${f.orgId}/activities`, f.admin)).statusCode, 200);
  });

  test('the geofence radius is one of 100 / 300 / 500 / 1000 m; anything else is refused and nothing is created', async () => {
    const start = Date.now() + 60 * MIN;
    const body = (radiusM: number) => ({
      type: 'theme_day',
      title: '主题党日',
      topic: '',
      place: '会议室',
      startsAt: toIso(start),
      endsAt: toIso(start + 90 * MIN),
      geofence: { lat: 39.9, lng: 116.4, radiusM },
    });
    const snap = await snapshotCounts(t.handle);
    for (const radiusM of [50, 200, 999, 5000]) {
      const res = await call('POST', `/api/branches/${f.branchA}/activities`, f.secretaryA, body(radiusM));
      assert.equal(res.statusCode, 400, `${radiusM} m`);
      assert.equal(res.json().code, 'GEOFENCE_RADIUS_INVALID');
      assert.match(res.json().message, /100 \/ 300 \/ 500 \/ 1000 米/);
    }
    assert.deepEqual(await snapshotCounts(t.handle), snap);
    for (const radiusM of [100, 300, 500, 1000]) {
      const res = await call('POST', `/api/branches/${f.branchA}/activities`, f.secretaryA, body(radiusM));
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().geofence.radiusM, radiusM);
    }
  });

  test('a meeting days away takes no live marks, only leave, until check-in opens', async () => {
    const a = await themeDay(-10 * 24 * 60);
    const mark = (status: string) =>
      call('PUT', `/api/activities/${a.id}/attendance/${f.memberA1}`, f.secretaryA, { status });
    const snap = await snapshotCounts(t.handle);
    for (const status of ['present', 'late', 'absent']) {
      const res = await mark(status);
      assert.equal(res.statusCode, 409, status);
      assert.equal(res.json().code, 'MARK_TOO_EARLY');
      assert.match(res.json().message, /现在可以登记请假/);
    }
    assert.deepEqual(await snapshotCounts(t.handle), snap);
    const leave = await mark('leave');
    assert.equal(leave.statusCode, 200, leave.body);
    // Once check-in opens, the roster takes every mark.
    t.app.clock.offsetMs = 10 * 24 * 60 * MIN - 20 * MIN;
    assert.equal((await mark('present')).statusCode, 200);
  });

  test('rejecting leave needs a reason, which the member reads; a bare rejection changes nothing', async () => {
    const a = await themeDay(-24 * 60);
    const ask = (await call('POST', `/api/activities/${a.id}/leave`, f.memberA1, { reason: '出差' })).json();
    const decide = (body: object, as = f.secretaryA) =>
      call('POST', `/api/activities/${a.id}/leave-requests/${ask.id}/decision`, as, body);
    const snap = await snapshotCounts(t.handle);
    for (const body of [{ approve: false }, { approve: false, note: ' ' }, { approve: false, note: '否' }]) {
      const res = await decide(body);
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().code, 'LEAVE_REJECT_REASON_REQUIRED');
    }
    assert.deepEqual(await snapshotCounts(t.handle), snap);
    assert.equal((await call('GET', `/api/activities/${a.id}`, f.memberA1)).json().myLeaveRequest.status, 'pending');
    assert.equal((await decide({ approve: false, note: '本次为换届选举，请务必参加' })).statusCode, 200);
    const mine = (await call('GET', `/api/activities/${a.id}`, f.memberA1)).json();
    assert.equal(mine.myLeaveRequest.status, 'rejected');
    assert.equal(mine.myLeaveRequest.decisionNote, '本次为换届选举，请务必参加');
  });

  test('the closer is never silently marked absent: refused until checked in or marked by another manager', async () => {
    const a = await themeDay(5);
    const shown = (await call('GET', `/api/activities/${a.id}/display`, f.secretaryA)).json();
    assert.equal(shown.viewerStatus, 'pending', 'the screen reminds the secretary to check in');
    assert.equal(Date.parse(shown.checkinOpensAt), Date.parse(shown.startsAt) - 30 * MIN);
    assert.equal((await call('GET', `/api/activities/${a.id}/display`, f.admin)).json().viewerStatus, null);

    const snap = await snapshotCounts(t.handle);
    const refused = await call('POST', `/api/activities/${a.id}/close`, f.secretaryA);
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().code, 'CLOSER_NOT_RECORDED');
    assert.match(refused.json().message, /另一位管理人员/);
    assert.deepEqual(await snapshotCounts(t.handle), snap);
    // Self-marking stays refused.
    const self = await call('PUT', `/api/activities/${a.id}/attendance/${f.secretaryA}`, f.secretaryA, {
      status: 'present',
    });
    assert.equal(self.statusCode, 403);
    assert.equal(self.json().code, 'SELF_REVIEW');

    // The secretary checks in with the code on the screen, like everyone else; then closing works.
    const checked = await call('POST', `/api/activities/${a.id}/checkin`, f.secretaryA, { code: shown.code });
    assert.equal(checked.statusCode, 200, checked.body);
    assert.equal((await call('GET', `/api/activities/${a.id}/display`, f.secretaryA)).json().viewerStatus, 'present');
    const closed = await call('POST', `/api/activities/${a.id}/close`, f.secretaryA);
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().myStatus, 'present');
    assert.equal(closed.json().counts.absent, 3);

    // The org admin (not invited) closes another one: the unrecorded secretary is marked, by someone else.
    const b = await themeDay(5);
    const byAdmin = await call('POST', `/api/activities/${b.id}/close`, f.admin);
    assert.equal(byAdmin.statusCode, 200, byAdmin.body);
    const roster = (await call('GET', `/api/activities/${b.id}/roster`, f.admin)).json();
    const secretaryRow = roster.rows.find((r: { member: { id: number } }) => r.member.id === f.secretaryA);
    assert.equal(secretaryRow.status, 'absent');
  });

  test("the secretary's list carries the check-in window; 管理 reads pending counts in one call", async () => {
    const a = await themeDay(-10 * 24 * 60);
    const list = (await call('GET', `/api/branches/${f.branchA}/activities`, f.secretaryA)).json();
    const item = list.items.find((i: { id: number }) => i.id === a.id);
    assert.equal(Date.parse(item.checkinOpensAt), Date.parse(item.startsAt) - 30 * MIN);
    assert.equal(item.checkinClosesAt, item.endsAt);

    await call('POST', `/api/activities/${a.id}/leave`, f.memberA2, { reason: '外出学习' });
    const org = await call('GET', `/api/orgs/${f.orgId}/pending`, f.admin);
    assert.equal(org.statusCode, 200, org.body);
    assert.ok(org.json().leave.count >= 1);
    assert.equal(typeof org.json().volunteer.count, 'number');
    assert.equal(typeof org.json().objections.count, 'number');
    const branch = (await call('GET', `/api/branches/${f.branchA}/pending`, f.secretaryA)).json();
    assert.ok(branch.leave.count >= 1);
    assert.equal((await call('GET', `/api/orgs/${f.orgId}/pending`, f.secretaryA)).statusCode, 403);
    assert.equal((await call('GET', `/api/orgs/${f.orgId}/pending`, f.other.admin)).statusCode, 403);
  });

  test('editing and cancelling: scope, state and a locked type once members have checked in', async () => {
    const a = await themeDay(5);
    const start = Date.now() - 5 * MIN;
    const input = {
      type: 'party_lecture',
      title: '党课',
      topic: '',
      place: '礼堂',
      startsAt: toIso(start),
      endsAt: toIso(start + 60 * MIN),
    };
    assert.equal((await call('PUT', `/api/activities/${a.id}`, f.secretaryB, input)).statusCode, 403);
    const edited = await call('PUT', `/api/activities/${a.id}`, f.secretaryA, {
      ...input,
      type: 'theme_day',
      place: '礼堂',
    });
    assert.equal(edited.json().place, '礼堂');
    await call('POST', `/api/activities/${a.id}/checkin`, f.memberA1, { code: (await display(a.id)).code });
    assert.equal(
      (await call('PUT', `/api/activities/${a.id}`, f.secretaryA, input)).json().code,
      'ACTIVITY_TYPE_LOCKED',
    );
    assert.equal(
      (await call('POST', `/api/activities/${a.id}/cancel`, f.secretaryA, { reason: '临时取消' })).json().code,
      'ACTIVITY_HAS_ATTENDANCE',
    );
    const b = await themeDay(-60);
    assert.equal(
      (await call('POST', `/api/activities/${b.id}/cancel`, f.memberA1, { reason: '临时取消' })).statusCode,
      403,
    );
    const cancelled = await call('POST', `/api/activities/${b.id}/cancel`, f.admin, { reason: '上级临时通知' });
    assert.equal(cancelled.json().status, 'cancelled');
    assert.equal(cancelled.json().cancelReason, '上级临时通知');
    assert.equal((await call('PUT', `/api/activities/${b.id}`, f.secretaryA, input)).json().code, 'ACTIVITY_CANCELLED');
    const detailOther = await call('GET', `/api/activities/${b.id}`, f.other.member);
    assert.equal(detailOther.statusCode, 403);
    assert.equal((await call('GET', `/api/activities/${b.id}`, f.memberB1)).json().code, 'NOT_INVITED');
  });
});
