// Starts the API (and the built H5 app) on one port: migrate, seed the demo organisation
// on first start outside production, listen, and close cleanly on SIGTERM/SIGINT.
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { migrateToLatest, openDatabase } from './db/index.js';
import { isEmpty, seedDemo } from './seed/load.js';

const config = loadConfig();
const handle = openDatabase(config);
await migrateToLatest(handle.db);
if (config.env !== 'production' && process.env.SEED_DEMO !== '0' && (await isEmpty(handle.db))) {
  const summary = await seedDemo(handle.db);
  console.log(
    `已生成演示组织：${summary.members} 人，${summary.activities} 次活动，${summary.ledgerEntries} 条积分记录`,
  );
}
const app = await buildApp(config, handle);

const close = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await handle.destroy();
  process.exit(0);
};
process.once('SIGTERM', () => void close('SIGTERM'));
process.once('SIGINT', () => void close('SIGINT'));

const port = Number(process.env.PORT || 3000);
await app.listen({ port, host: process.env.HOST || '0.0.0.0' });
