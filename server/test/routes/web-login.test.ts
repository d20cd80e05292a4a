// Web console sign-in by QR: a browser's ticket, a manager's phone, one session, once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../helpers.js';
import { buildOrgFixture, bearer, type OrgFixture } from '../../../mocks/fixtures.js';
import { describeBrowser } from '../../src/auth/browser.js';

const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

interface Ticket {
  id: string;
  secret: string;
  qr: string;
  expiresAt: string;
}

describe('web console sign-in by QR', () => {
  let t: TestApp;
  let f: OrgFixture;

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
  });
  after(() => t.close());

  const newTicket = async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/web-tickets',
      headers: { 'user-agent': CHROME_WINDOWS },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    const ticket = res.json() as Ticket;
    const match = /^xianfeng:weblogin:([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{22})$/.exec(ticket.qr);
    assert.ok(match, ticket.qr);
    assert.equal(match[1], ticket.id);
    assert.ok(!ticket.qr.includes(ticket.secret), 'the QR never carries the secret that collects the session');
    return { ...ticket, code: match[2]! };
  };
  const poll = (ticket: { id: string; secret: string }) =>
    t.app.inject({
      method: 'POST',
      url: `/api/auth/web-tickets/${ticket.id}/poll`,
      payload: { secret: ticket.secret },
    });
  const phone = async (step: 'scan' | 'confirm' | 'refuse', ticket: { id: string; code: string }, as: number) =>
    t.app.inject({
      method: 'POST',
      url: `/api/auth/web-tickets/${ticket.id}/${step}`,
      payload: { code: ticket.code },
      headers: await bearer(t.handle.db, as),
    });
  const me = (token: string) =>
    t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });

  test('create -> scan -> confirm -> the browser collects a working session once', async () => {
    const ticket = await newTicket();
    assert.ok(Date.parse(ticket.expiresAt) - Date.now() > 100_000, 'about two minutes');
    assert.equal((await poll(ticket)).json().status, 'pending');

    const scanned = await phone('scan', ticket, f.secretaryA);
    assert.equal(scanned.statusCode, 200, scanned.body);
    assert.equal(scanned.json().browser, 'Chrome 131 · Windows');
    assert.equal((await poll(ticket)).json().status, 'scanned');

    const confirmed = await phone('confirm', ticket, f.secretaryA);
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.equal(confirmed.json().status, 'confirmed');

    const first = await poll(ticket);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.headers['cache-control'], 'no-store');
    const state = first.json();
    assert.equal(state.status, 'confirmed');
    assert.equal(state.account.name, '甲书记');
    assert.deepEqual([...state.account.roles].sort(), ['member', 'secretary']);
    const profile = await me(state.session.token);
    assert.equal(profile.statusCode, 200);
    assert.equal(profile.json().id, f.secretaryA);
    assert.ok(profile.json().roles.includes('secretary'), 'the session has the manager’s roles');
    const ttl = Date.parse(state.session.expiresAt) - Date.now();
    assert.ok(ttl > 11 * 3600_000 && ttl <= 12 * 3600_000, 'a web session lasts a working day');

    const second = await poll(ticket);
    assert.equal(second.statusCode, 200);
    assert.deepEqual(Object.keys(second.json()).sort(), ['expiresAt', 'status']);
    assert.equal(second.json().status, 'used', 'a second poll gets nothing usable');

    const again = await phone('confirm', ticket, f.secretaryA);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'WEB_TICKET_CONFIRMED');

    const session = await t.handle.db
      .selectFrom('sessions')
      .select(['kind', 'web_ticket_id'])
      .where('member_id', '=', f.secretaryA)
      .where('kind', '=', 'web')
      .executeTakeFirstOrThrow();
    assert.deepEqual(session, { kind: 'web', web_ticket_id: ticket.id });
    const logged = await t.handle.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('action', '=', 'web.sign_in')
      .execute();
    assert.deepEqual(logged, [{ action: 'web.sign_in', actor_id: f.secretaryA }]);
  });

  test('two polls racing for one confirmed ticket get one session between them', async () => {
    const ticket = await newTicket();
    assert.equal((await phone('confirm', ticket, f.admin)).statusCode, 200);
    const results = await Promise.all([poll(ticket), poll(ticket), poll(ticket)]);
    const sessions = results.filter((r) => r.json().session);
    assert.equal(sessions.length, 1);
    assert.deepEqual(sessions[0]!.json().account.roles, ['org_admin']);
  });

  test('a refused ticket tells the browser so, gives no session, and cannot be confirmed', async () => {
    const ticket = await newTicket();
    const refused = await phone('refuse', ticket, f.secretaryA);
    assert.equal(refused.statusCode, 200);
    assert.equal(refused.json().status, 'refused');
    const state = (await poll(ticket)).json();
    assert.equal(state.status, 'refused');
    assert.equal(state.session, undefined);
    const late = await phone('confirm', ticket, f.secretaryA);
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().code, 'WEB_TICKET_REFUSED');
  });

  test('an expired ticket says so and cannot be confirmed', async () => {
    const ticket = await newTicket();
    await t.handle.db
      .updateTable('web_login_tickets')
      .set({ expires_at: Date.now() - 1000 })
      .where('id', '=', ticket.id)
      .execute();
    assert.equal((await poll(ticket)).json().status, 'expired');
    for (const step of ['scan', 'confirm'] as const) {
      const res = await phone(step, ticket, f.secretaryA);
      assert.equal(res.statusCode, 410);
      assert.equal(res.json().code, 'WEB_TICKET_EXPIRED');
      assert.match(res.json().message, /二维码已过期/);
    }
  });

  test('a wrong secret or a wrong code gets nothing and changes nothing', async () => {
    const ticket = await newTicket();
    const wrongSecret = await poll({ id: ticket.id, secret: 'A'.repeat(43) });
    assert.equal(wrongSecret.statusCode, 404);
    assert.equal(wrongSecret.json().code, 'WEB_TICKET_INVALID');
    const unknown = await poll({ id: 'B'.repeat(16), secret: ticket.secret });
    assert.equal(unknown.statusCode, 404);
    const wrongCode = await phone('confirm', { id: ticket.id, code: 'C'.repeat(22) }, f.secretaryA);
    assert.equal(wrongCode.statusCode, 404);
    assert.equal(wrongCode.json().code, 'WEB_TICKET_INVALID');
    const malformed = await t.app.inject({
      method: 'POST',
      url: `/api/auth/web-tickets/${ticket.id}/poll`,
      payload: { secret: 'short' },
    });
    assert.equal(malformed.statusCode, 400);
    assert.equal((await poll(ticket)).json().status, 'pending');
  });

  test('a member cannot scan or confirm; the ticket stays open for a manager', async () => {
    const ticket = await newTicket();
    for (const step of ['scan', 'confirm', 'refuse'] as const) {
      const res = await phone(step, ticket, f.memberA1);
      assert.equal(res.statusCode, 403, `${step}: ${res.body}`);
      assert.equal(res.json().code, 'FORBIDDEN_ROLE');
    }
    assert.equal((await poll(ticket)).json().status, 'pending');
    const noSession = await t.app.inject({
      method: 'POST',
      url: `/api/auth/web-tickets/${ticket.id}/confirm`,
      payload: { code: ticket.code },
    });
    assert.equal(noSession.statusCode, 401);
  });

  test('退出所有电脑端登录 ends every web session of that person, and only those', async () => {
    const signInOnComputer = async () => {
      const ticket = await newTicket();
      assert.equal((await phone('confirm', ticket, f.secretaryB)).statusCode, 200);
      return (await poll(ticket)).json().session.token as string;
    };
    const computers = [await signInOnComputer(), await signInOnComputer()];
    const mini = (await bearer(t.handle.db, f.secretaryB)).authorization;
    const otherPersonsComputer = await (async () => {
      const ticket = await newTicket();
      await phone('confirm', ticket, f.admin);
      return (await poll(ticket)).json().session.token as string;
    })();
    for (const token of computers) assert.equal((await me(token)).statusCode, 200);

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/me/web-sessions/revoke',
      headers: { authorization: mini },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().ended, 2);
    for (const token of computers) assert.equal((await me(token)).statusCode, 401);
    const stillMini = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: mini } });
    assert.equal(stillMini.statusCode, 200, 'the mini-program stays signed in');
    assert.equal((await me(otherPersonsComputer)).statusCode, 200, 'another person’s computer stays signed in');
    const logged = await t.handle.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'web.sign_out_all')
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(logged.detail!), { ended: 2 });
  });

  test('signing out on the computer ends that session only', async () => {
    const ticket = await newTicket();
    await phone('confirm', ticket, f.secretaryA);
    const token = (await poll(ticket)).json().session.token as string;
    const mini = await bearer(t.handle.db, f.secretaryA);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(out.statusCode, 204);
    assert.equal((await me(token)).statusCode, 401);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/me', headers: mini })).statusCode, 200);
  });

  test('ticket creation is rate-limited per address', async () => {
    const limited = await openTestApp({ signInPerMinute: 2 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) {
        codes.push((await limited.app.inject({ method: 'POST', url: '/api/auth/web-tickets' })).statusCode);
      }
      assert.deepEqual(codes, [200, 200, 429]);
    } finally {
      await limited.close();
    }
  });

  test('the browser summary names the browser and the system, nothing more', () => {
    assert.equal(describeBrowser(CHROME_WINDOWS), 'Chrome 131 · Windows');
    assert.equal(
      describeBrowser(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91',
      ),
      'Edge 120 · Windows',
    );
    assert.equal(
      describeBrowser(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
      ),
      'Safari 17 · macOS',
    );
    assert.equal(describeBrowser(undefined), '未知浏览器');
  });
});
