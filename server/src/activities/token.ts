// Rotating check-in tokens. token = HMAC-SHA256(activity secret, time step); the QR code
// carries the activity and the token, the 6-digit code is cut from the same HMAC. The
// current and the previous step are accepted, so a screenshot stops working within 30 s.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const STEP_MS = 15_000;
/** How far back a refused code is still recognised as "expired" rather than "wrong". */
const RECOGNISED_STEPS = 40;

export const stepOf = (now: number) => Math.floor(now / STEP_MS);

function mac(secret: string, step: number): Buffer {
  return createHmac('sha256', secret).update(`checkin:${step}`).digest();
}

/** The QR token: 128 bits of the HMAC, base64url. */
const tokenFrom = (digest: Buffer) => digest.subarray(0, 16).toString('base64url');

/** RFC 4226 dynamic truncation of the same HMAC, to 6 digits. */
function codeFrom(digest: Buffer): string {
  const offset = digest[digest.length - 1]! & 0x0f;
  const value = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, '0');
}

export interface CurrentToken {
  token: string;
  code: string;
  /** Epoch ms when the next step begins. */
  refreshAt: number;
}

export function currentToken(secret: string, now: number): CurrentToken {
  const step = stepOf(now);
  const digest = mac(secret, step);
  return { token: tokenFrom(digest), code: codeFrom(digest), refreshAt: (step + 1) * STEP_MS };
}

/**
 * Where check-in links live on the API's origin. The mini-program claims this prefix in its back
 * office (扫普通链接二维码打开小程序), so WeChat's own 扫一扫 opens the activity page with the link;
 * a browser gets a page that says to scan it with WeChat (routes/checkin-link.ts).
 */
export const CHECKIN_LINK_PATH = '/c/';

/** The check-in QR: `<origin>/c/<activityId>/<token>`, carrying the rotating token. */
export const qrPayload = (origin: string, activityId: number, token: string) =>
  `${origin.replace(/\/+$/, '')}${CHECKIN_LINK_PATH}${activityId}/${token}`;

export type TokenVerdict = 'valid' | 'expired' | 'invalid';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Checks a QR token or a typed code against the current and the previous step. */
export function verifyCheckIn(secret: string, presented: { token?: string; code?: string }, now: number): TokenVerdict {
  const step = stepOf(now);
  const render = presented.token !== undefined ? tokenFrom : codeFrom;
  const value = (presented.token ?? presented.code) as string;
  for (let back = 0; back <= RECOGNISED_STEPS; back++) {
    if (same(render(mac(secret, step - back)), value)) return back <= 1 ? 'valid' : 'expired';
  }
  return 'invalid';
}
