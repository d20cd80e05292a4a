// `npm run seed [-- --reset]`: seeds the demo organisation into an empty database, or
// with --reset re-creates the schema first (an empty database) and seeds it again.
import { loadConfig } from '../config.js';
import { migrateToLatest, openDatabase } from '../db/index.js';
import { isEmpty, resetDatabase, seedDemo } from './load.js';

const config = loadConfig();
const handle = openDatabase(config);
try {
  await migrateToLatest(handle.db);
  const reset = process.argv.includes('--reset');
  if (!reset && !(await isEmpty(handle.db))) {
    console.log('数据库已有数据，未重复生成演示数据（如需重建请使用 --reset）');
  } else {
    if (reset) await resetDatabase(handle.db);
    const summary = await seedDemo(handle.db);
    console.log(
      `演示数据已生成（${handle.dialect}）：${summary.members} 人，${summary.activities} 次活动，` +
        `${summary.attendance} 条签到记录，${summary.ledgerEntries} 条积分记录`,
    );
  }
} finally {
  await handle.destroy();
}
