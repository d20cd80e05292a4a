import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../helpers.js';
import { bearer, buildOrgFixture, type OrgFixture } from '../../../mocks/fixtures.js';
import { award } from '../../src/points/service.js';
import { cst } from '../../src/lib/time.js';
import type { PointsRules, RulesAdmin, RulesPreview } from '../../src/contract/points.js';

type PreviewItem = RulesPreview['items'][number];

type Draft = Omit<PointsRules, 'version'>;

describe('points rules edited by the org admin', () => {
  let t: TestApp;
  let f: OrgFixture;
  const call = async (method: 'GET' | 'POST', url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await bearer(t.handle.db, as), ...(payload ? { payload } : {}) });
  const rulesUrl = () => `/api/orgs/${f.orgId}/points/rules`;
  const today = cst(Date.now()).format('YYYY-MM-DD');
  const tomorrow = cst(Date.now()).add(1, 'day').format('YYYY-MM-DD');
  const yesterday = cst(Date.now()).add(-1, 'day').format('YYYY-MM-DD');
  const view = async (): Promise<RulesAdmin> => (await call('GET', rulesUrl(), f.admin)).json();
  const draft = async (): Promise<Draft> => structuredClone((await view()).current);
  const setThreshold = (d: Draft, stars: number, min: number) => {
    d.starThresholds.find((s) => s.stars === stars)!.min = min;
  };
  const total = async (memberId: number) => (await call('GET', '/api/me/points', memberId)).json().summary.total;
  const ruleSetCount = async () =>
    (await t.handle.db.selectFrom('points_rule_sets').select('id').where('org_id', '=', f.orgId).execute()).length;

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
    // This year: 张三 70 (★★), 李四 65 (★), 赵六 60 (★, a row with nothing earned); the
    // secretaries and 王老五 have no row yet (the base alone, 60, ★).
    const pay = (memberId: number, delta: number, sourceId: string) =>
      award(t.handle.db, {
        memberId,
        ruleCode: 'award',
        sourceType: 'manual',
        sourceId,
        occurredAt: Date.now(),
        delta,
        reason: '表彰',
      });
    await pay(f.memberA1, 5, 'a1');
    await pay(f.memberA1, 5, 'a2');
    await pay(f.memberA2, 5, 'b1');
    await t.handle.db
      .insertInto('points_totals')
      .values({
        member_id: f.memberB1,
        year: cst(Date.now()).year(),
        org_id: f.orgId,
        branch_id: f.branchB,
        base: 60,
        earned: 0,
        updated_at: Date.now(),
      })
      .execute();
  });
  after(async () => t.close());

  test('the admin reads the rules in effect, version 1, and the bounds', async () => {
    const v = await view();
    assert.equal(v.current.version, 1);
    assert.equal(v.current.baseScore, 60);
    assert.equal(v.scheduled, null);
    assert.deepEqual(
      v.versions.map((x) => [x.version, x.status]),
      [[1, 'in_effect']],
    );
    assert.deepEqual(v.limits.absence, { min: -2, max: 0 });
    assert.equal(v.today, today);
  });

  test('every problem of a draft comes back at once, in Chinese, by field; nothing is written', async () => {
    const d = await draft();
    d.baseScore = 60.5;
    d.rules.find((r) => r.code === 'award')!.max = 11;
    d.rules.find((r) => r.code === 'deduction')!.min = -21;
    d.rules.find((r) => r.code === 'absence')!.points = -3;
    d.rules.find((r) => r.code === 'quiz_pass')!.points = 3; // quiz cap 8 a year: still fine
    d.caps.theme_day = { year: 0 }; // below one attendance (1)
    d.caps.volunteer = { month: 9, year: 8 }; // a month above the year
    d.caps.award = { year: 4 }; // below one award of up to 5
    setThreshold(d, 2, 55); // not above ★ (60)
    setThreshold(d, 5, 151);
    d.rules.push({ code: 'sing_song', label: 'x', description: 'x', points: 1, capGroup: 'x' });
    const before = await ruleSetCount();
    for (const url of [`${rulesUrl()}/preview`, rulesUrl()]) {
      const res = await call('POST', url, f.admin, { rules: d, effectiveFrom: yesterday });
      assert.equal(res.statusCode, 400, res.body);
      const body = res.json();
      assert.equal(body.code, 'RULES_INVALID');
      const fields = Object.fromEntries(
        body.details.map((e: { field: string; message: string }) => [e.field, e.message]),
      );
      assert.deepEqual(Object.keys(fields).sort(), [
        'baseScore',
        'caps.award.year',
        'caps.theme_day.year',
        'caps.volunteer.year',
        'effectiveFrom',
        'rules.absence.points',
        'rules.award.max',
        'rules.deduction.min',
        'rules.sing_song',
        'starThresholds.2',
        'starThresholds.5',
      ]);
      assert.equal(fields.baseScore, '基础分须为整数');
      assert.equal(fields['rules.award.max'], '单次奖励上限须在 1 至 10 之间');
      assert.equal(fields['rules.deduction.min'], '单次扣分上限须在 -20 至 -1 之间');
      assert.equal(fields['rules.absence.points'], '无故缺席扣分须在 -2 至 0 之间');
      assert.equal(fields['caps.theme_day.year'], '参加主题党日每年封顶（0 分）不能低于单次得分（1 分）');
      assert.equal(fields['caps.award.year'], '表彰奖励每年封顶（4 分）不能低于单次得分（5 分）');
      assert.equal(fields['caps.volunteer.year'], '志愿服务每年封顶（8 分）不能低于每月封顶（9 分）');
      assert.equal(fields['starThresholds.2'], '二星门槛分（55）须高于一星门槛分（60）');
      assert.equal(fields['starThresholds.5'], '五星门槛分须在 0 至 150 之间');
      assert.equal(fields.effectiveFrom, '生效日期不能早于今天');
    }
    assert.equal(await ruleSetCount(), before);
    assert.equal(await total(f.memberA1), 70);
  });

  test('thresholds must name each of one to five stars once', async () => {
    const d = await draft();
    d.starThresholds = d.starThresholds.slice(0, 4);
    const res = await call('POST', `${rulesUrl()}/preview`, f.admin, { rules: d });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json().details, [{ field: 'starThresholds', message: '须为一星至五星各设一个门槛分' }]);
  });

  test('the preview counts and names the members whose star level would change, writing nothing', async () => {
    // Base 65: 李四 65 → 70 crosses ★★; 张三 70 → 75 stays ★★; the rest 60 → 65 stay ★.
    const d = await draft();
    d.baseScore = 65;
    let res = await call('POST', `${rulesUrl()}/preview`, f.admin, { rules: d });
    assert.equal(res.statusCode, 200, res.body);
    let p = res.json();
    assert.equal(p.members, 6);
    assert.equal(p.levelChanged, 1);
    assert.deepEqual(
      p.items.map((m: PreviewItem) => [
        m.name,
        m.branchName,
        m.oldTotal,
        m.newTotal,
        m.oldLevel.label,
        m.newLevel.label,
      ]),
      [['李四', '第一党支部', 65, 70, '★', '★★']],
    );
    assert.deepEqual(p.changes, ['基础分：60 → 65']);

    // ★★ from 75 instead of 70: only 张三 (70) falls back to ★; totals unchanged.
    const d2 = await draft();
    setThreshold(d2, 2, 75);
    p = (await call('POST', `${rulesUrl()}/preview`, f.admin, { rules: d2 })).json();
    assert.equal(p.levelChanged, 1);
    assert.deepEqual(
      p.items.map((m: PreviewItem) => [m.name, m.oldTotal, m.newTotal, m.oldLevel.stars, m.newLevel.stars]),
      [['张三', 70, 70, 2, 1]],
    );

    // Base 50: everybody drops a level; six members, in branch order.
    const d3 = await draft();
    d3.baseScore = 50;
    p = (await call('POST', `${rulesUrl()}/preview`, f.admin, { rules: d3 })).json();
    assert.equal(p.levelChanged, 6);
    assert.deepEqual(
      p.items.map((m: PreviewItem) => [m.name, m.newTotal, m.newLevel.label]),
      [
        ['甲书记', 50, '不合格'],
        ['张三', 60, '★'],
        ['李四', 55, '不合格'],
        ['王老五', 50, '不合格'],
        ['乙书记', 50, '不合格'],
        ['赵六', 50, '不合格'],
      ],
    );
    // A base change taking effect next year leaves this year's totals alone.
    const nextYear = `${cst(Date.now()).year() + 1}-01-01`;
    res = await call('POST', `${rulesUrl()}/preview`, f.admin, { rules: d3, effectiveFrom: nextYear });
    if (cst(Date.now()).add(366, 'day').format('YYYY-MM-DD') >= nextYear) assert.equal(res.json().levelChanged, 0);
    assert.equal(await ruleSetCount(), 1);
    assert.equal(await total(f.memberA2), 65);
  });

  test('publishing today makes version 2 in effect, re-bases this year, and is audited', async () => {
    const d = await draft();
    d.baseScore = 65;
    const res = await call('POST', rulesUrl(), f.admin, { rules: d, effectiveFrom: today });
    assert.equal(res.statusCode, 200, res.body);
    const v: RulesAdmin = res.json();
    assert.equal(v.current.version, 2);
    assert.equal(v.current.effectiveFrom, today);
    assert.deepEqual(
      v.versions.map((x) => [x.version, x.status, x.publishedBy]),
      [
        [2, 'in_effect', '管理员'],
        [1, 'past', null],
      ],
    );
    assert.equal(await total(f.memberA2), 70);
    assert.equal(await total(f.secretaryA), 65);
    const member = (await call('GET', '/api/points/rules', f.memberA1)).json();
    assert.equal(member.version, 2);
    assert.equal(member.effectiveFrom, today);
    const log = await t.handle.db
      .selectFrom('audit_log')
      .select(['actor_id', 'target_id', 'detail'])
      .where('action', '=', 'points.rules_publish')
      .execute();
    assert.equal(log.length, 1);
    assert.equal(log[0]!.actor_id, f.admin);
    assert.deepEqual(JSON.parse(log[0]!.detail!), { version: 2, effectiveFrom: today, changes: ['基础分：60 → 65'] });

    const again = await call('POST', rulesUrl(), f.admin, { rules: d, effectiveFrom: today });
    assert.equal(again.statusCode, 400);
    assert.equal(again.json().code, 'RULES_UNCHANGED');
  });

  test('a version from tomorrow pays entries dated from tomorrow; earlier entries keep theirs', async () => {
    const d = await draft();
    d.rules.find((r) => r.code === 'attend_theme_day')!.points = 2;
    const res = await call('POST', rulesUrl(), f.admin, { rules: d, effectiveFrom: tomorrow });
    assert.equal(res.statusCode, 200, res.body);
    const v: RulesAdmin = res.json();
    assert.equal(v.current.version, 2);
    assert.equal(v.scheduled?.version, 3);
    assert.equal(v.scheduled?.effectiveFrom, tomorrow);
    assert.equal(v.versions[0]!.status, 'scheduled');

    const themeDay = (sourceId: string, occurredAt: number) =>
      award(t.handle.db, {
        memberId: f.memberB1,
        ruleCode: 'attend_theme_day',
        sourceType: 'activity',
        sourceId,
        occurredAt,
      });
    const todayEntry = (await themeDay('td-today', Date.now())).entry!;
    const tomorrowNoon = Date.parse(`${tomorrow}T12:00:00+08:00`);
    const tomorrowEntry = (await themeDay('td-tomorrow', tomorrowNoon)).entry!;
    assert.deepEqual([todayEntry.rule_version, todayEntry.delta], [2, 1]);
    assert.deepEqual([tomorrowEntry.rule_version, tomorrowEntry.delta], [3, 2]);
    const earlier = await t.handle.db
      .selectFrom('points_ledger')
      .select('rule_version')
      .where('member_id', '=', f.memberA1)
      .execute();
    assert.deepEqual(
      earlier.map((e) => e.rule_version),
      [1, 1],
    );
    // Members still read version 2 today.
    assert.equal((await call('GET', '/api/points/rules', f.memberA1)).json().version, 2);

    // Publishing again, today, supersedes the version still waiting for its date.
    const back = await call('POST', rulesUrl(), f.admin, { rules: await draft(), effectiveFrom: today });
    assert.equal(back.statusCode, 200, back.body);
    assert.deepEqual(
      (back.json() as RulesAdmin).versions.map((x) => [x.version, x.status]),
      [
        [4, 'in_effect'],
        [3, 'superseded'],
        [2, 'past'],
        [1, 'past'],
      ],
    );
  });

  test('only the org admin of this organisation may read, preview or publish', async () => {
    const d = await draft();
    d.baseScore = 61;
    for (const as of [f.secretaryA, f.memberA1]) {
      assert.equal((await call('GET', rulesUrl(), as)).statusCode, 403);
      assert.equal((await call('POST', `${rulesUrl()}/preview`, as, { rules: d })).statusCode, 403);
      assert.equal((await call('POST', rulesUrl(), as, { rules: d, effectiveFrom: today })).statusCode, 403);
    }
    const other = f.other.admin;
    assert.equal((await call('GET', rulesUrl(), other)).statusCode, 403);
    assert.equal((await call('POST', `${rulesUrl()}/preview`, other, { rules: d })).statusCode, 403);
    assert.equal((await call('POST', rulesUrl(), other, { rules: d, effectiveFrom: today })).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'GET', url: rulesUrl() })).statusCode, 401);
    assert.equal((await view()).current.baseScore, 65);
  });
});
