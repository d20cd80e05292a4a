// The check-in QR encodes `<origin>/c/<activityId>/<token>` (activities/token.ts). Scanned with
// WeChat's 扫一扫, the mini-program opens (the prefix is claimed under 扫普通链接二维码打开小程序);
// scanned with any other camera it opens here, in a browser, where it can do nothing: the page says
// so and names nothing (no activity, no branch), so a photographed QR leaks no data.
import type { FastifyPluginAsync } from 'fastify';
import { CHECKIN_LINK_PATH } from '../activities/token.js';

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>先锋 · 活动签到</title>
<style>
body { margin: 0; padding: 48px 24px; font: 18px/1.7 -apple-system, "PingFang SC", "Noto Sans CJK SC", sans-serif; color: #1a1a1a; background: #f5f5f5; }
main { max-width: 480px; margin: 0 auto; padding: 32px 24px; background: #fff; border-radius: 12px; }
h1 { margin: 0 0 16px; font-size: 24px; color: #c8161d; }
p { margin: 0 0 12px; }
</style>
</head>
<body>
<main>
<h1>请用微信扫码签到</h1>
<p>这是“先锋”小程序的活动签到二维码，请打开微信，用“扫一扫”扫描书记屏幕上的二维码，即可在小程序中签到。</p>
<p>也可以在小程序的活动页面输入屏幕上的 6 位签到码，或请书记在签到名册上为您登记。</p>
</main>
</body>
</html>
`;

const checkInLink: FastifyPluginAsync = async (app) => {
  app.get(
    `${CHECKIN_LINK_PATH}:activityId/:token`,
    {
      config: { access: 'public' },
      schema: { tags: ['activities'], summary: '签到二维码链接（浏览器打开时提示用微信扫码）', hide: true },
    },
    async (_request, reply) => {
      void reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
      return PAGE;
    },
  );
};

export default checkInLink;
