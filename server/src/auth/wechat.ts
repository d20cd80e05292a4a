// WeChat's code2session: https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
import { AppError } from '../errors.js';

export interface WechatClientConfig {
  wechatApiBase: string;
  wechatAppId: string;
  wechatAppSecret: string;
}

interface Code2SessionResponse {
  openid?: string;
  session_key?: string;
  unionid?: string;
  errcode?: number;
  errmsg?: string;
}

/** Exchanges a `wx.login` code for the user's openid. */
export async function code2session(config: WechatClientConfig, code: string): Promise<{ openid: string }> {
  const url = new URL('/sns/jscode2session', config.wechatApiBase);
  url.searchParams.set('appid', config.wechatAppId);
  url.searchParams.set('secret', config.wechatAppSecret);
  url.searchParams.set('js_code', code);
  url.searchParams.set('grant_type', 'authorization_code');
  let body: Code2SessionResponse;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    body = (await response.json()) as Code2SessionResponse;
  } catch {
    throw new AppError(502, 'WECHAT_UNAVAILABLE', '微信登录服务暂时不可用，请稍后再试');
  }
  if (body.errcode === 40029 || body.errcode === 40163) {
    throw new AppError(400, 'WECHAT_CODE_INVALID', '微信登录凭证无效或已被使用，请重新登录');
  }
  if (body.errcode === 45011) {
    throw new AppError(429, 'WECHAT_RATE_LIMITED', '登录过于频繁，请稍后再试');
  }
  if (body.errcode || !body.openid) {
    throw new AppError(502, 'WECHAT_UNAVAILABLE', '微信登录服务暂时不可用，请稍后再试');
  }
  return { openid: body.openid };
}
