// `npm run seed [-- --reset]`: seeds the demo organisation into an empty database, or
// with --reset re-creates the schema first (an empty database) and seeds it again. Refused in
// production; --reset is refused when the database holds an organisation the demo seed did
// not create.
import { loadConfigOrExit } from '../config.js';
import { migrateToLatest, openDatabase } from '../db/index.js';
import { isEmpty, resetDatabase, resetRefusal, seedDemo } from './load.js';

const config = loadConfigOrExit();
if (config.env === 'production') {
  console.error('生产环境（NODE_ENV=production）不能生成演示数据，也不能清空数据库。');
  process.exit(1);
}
const handle = openDatabase(config);
let exitCode = 0;
try {
  await migrateToLatest(handle.db);
  const reset = process.argv.includes('--reset');
  const refusal = reset ? await resetRefusal(handle.db, config.env) : null;
  if (refusal) {
    console.error(refusal);
    exitCode = 1;
  } else if (!reset && !(await isEmpty(handle.db))) {
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
process.exitCode = exitCode;
