// `npm run rankings:rebuild`: recomputes the rank tables from the ledger, then (with
// REDIS_URL) the Redis sorted sets from the rank tables.
import { Redis } from 'ioredis';
import { loadConfigOrExit } from '../config.js';
import { migrateToLatest, openDatabase } from '../db/index.js';
import { rebuildRankTables, rebuildRedisMirror } from './rebuild.js';

const config = loadConfigOrExit();
const handle = openDatabase(config);
await migrateToLatest(handle.db);
const tables = await rebuildRankTables(handle.db);
console.log(`排名数据已重建：${tables.memberPeriods} 条个人周期积分，${tables.counts} 条分值计数`);
if (config.redisUrl) {
  const redis = new Redis(config.redisUrl);
  const written = await rebuildRedisMirror(handle.db, redis, config.redisPrefix);
  console.log(`Redis 排名已重建：${written} 条`);
  await redis.quit();
}
await handle.destroy();
