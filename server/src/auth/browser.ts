// A short, human summary of a User-Agent header ("Chrome 131 · Windows"), shown on the phone
// before a web sign-in is confirmed. Only the summary is stored: the raw header is a
// fingerprint we have no use for.

const BROWSERS: Array<[string, RegExp]> = [
  ['微信内置浏览器', /MicroMessenger\/(\d+)/],
  ['Edge', /Edg(?:e|A|iOS)?\/(\d+)/],
  ['360浏览器', /QIHU 360\w*|360SE|360EE/],
  ['QQ浏览器', /QQBrowser\/(\d+)/],
  ['搜狗浏览器', /MetaSr|SE 2\.X/],
  ['Firefox', /Firefox\/(\d+)/],
  ['Chrome', /(?:Chrome|CriOS|Chromium)\/(\d+)/],
  ['Safari', /Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari/],
];

const SYSTEMS: Array<[string, RegExp]> = [
  ['Windows', /Windows NT/],
  ['iPhone', /iPhone/],
  ['iPad', /iPad/],
  ['macOS', /Mac OS X|Macintosh/],
  ['Android', /Android/],
  ['统信 UOS', /UOS/],
  ['麒麟', /Kylin/],
  ['Linux', /Linux|X11/],
];

export function describeBrowser(userAgent: string | undefined): string {
  const ua = (userAgent ?? '').slice(0, 512);
  let browser = '未知浏览器';
  for (const [name, pattern] of BROWSERS) {
    const match = pattern.exec(ua);
    if (match) {
      browser = match[1] ? `${name} ${match[1]}` : name;
      break;
    }
  }
  const system = SYSTEMS.find(([, pattern]) => pattern.test(ua))?.[0];
  return system ? `${browser} · ${system}` : browser;
}
