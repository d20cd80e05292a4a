// Starts the API (and the built H5 app) on one port: migrate, seed the demo organisation on
// first start when the demo mode is on (XF_DEMO=1 or `--demo`), listen, and close cleanly on
// SIGTERM/SIGINT. A bad configuration stops here with the variable named (config.ts).
import { buildApp } from './app.js';
import { loadConfigOrExit } from './config.js';
import { migrateToLatest, openDatabase } from './db/index.js';
import { isEmpty, seedDemo } from './seed/load.js';

const config = loadConfigOrExit();
const handle = openDatabase(config);
await migrateToLatest(handle.db);
if (config.demo && process.env.SEED_DEMO !== '0' && (await isEmpty(handle.db))) {
  const summary = await seedDemo(handle.db);
  console.log(
    `已生成演示组织：${summary.members} 人，${summary.activities} 次活动，${summary.ledgerEntries} 条积分记录`,
  );
}
const app = await buildApp(config, handle);
if (config.demo) app.log.warn('演示模式已开启：任何人都可以用演示账号登录（XF_DEMO=1 / --demo），切勿用于正式数据');

const close = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await handle.destroy();
  process.exit(0);
};
process.once('SIGTERM', () => void close('SIGTERM'));
process.once('SIGINT', () => void close('SIGINT'));

await app.listen({ port: config.port, host: config.host });
