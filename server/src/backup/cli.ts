// `npm run backup`: a consistent online copy of the database (SQLite's backup API, or pg_dump)
// and the uploaded photos into a new folder under BACKUP_DIR, keeping the newest BACKUP_KEEP.
// `npm run restore -- <folder> [--force]`: puts one back into SQLITE_PATH (or DATABASE_URL)
// and UPLOADS_DIR. Safe to run from cron while the server runs; restore wants it stopped.
import path from 'node:path';
import { loadConfigOrExit } from '../config.js';
import { makeBackup, restoreBackup } from './backup.js';

const [command, ...rest] = process.argv.slice(2);
const config = loadConfigOrExit();
const target = { databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath, uploadsDir: config.uploadsDir };
// npm runs workspace scripts in server/; a relative folder means the caller's directory.
const fromCaller = (p: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), p);

try {
  if (command === 'backup') {
    const { folder, manifest, removed } = await makeBackup(target, config.backupDir, config.backupKeep);
    console.log(`备份完成（${manifest.dialect}，${manifest.uploads} 个上传文件）：${folder}`);
    if (removed.length > 0) console.log(`按 BACKUP_KEEP=${config.backupKeep} 删除了较早的备份：${removed.join('、')}`);
  } else if (command === 'restore') {
    const folder = rest.find((a) => !a.startsWith('--'));
    if (!folder) {
      console.error('用法：npm run restore -- <备份目录> [--force]');
      process.exit(2);
    }
    const { manifest, movedAside } = await restoreBackup(fromCaller(folder), target, {
      force: rest.includes('--force'),
    });
    const where = manifest.dialect === 'postgres' ? 'DATABASE_URL 指向的数据库' : config.sqlitePath;
    console.log(`已从 ${fromCaller(folder)} 恢复到 ${where}，上传文件到 ${config.uploadsDir}`);
    if (movedAside.length > 0) console.log(`原有文件已改名保留：${movedAside.join('、')}`);
  } else {
    console.error('用法：npm run backup，或 npm run restore -- <备份目录> [--force]');
    process.exit(2);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
