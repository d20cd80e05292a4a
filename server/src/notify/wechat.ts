// WeChat's subscribe-message API with the access token it needs:
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
// The token comes from getStableAccessToken (`/cgi-bin/stable_token`), which, unlike the older
// `/cgi-bin/token`, does not invalidate the token other processes hold. It is cached until five
// minutes before it expires. When WeChat answers 40001 (invalid) or 42001 (expired), the token is
// fetched again with `force_refresh` and the message is sent once more, as WeChat asks.
import type { AppConfig } from '../config.js';

type Fetch = typeof fetch;

/**
 * What became of one send. `quota` (WeChat's daily limit) and `unavailable` (no access token, or
 * it was refused again after a refresh) mean WeChat sent nothing: the subscription may be tried
 * again. `failed` may or may not have reached the member and is never retried.
 */
export type SendOutcome =
  | { outcome: 'sent' }
  | { outcome: 'refused' | 'quota' | 'unavailable' | 'failed'; errcode: number | null; errmsg: string };

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, string>;
}

const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** The member has no (more) acceptance of this template: 43101. */
const REFUSED = 43101;
/** Daily call quota of the API (45009) or of messages to this user (45047). */
const QUOTA = new Set([45009, 45047]);

export class WechatMessenger {
  private token: { value: string; expiresAt: number } | null = null;
  private inflight: Promise<string> | null = null;
  /** How many access tokens this process fetched (tests read it). */
  tokensFetched = 0;

  constructor(
    private readonly config: Pick<AppConfig, 'wechatApiBase' | 'wechatAppId' | 'wechatAppSecret'>,
    private readonly state: AppConfig['subscribe']['miniprogramState'],
    private readonly fetchImpl: Fetch = fetch,
  ) {}

  async send(message: SubscribeMessage): Promise<SendOutcome> {
    let result = await this.post(message, false);
    if (result.retryWithNewToken) result = await this.post(message, true);
    return result.outcome;
  }

  private async post(
    message: SubscribeMessage,
    forceToken: boolean,
  ): Promise<{ outcome: SendOutcome; retryWithNewToken: boolean }> {
    let token: string;
    try {
      token = await this.accessToken(forceToken);
    } catch (error) {
      return {
        outcome: { outcome: 'unavailable', errcode: null, errmsg: (error as Error).message },
        retryWithNewToken: false,
      };
    }
    const url = new URL('/cgi-bin/message/subscribe/send', this.config.wechatApiBase);
    url.searchParams.set('access_token', token);
    let body: { errcode?: number; errmsg?: string };
    try {
      const response = await this.fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          touser: message.touser,
          template_id: message.templateId,
          page: message.page,
          data: Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, { value }])),
          miniprogram_state: this.state,
          lang: 'zh_CN',
        }),
        signal: AbortSignal.timeout(5000),
      });
      body = (await response.json()) as typeof body;
    } catch (error) {
      // The message may or may not have gone out: never sent again (no double message).
      return {
        outcome: { outcome: 'failed', errcode: null, errmsg: `network: ${(error as Error).message}` },
        retryWithNewToken: false,
      };
    }
    const errcode = body.errcode ?? 0;
    const errmsg = body.errmsg ?? '';
    if (errcode === 0) return { outcome: { outcome: 'sent' }, retryWithNewToken: false };
    if (TOKEN_ERRORS.has(errcode)) {
      this.token = null;
      return { outcome: { outcome: 'unavailable', errcode, errmsg }, retryWithNewToken: !forceToken };
    }
    if (errcode === REFUSED) return { outcome: { outcome: 'refused', errcode, errmsg }, retryWithNewToken: false };
    if (QUOTA.has(errcode)) return { outcome: { outcome: 'quota', errcode, errmsg }, retryWithNewToken: false };
    return { outcome: { outcome: 'failed', errcode, errmsg }, retryWithNewToken: false };
  }

  /** The cached token, or a new one; concurrent callers share one fetch. */
  private async accessToken(force: boolean): Promise<string> {
    if (!force && this.token && this.token.expiresAt > Date.now()) return this.token.value;
    this.inflight ??= this.fetchToken(force).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async fetchToken(force: boolean): Promise<string> {
    const url = new URL('/cgi-bin/stable_token', this.config.wechatApiBase);
    const response = await this.fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credential',
        appid: this.config.wechatAppId,
        secret: this.config.wechatAppSecret,
        force_refresh: force,
      }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json()) as {
      access_token?: string;
      expires_in?: number;
      errcode?: number;
      errmsg?: string;
    };
    if (!body.access_token) throw new Error(`access token refused: ${body.errcode ?? '?'} ${body.errmsg ?? ''}`.trim());
    this.tokensFetched += 1;
    // Renew five minutes early, so a token never expires between reading and using it.
    const lifetimeMs = Math.max(60, (body.expires_in ?? 7200) - 300) * 1000;
    this.token = { value: body.access_token, expiresAt: Date.now() + lifetimeMs };
    return body.access_token;
  }
}
