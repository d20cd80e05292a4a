// A fake of WeChat's platform API for development and tests. It behaves like the real
// `jscode2session`: a code is good once, for five minutes, for the appid it was made for;
// unknown or reused codes get errcode 40029 / 40163, a wrong secret 40125.
// `POST /__mock/login` stands in for `wx.login` on a device: it hands out a fresh code.
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';

export interface FakeWechatOptions {
  appId?: string;
  appSecret?: string;
  codeTtlMs?: number;
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
  const codes = new Map<string, IssuedCode>();
  const app = Fastify({ logger: false });

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
