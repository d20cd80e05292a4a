import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dialectUnderTest, openTestApp, type TestApp } from '../helpers.js';

describe('health, docs and unknown routes', () => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp();
  });
  after(async () => t.close());

  test('GET /api/health answers ok and names the dialect', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.status, 'ok');
    assert.equal(body.dialect, dialectUnderTest);
  });

  test('OpenAPI JSON lists the API and the browsable page is served', async () => {
    const json = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(json.statusCode, 200);
    const spec = json.json();
    assert.ok(spec.openapi.startsWith('3.'));
    assert.ok(spec.paths['/api/me'], 'the guarded routes are documented');
    assert.ok(spec.paths['/api/auth/wechat']);
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /html/);
  });

  test('an unknown route gets the error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nope' });
    assert.equal(res.statusCode, 404);
    assert.deepEqual(Object.keys(res.json()).sort(), ['code', 'message']);
    assert.equal(res.json().code, 'ROUTE_NOT_FOUND');
  });
});
