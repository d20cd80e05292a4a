// Several organisations share a deployment and nothing crosses between them: every route
// of the OpenAPI document that addresses a resource (x-access names a scope) is called by the
// other organisation's admin, secretary and member against real resources of the first
// organisation, and each call is refused (403 or 404) and changes nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, snapshotCounts, type TestApp } from './helpers.js';
import { buildOrgFixture, bearer, type OrgFixture } from '../../mocks/fixtures.js';
import { caller, checkInWithCode, themeDayNow, type Call } from './routes/flows.js';
import { addBank, inFuture } from './routes/quiz-fixture.js';
import { cst, toIso } from '../src/lib/time.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

interface JsonSchema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minProperties?: number;
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  format?: string;
  pattern?: string;
}

/**
 * A small valid instance of a request body schema, so a refusal comes from the guard (which
 * decides after validation) and not from a 400 on a malformed body.
 */
function sampleOf(schema: JsonSchema, name = ''): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return sampleOf(choices.find((c) => c.type !== 'null') ?? choices[0]!, name);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const key of schema.required ?? []) value[key] = sampleOf(schema.properties![key]!, key);
      // A patch body names at least one field.
      for (const key of Object.keys(schema.properties ?? {})) {
        if (Object.keys(value).length >= (schema.minProperties ?? 0)) break;
        value[key] ??= sampleOf(schema.properties![key]!, key);
      }
      return value;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleOf(schema.items!, name));
    case 'integer':
    case 'number':
      if (/year/i.test(name)) return cst(Date.now()).year();
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'string':
      if (schema.format === 'date-time' || /At$/.test(name)) return toIso(Date.now() + 24 * 3600_000);
      if (schema.format === 'date' || /\\d\{4\}-/.test(schema.pattern ?? '') || /On$/.test(name)) {
        return cst(Date.now()).format('YYYY-MM-DD');
      }
      return '跨组织测试'.padEnd(Math.max(schema.minLength ?? 0, 5), '测');
    default:
      return null;
  }
}

