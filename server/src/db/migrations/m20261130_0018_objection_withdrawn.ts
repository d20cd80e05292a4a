import { sql, type Kysely } from 'kysely';
import { isSqlite } from './helpers.js';

// A member may withdraw an objection while it is still pending (issue #12): a new status
// `withdrawn` (resolved_at holds when, resolved_by the member). Migration 0007's status check
// is replaced (dropped and re-created) on both dialects, in the same shape 0007 wrote it.
const NAME = 'points_objections_status_ck';
const WITH = `('pending', 'reversed', 'adjusted', 'rejected', 'withdrawn')`;
const WITHOUT = `('pending', 'reversed', 'adjusted', 'rejected')`;

const run = (db: Kysely<unknown>, text: string) => sql.raw(text).execute(db);

async function replaceCheck(db: Kysely<unknown>, statuses: string): Promise<void> {
  const holds = (r: string) => `${r}status IN ${statuses}`;
  if (isSqlite(db)) {
    for (const op of ['insert', 'update']) {
      await run(db, `DROP TRIGGER IF EXISTS ${NAME}_${op}`);
      await run(
        db,
        `CREATE TRIGGER ${NAME}_${op} BEFORE ${op.toUpperCase()} ON points_objections
           WHEN NOT (${holds('NEW.')})
         BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: ${NAME}'); END`,
      );
    }
  } else {
    await run(db, `ALTER TABLE points_objections DROP CONSTRAINT IF EXISTS ${NAME}`);
    await run(db, `ALTER TABLE points_objections ADD CONSTRAINT ${NAME} CHECK (${holds('')})`);
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isSqlite(db)) await db.transaction().execute((trx) => replaceCheck(trx, WITH));
  else await replaceCheck(db, WITH);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // 0007's check comes back; a withdrawn objection cannot survive it.
  await run(db, `DELETE FROM points_objections WHERE status = 'withdrawn'`);
  await replaceCheck(db, WITHOUT);
}
