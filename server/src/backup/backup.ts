// Backups that restore. SQLite: the online backup API (better-sqlite3's `backup()`), copying
// every page in one step so the copy is one consistent snapshot even while the server writes
// (in WAL mode a reader never blocks a writer, and a copy in one step is never restarted by
// them); never a file copy, which can catch a live WAL database between a write and its
// checkpoint. PostgreSQL: `pg_dump -Fc`, itself one consistent snapshot. The uploaded photos
// are copied after the database: a photo's file is written before its row, so every photo the
// copy names is in the copy.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { cst } from '../lib/time.js';

export const SQLITE_FILE = 'xianfeng.db';
export const PG_DUMP_FILE = 'xianfeng.pgdump';
export const UPLOADS_FOLDER = 'uploads';
export const MANIFEST_FILE = 'manifest.json';
const FOLDER_PATTERN = /^xianfeng-\d{8}-\d{6}-\d{3}$/;

export interface Manifest {
  createdAt: string;
  dialect: 'sqlite' | 'postgres';
  database: string;
  uploads: number;
}

export interface BackupTarget {
  databaseUrl: string | null;
  sqlitePath: string;
  uploadsDir: string;
}

/** Runs a command, failing with its stderr when it exits with anything but 0. */
function runCommand(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => reject(new Error(`无法运行 ${command}：${error.message}`)));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} 失败（${code}）：${stderr.trim()}`)),
    );
  });
}

function countFiles(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .reduce((n, entry) => n + (entry.isDirectory() ? countFiles(path.join(dir, entry.name)) : 1), 0);
}

async function backupSqlite(sqlitePath: string, file: string): Promise<void> {
  if (!fs.existsSync(sqlitePath)) throw new Error(`数据库文件不存在：${sqlitePath}`);
  const source = new SqliteDatabase(sqlitePath, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(file, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  const copy = new SqliteDatabase(file);
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`备份的完整性检查未通过：${String(check)}`);
  } finally {
    copy.close();
  }
}

/**
 * Writes a new backup folder under `backupDir` (named by the China time it was taken), then
 * keeps only the newest `keep` folders. A folder appears under its final name only when it is
 * complete, so a failed run leaves nothing that looks like a backup.
 */
export async function makeBackup(
  target: BackupTarget,
  backupDir: string,
  keep: number,
  now = Date.now(),
): Promise<{ folder: string; manifest: Manifest; removed: string[] }> {
  fs.mkdirSync(backupDir, { recursive: true });
  const name = `xianfeng-${cst(now).format('YYYYMMDD-HHmmss-SSS')}`;
  const folder = path.join(backupDir, name);
  if (fs.existsSync(folder)) throw new Error(`备份目录已存在：${folder}`);
  const partial = path.join(backupDir, `.${name}.partial`);
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial);
  try {
    let database: string;
    if (target.databaseUrl) {
      database = PG_DUMP_FILE;
      await runCommand('pg_dump', ['-Fc', '--no-owner', '-f', path.join(partial, database), target.databaseUrl]);
    } else {
      database = SQLITE_FILE;
      await backupSqlite(target.sqlitePath, path.join(partial, database));
    }
    const uploads = path.join(partial, UPLOADS_FOLDER);
    if (fs.existsSync(target.uploadsDir)) fs.cpSync(target.uploadsDir, uploads, { recursive: true });
    else fs.mkdirSync(uploads);
    const manifest: Manifest = {
      createdAt: new Date(now).toISOString(),
      dialect: target.databaseUrl ? 'postgres' : 'sqlite',
      database,
      uploads: countFiles(uploads),
    };
    fs.writeFileSync(path.join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.renameSync(partial, folder);
    return { folder, manifest, removed: pruneBackups(backupDir, keep) };
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

/** Removes all but the newest `keep` backup folders; returns the removed paths. */
export function pruneBackups(backupDir: string, keep: number): string[] {
  const folders = fs
    .readdirSync(backupDir)
    .filter((name) => FOLDER_PATTERN.test(name) && fs.existsSync(path.join(backupDir, name, MANIFEST_FILE)))
    .sort();
  const removed = folders.slice(0, Math.max(0, folders.length - keep)).map((name) => path.join(backupDir, name));
  for (const folder of removed) fs.rmSync(folder, { recursive: true, force: true });
  return removed;
}

export function readManifest(folder: string): Manifest {
  const file = path.join(folder, MANIFEST_FILE);
  if (!fs.existsSync(file)) throw new Error(`不是完整的备份目录（缺少 ${MANIFEST_FILE}）：${folder}`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

/** True when another connection holds the SQLite file open (a running server does, in WAL mode). */
function sqliteInUse(file: string): boolean {
  const probe = new SqliteDatabase(file, { fileMustExist: true });
  try {
    probe.pragma('busy_timeout = 0');
    // Leaving WAL needs the only connection to the database; a server holds one.
    return probe.pragma('journal_mode = DELETE', { simple: true }) !== 'delete';
  } catch {
    return true;
  } finally {
    probe.close();
  }
}

async function postgresHasTables(databaseUrl: string): Promise<boolean> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from pg_tables where schemaname = current_schema()`,
    );
    return Number(rows[0]?.n) > 0;
  } finally {
    await client.end();
  }
}

