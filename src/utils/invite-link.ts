// The link on a printed invite slip: its QR opens the binding page with the code filled in.
// It is an https link to the served app (`…/#/pages/login/index?code=XXXXXXXX`): a browser opens
// the H5 login page, and WeChat opens the mini-program's login page once the organisation has
// registered the prefix under 扫普通链接二维码打开小程序, which passes the link as `q`.

/** The slip's link, from the API's `bindPath` and the origin the app is served from. */
export function inviteLink(bindPath: string, origin: string): string {
  return `${origin.replace(/\/+$/, '')}/#/${bindPath.replace(/^\/+/, '')}`;
}

const CODE = /^[0-9A-Z]{8}$/;

/** The invite code a page was opened with: `code=…` directly, or inside WeChat's `q` (the scanned link). */
export function inviteCodeFromParams(params: Record<string, string | undefined>): string | null {
  const candidates: Array<string | undefined> = [params.code];
  if (params.q) {
    try {
      const link = decodeURIComponent(params.q);
      candidates.push(/[?&]code=([^&#]+)/.exec(link)?.[1]);
    } catch {
      // A malformed q is ignored: the person can still type the code.
    }
  }
  for (const raw of candidates) {
    const code = raw?.replace(/\s+/g, '').toUpperCase();
    if (code && CODE.test(code)) return code;
  }
  return null;
}
