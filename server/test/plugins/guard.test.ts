// Deny by default: every route of the OpenAPI document carries a declared access rule, and a
// route without one stops the app from starting.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { openTestApp, type TestApp } from '../helpers.js';
import guard, { checkDeclaration } from '../../src/plugins/guard.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

describe('guard: every route declares who may call it', () => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp({ testClock: true });
  });
  after(() => t.close());

  test('each operation in /api/docs/json has an x-access rule, and only sign-in and health are public', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json() as { paths: Record<string, Record<string, { 'x-access'?: string }>> };
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, access: item[m]!['x-access'] })),
    );
    assert.ok(operations.length > 60, `expected the whole API, found ${operations.length} operations`);
    const undeclared = operations.filter((o) => !o.access).map((o) => `${o.method} ${o.path}`);
    assert.deepEqual(undeclared, []);
    const publicOnes = operations
      .filter((o) => o.access === 'public')
      .map((o) => `${o.method.toUpperCase()} ${o.path}`)
      .sort();
    for (const op of publicOnes) {
      assert.match(
        op,
        /^(GET \/api\/health|GET \/api\/auth\/|POST \/api\/auth\/(demo|wechat|bind)|POST \/api\/auth\/web-tickets(\/\{ticketId\}\/poll)?$|PUT \/api\/test\/clock)/,
        op,
      );
    }
    // Routes addressing a resource by id name a scope.
    const unscoped = operations.filter(
      (o) =>
        /\{(id|memberId|branchId|orgId|requestId)\}/.test(o.path) && o.access !== 'public' && !/scope=/.test(o.access!),
    );
    assert.deepEqual(
      unscoped.map((o) => `${o.method} ${o.path}`),
      [],
    );
  });

  test('every route is refused without a session, except the public ones', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    const doc = res.json() as { paths: Record<string, Record<string, { 'x-access'?: string }>> };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op || op['x-access'] === 'public') continue;
        const url = path.replace(/\{[^}]+\}/g, '1');
        const reply = await t.app.inject({
          method: method.toUpperCase() as 'GET',
          url,
          payload: method === 'get' || method === 'delete' ? undefined : {},
        });
        assert.equal(reply.statusCode, 401, `${method} ${url} answered ${reply.statusCode}`);
      }
    }
  });

  test('a route without an access rule stops the app at start-up', async () => {
    const app = Fastify();
    await app.register(fp(async () => {}, { name: 'database' }));
    void app.register(
      async (api) => {
        await api.register(guard);
        api.get('/open', async () => 'open');
      },
      { prefix: '/api' },
    );
    await assert.rejects(async () => app.ready(), /GET \/api\/open declares no access rule/);
  });

  test('a malformed declaration is refused', () => {
    assert.throws(
      () => checkDeclaration({ method: 'GET', url: '/x', config: { access: { roles: [] } } }),
      /at least one role/,
    );
    assert.throws(
      () =>
        checkDeclaration({ method: 'GET', url: '/x/:id', config: { access: { roles: ['member'], scope: 'branch' } } }),
      /needs :branchId/,
    );
    assert.throws(
      () => checkDeclaration({ method: 'GET', url: '/x', config: { access: { roles: ['member'], decides: true } } }),
      /need a scope/,
    );
  });
});