/**
 * Puts a backup back. Refuses to replace an existing database (or a non-empty uploads folder)
 * unless `force`; with `force`, the SQLite file and the uploads being replaced are moved aside
 * (`*.before-restore-<time>`), never deleted, and a SQLite file a running server holds is
 * refused whatever `force` says.
 */
export async function restoreBackup(
  folder: string,
  target: BackupTarget,
  options: { force: boolean; now?: number },
): Promise<{ manifest: Manifest; movedAside: string[] }> {
  const manifest = readManifest(folder);
  const suffix = `.before-restore-${cst(options.now ?? Date.now()).format('YYYYMMDD-HHmmss')}`;
  const movedAside: string[] = [];
  const dumpedUploads = path.join(folder, UPLOADS_FOLDER);
  const uploadsTaken = fs.existsSync(target.uploadsDir) && fs.readdirSync(target.uploadsDir).length > 0;

  if (manifest.dialect === 'postgres') {
    if (!target.databaseUrl) throw new Error('这是 PostgreSQL 的备份：请设置 DATABASE_URL 指向要恢复到的（空）数据库');
    if (!options.force && (await postgresHasTables(target.databaseUrl))) {
      throw new Error('目标 PostgreSQL 数据库已有数据表，未覆盖。请恢复到新建的空数据库，或加 --force 替换');
    }
    if (uploadsTaken && !options.force)
      throw new Error(`上传目录不为空，未覆盖：${target.uploadsDir}（加 --force 替换）`);
    const args = ['--no-owner', '--exit-on-error', '-d', target.databaseUrl];
    if (options.force) args.push('--clean', '--if-exists');
    await runCommand('pg_restore', [...args, path.join(folder, manifest.database)]);
  } else {
    if (target.databaseUrl) throw new Error('这是 SQLite 的备份：请去掉 DATABASE_URL，用 SQLITE_PATH 指定恢复位置');
    const file = target.sqlitePath;
    if (fs.existsSync(file)) {
      if (!options.force) throw new Error(`数据库文件已存在，未覆盖：${file}（确认要替换请加 --force）`);
      if (sqliteInUse(file)) throw new Error(`数据库正被运行中的服务使用，请先停止服务再恢复：${file}`);
    }
    if (uploadsTaken && !options.force)
      throw new Error(`上传目录不为空，未覆盖：${target.uploadsDir}（加 --force 替换）`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const incoming = `${file}.restoring`;
    fs.copyFileSync(path.join(folder, manifest.database), incoming);
    if (fs.existsSync(file)) {
      fs.renameSync(file, `${file}${suffix}`);
      movedAside.push(`${file}${suffix}`);
    }
    // A stale WAL beside the restored file would be replayed into it.
    for (const extra of ['-wal', '-shm']) fs.rmSync(`${file}${extra}`, { force: true });
    fs.renameSync(incoming, file);
  }

  if (uploadsTaken) {
    fs.renameSync(target.uploadsDir, `${target.uploadsDir}${suffix}`);
    movedAside.push(`${target.uploadsDir}${suffix}`);
  }
  fs.mkdirSync(path.dirname(target.uploadsDir), { recursive: true });
  if (fs.existsSync(dumpedUploads)) fs.cpSync(dumpedUploads, target.uploadsDir, { recursive: true });
  else fs.mkdirSync(target.uploadsDir, { recursive: true });
  return { manifest, movedAside };
}
