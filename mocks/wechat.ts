// A fake of WeChat's platform API for development and tests. It behaves like the real
// `jscode2session`: a code is good once, for five minutes, for the appid it was made for;
// unknown or reused codes get errcode 40029 / 40163, a wrong secret 40125.
// `POST /__mock/login` stands in for `wx.login` on a device: it hands out a fresh code.
//
// Subscribe messages, as WeChat does them: an access token from `/cgi-bin/stable_token` (or the
// older `/cgi-bin/token`) lasts `tokenTtlMs`; `/cgi-bin/message/subscribe/send` answers 40001 for
// an unknown token and 42001 for an expired one, and 43101 unless the user accepted that template
// once for each message (`POST /__mock/subscribe` stands in for `wx.requestSubscribeMessage`).
// Tests read what was delivered (`GET /__mock/messages`), make the next sends fail with a given
// errcode (`POST /__mock/fail`, e.g. 45009 for the daily quota), and expire every token
// (`POST /__mock/expire-tokens`).
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';

export interface FakeWechatOptions {
  appId?: string;
  appSecret?: string;
  codeTtlMs?: number;
  tokenTtlMs?: number;
}

/** A subscribe message the fake delivered. */
export interface DeliveredMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
}

interface IssuedCode {
  openid: string;
  appId: string;
  expiresAt: number;
  used: boolean;
}

export function buildFakeWechat(options: FakeWechatOptions = {}): FastifyInstance {
  const appId = options.appId ?? 'wx-demo-appid';
  const appSecret = options.appSecret ?? 'demo-secret';
  const codeTtlMs = options.codeTtlMs ?? 5 * 60 * 1000;
  const tokenTtlMs = options.tokenTtlMs ?? 2 * 60 * 60 * 1000;
  const codes = new Map<string, IssuedCode>();
  const tokens = new Map<string, number>(); // token -> expires at
  let currentToken: string | null = null;
  let tokensIssued = 0;
  const accepted = new Map<string, number>(); // `${openid} ${templateId}` -> one-time acceptances left
  const delivered: DeliveredMessage[] = [];
  const failures: number[] = [];
  const app = Fastify({ logger: false });

  const issueToken = (appid?: string, secret?: string, force = false) => {
    if (appid !== appId) return { errcode: 40013, errmsg: 'invalid appid, rid: mock' };
    if (secret !== appSecret) return { errcode: 40125, errmsg: 'invalid appsecret, rid: mock' };
    const live = currentToken !== null && (tokens.get(currentToken) ?? 0) > Date.now();
    if (!live || force) {
      currentToken = `tok-${randomBytes(12).toString('hex')}`;
      tokens.set(currentToken, Date.now() + tokenTtlMs);
      tokensIssued += 1;
    }
    return {
      access_token: currentToken!,
      expires_in: Math.round(((tokens.get(currentToken!) ?? 0) - Date.now()) / 1000),
    };
  };

  app.post<{ Body: { grant_type?: string; appid?: string; secret?: string; force_refresh?: boolean } }>(
    '/cgi-bin/stable_token',
    async (request) => {
      const body = request.body ?? {};
      if (body.grant_type !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type, rid: mock' };
      return issueToken(body.appid, body.secret, body.force_refresh === true);
    },
  );

  app.get<{ Querystring: Record<string, string | undefined> }>('/cgi-bin/token', async (request) => {
    if (request.query.grant_type !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' };
    return issueToken(request.query.appid, request.query.secret, true);
  });

  app.post<{ Querystring: { access_token?: string }; Body: DeliveredMessage }>(
    '/cgi-bin/message/subscribe/send',
    async (request) => {
      const token = request.query.access_token ?? '';
      const expiresAt = tokens.get(token);
      if (expiresAt === undefined) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid' };
      if (expiresAt <= Date.now()) return { errcode: 42001, errmsg: 'access_token expired, rid: mock' };
      const injected = failures.shift();
      if (injected !== undefined) return { errcode: injected, errmsg: `injected ${injected}, rid: mock` };
      const body = request.body;
      if (!body?.touser || !body.template_id || typeof body.data !== 'object') {
        return { errcode: 47003, errmsg: 'argument invalid! rid: mock' };
      }
      const key = `${body.touser} ${body.template_id}`;
      const left = accepted.get(key) ?? 0;
      if (left <= 0) return { errcode: 43101, errmsg: 'user refuse to accept the msg, rid: mock' };
      accepted.set(key, left - 1);
      delivered.push(body);
      return { errcode: 0, errmsg: 'ok' };
    },
  );

  app.post<{ Body: { openid: string; templateIds: string[] } }>('/__mock/subscribe', async (request) => {
    const result: Record<string, string> = {};
    for (const templateId of request.body.templateIds) {
      const key = `${request.body.openid} ${templateId}`;
      accepted.set(key, (accepted.get(key) ?? 0) + 1);
      result[templateId] = 'accept';
    }
    return result;
  });
  app.get('/__mock/messages', async () => ({ messages: delivered, tokensIssued }));
  app.post<{ Body: { errcode: number; times?: number } }>('/__mock/fail', async (request) => {
    for (let i = 0; i < (request.body.times ?? 1); i++) failures.push(request.body.errcode);
    return { queued: failures.length };
  });
  app.post('/__mock/expire-tokens', async () => {
    for (const token of tokens.keys()) tokens.set(token, 0);
    return { ok: true };
  });

  app.post<{ Body: { openid?: string; appId?: string } | undefined }>('/__mock/login', async (request) => {
    const code = randomBytes(16).toString('hex');
    const openid = request.body?.openid ?? `o${randomBytes(13).toString('base64url')}`;
    codes.set(code, { openid, appId: request.body?.appId ?? appId, expiresAt: Date.now() + codeTtlMs, used: false });
    return { code, openid };
  });

  app.get<{ Querystring: Record<string, string | undefined> }>('/sns/jscode2session', async (request) => {
    const { appid, secret, js_code: jsCode, grant_type: grantType } = request.query;
    if (!appid || !secret || !jsCode || grantType !== 'authorization_code') {
      return { errcode: 41008, errmsg: 'missing code, rid: mock' };
    }
    if (appid !== appId) return { errcode: 40013, errmsg: 'invalid appid, rid: mock' };
    if (secret !== appSecret) return { errcode: 40125, errmsg: 'invalid appsecret, rid: mock' };
    const issued = codes.get(jsCode);
    if (!issued || issued.appId !== appid || issued.expiresAt <= Date.now()) {
      return { errcode: 40029, errmsg: 'invalid code, rid: mock' };
    }
    if (issued.used) return { errcode: 40163, errmsg: 'code been used, rid: mock' };
    issued.used = true;
    return { openid: issued.openid, session_key: randomBytes(16).toString('base64') };
  });

  return app;
}

/** Starts the fake on a free loopback port; returns its base URL. */
export async function startFakeWechat(
  options: FakeWechatOptions = {},
): Promise<{ app: FastifyInstance; baseUrl: string }> {
  const app = buildFakeWechat(options);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, baseUrl: address };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT || 3100);
  await buildFakeWechat().listen({ port, host: '127.0.0.1' });
  console.log(`fake WeChat platform on http://127.0.0.1:${port}`);
}