describe('isolation between organisations', () => {
  let t: TestApp;
  let f: OrgFixture;
  let call: Call;
  const ids: Record<string, number> = {};

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
    call = caller(
      () => t.app,
      () => t.handle.db,
    );
    const ok = (res: { statusCode: number; body: string }) => {
      assert.equal(res.statusCode, 200, res.body);
      return JSON.parse(res.body) as Record<string, unknown>;
    };

    // Resources of the first organisation, made the way its people make them.
    const bank = await addBank(t.handle.db, f.orgId);
    const activity = await themeDayNow(call, f.branchA, f.secretaryA);
    await checkInWithCode(call, activity, f.secretaryA, f.memberA1);
    const entry = await t.handle.db
      .selectFrom('points_ledger')
      .select('id')
      .where('member_id', '=', f.memberA1)
      .where('source_type', '=', 'activity')
      .executeTakeFirstOrThrow();
    const objection = ok(
      await call('POST', `/api/points/entries/${entry.id}/objections`, f.memberA1, { reason: '签到时间登记有误' }),
    );
    const start = Date.now() + 2 * 24 * 3600_000;
    const later = ok(
      await call('POST', `/api/branches/${f.branchA}/activities`, f.secretaryA, {
        type: 'general_meeting',
        title: '支部党员大会',
        topic: '年度总结',
        place: '二楼会议室',
        startsAt: toIso(start),
        endsAt: toIso(start + 2 * 3600_000),
      }),
    );
    const leave = ok(await call('POST', `/api/activities/${later.id}/leave`, f.memberA2, { reason: '出差在外' }));
    const boundary = '----xianfeng-isolation';
    const photo = ok(
      await t.app.inject({
        method: 'POST',
        url: '/api/volunteer/photos',
        headers: {
          ...(await bearer(t.handle.db, f.memberA1)),
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload: Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
          ),
          PNG,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      }),
    );
    const record = ok(
      await call('POST', '/api/volunteer/records', f.memberA1, {
        servedOn: cst(Date.now()).format('YYYY-MM-DD'),
        hours: 2,
        category: '社区服务',
        place: '社区服务站',
        description: '整理图书角',
        photoIds: [photo.id],
      }),
    );
    const quiz = ok(
      await call('POST', '/api/quizzes', f.secretaryA, {
        title: '党章知识测试',
        kind: 'exam',
        branchId: f.branchA,
        questionIds: bank.map((q) => q.id),
        timeLimitMinutes: 20,
        passMark: 60,
        maxAttempts: 1,
        opensAt: inFuture(-60),
        closesAt: inFuture(60 * 24),
      }),
    );
    const attempt = ok(await call('POST', `/api/quizzes/${quiz.id}/attempts`, f.memberA1));
    const practice = ok(await call('POST', '/api/practice/daily', f.memberA2));
    // Kept directly: this app runs with subscribe messages off (no template ids).
    const subscription = await t.handle.db
      .insertInto('subscriptions')
      .values({
        org_id: f.orgId,
        member_id: f.memberA1,
        kind: 'new_quiz',
        target_type: null,
        target_id: null,
        template_id: 'tmpl-isolation',
        status: 'pending',
        created_at: Date.now(),
        claimed_at: null,
        finished_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    Object.assign(ids, {
      org: f.orgId,
      branch: f.branchA,
      member: f.memberA1,
      activity,
      leaveRequest: leave.id,
      leaveActivity: later.id,
      volunteerRecord: record.id,
      volunteerPhoto: photo.id,
      question: bank[0]!.id,
      quiz: quiz.id,
      attempt: attempt.attemptId,
      pointsEntry: entry.id,
      objection: objection.id,
      practiceSession: practice.id,
      subscription: subscription.id,
    });
    for (const [name, id] of Object.entries(ids)) assert.ok(Number.isInteger(id) && id > 0, `${name}: ${id}`);
  });
  after(() => t.close());

  /** The first organisation's rows a refused write could touch, in full. */
  async function contents() {
    const db = t.handle.db;
    return {
      counts: await snapshotCounts(t.handle),
      orgs: await db.selectFrom('orgs').selectAll().orderBy('id').execute(),
      branches: await db.selectFrom('branches').selectAll().orderBy('id').execute(),
      activities: await db.selectFrom('activities').selectAll().orderBy('id').execute(),
      attendance: await db.selectFrom('attendance').selectAll().orderBy('id').execute(),
      leave: await db.selectFrom('leave_requests').selectAll().orderBy('id').execute(),
      volunteer: await db.selectFrom('volunteer_records').selectAll().orderBy('id').execute(),
      questions: await db.selectFrom('questions').selectAll().orderBy('id').execute(),
      attempts: await db.selectFrom('quiz_attempts').selectAll().orderBy('id').execute(),
      practice: await db.selectFrom('practice_items').selectAll().execute(),
      objections: await db.selectFrom('points_objections').selectAll().orderBy('id').execute(),
      invites: await db.selectFrom('invites').selectAll().orderBy('id').execute(),
      subscriptions: await db.selectFrom('subscriptions').selectAll().orderBy('id').execute(),
    };
  }

  test('every scoped route refuses the other organisation and changes nothing', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            'x-access'?: string;
            requestBody?: { content: Record<string, { schema: JsonSchema }> };
            parameters?: Array<{ in: string; name: string; required?: boolean; schema: JsonSchema }>;
          }
        >
      >;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => /scope=/.test(item[m]?.['x-access'] ?? '')).map((method) => ({
        path,
        method,
        op: item[method]!,
        scope: /scope=(\w+)/.exec(item[method]!['x-access']!)![1]!,
      })),
    );
    const scopes = new Set(operations.map((o) => o.scope));
    for (const scope of Object.keys(ids).filter((k) => k !== 'leaveActivity')) {
      assert.ok(scopes.has(scope), `a scoped route for ${scope}`);
    }
    assert.ok(operations.length >= 50, `expected every scoped route, found ${operations.length}`);

    const before = await contents();
    const outsiders = { admin: f.other.admin, secretary: f.other.secretary, member: f.other.member };
    const walked: string[] = [];
    for (const { path, method, op, scope } of operations) {
      const url = path.replace(/\{(\w+)\}/g, (_, param: string) => {
        if (param === 'orgId') return String(ids.org);
        if (param === 'branchId') return String(ids.branch);
        if (param === 'memberId') return String(ids.member);
        if (param === 'requestId') return String(ids.leaveRequest);
        if (param === 'subscriptionId') return String(ids.subscription);
        if (param === 'year') return String(cst(Date.now()).year());
        if (param === 'id') return String(scope === 'leaveRequest' ? ids.leaveActivity : ids[scope]);
        throw new Error(`no id for {${param}} in ${path}`);
      });
      const schema = op.requestBody?.content['application/json']?.schema;
      const payload = schema ? (sampleOf(schema) as object) : undefined;
      // Required query parameters get valid values too, for the same reason as the body.
      const query = new URLSearchParams(
        (op.parameters ?? [])
          .filter((p) => p.in === 'query' && p.required)
          .map((p) => [p.name, String(sampleOf(p.schema, p.name))]),
      ).toString();
      const byScope: string[] = [];
      for (const [who, memberId] of Object.entries(outsiders)) {
        const res = await t.app.inject({
          method: method.toUpperCase() as 'GET',
          url: query ? `${url}?${query}` : url,
          headers: await bearer(t.handle.db, memberId),
          ...(payload ? { payload } : {}),
        });
        const label = `${method.toUpperCase()} ${url} as the other organisation's ${who}`;
        assert.ok(res.statusCode === 403 || res.statusCode === 404, `${label}: ${res.statusCode} ${res.body}`);
        if (res.json().code !== 'FORBIDDEN_ROLE') byScope.push(who);
      }
      // A role refusal alone proves nothing about organisations: someone must reach the scope.
      assert.ok(byScope.length > 0, `${method.toUpperCase()} ${path}: refused only by role`);
      walked.push(`${method.toUpperCase()} ${path}`);
    }
    assert.deepEqual(await contents(), before, 'refused calls changed nothing');
    assert.equal(walked.length, operations.length);
  });

  test('lists and dashboards of the other organisation hold none of the first organisation', async () => {
    const read = async (url: string, as: number) => {
      const res = await call('GET', url, as);
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      return res.body;
    };
    const firstNames = ['甲书记', '张三', '李四', '王老五', '第一党支部'];
    const bodies = [
      await read(`/api/orgs/${f.other.orgId}/branches`, f.other.admin),
      await read(`/api/branches/${f.other.branch}/members`, f.other.admin),
      await read(`/api/orgs/${f.other.orgId}/audit`, f.other.admin),
      await read(`/api/orgs/${f.other.orgId}/dashboard`, f.other.admin),
      await read(`/api/branches/${f.other.branch}/pending`, f.other.secretary),
      await read('/api/me/activities?when=upcoming', f.other.member),
      await read('/api/quizzes', f.other.member),
    ];
    for (const body of bodies) for (const name of firstNames) assert.ok(!body.includes(name), `${name} in ${body}`);
  });
});
