// Group commit for SQLite. With synchronous=FULL every commit waits for an fsync, so one
// transaction per request caps a write route at the disk's flush rate (bench: raw-insert).
// Here concurrent writers queue their work; one transaction runs the whole queue, each piece
// inside its own savepoint (a failure undoes only that piece), and every caller is answered
// only after the commit, so nothing acknowledged is lost. Idle, a batch is one piece and
// nothing waits. PostgreSQL groups concurrent commits by itself: there it is a plain
// transaction per call.
import type { Transaction } from 'kysely';
import type { Db, Dialect } from '../db/index.js';
import type { Database } from '../db/schema.js';

export type Work<T> = (trx: Transaction<Database>) => Promise<T>;
export type GroupCommit = <T>(work: Work<T>) => Promise<T>;

interface Pending {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Most pieces in one transaction: bounds how long the first caller of a batch waits. */
const MAX_BATCH = 256;

export function groupCommit(db: Db, dialect: Dialect): GroupCommit {
  if (dialect !== 'sqlite') return (work) => db.transaction().execute(work);

  const queue: Pending[] = [];
  let flushing = false;

  async function runBatch(batch: Pending[]) {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    const trx = await db.startTransaction().execute();
    try {
      for (const item of batch) {
        const piece = await trx.savepoint('piece').execute();
        try {
          const value = await item.work(piece);
          await piece.releaseSavepoint('piece').execute();
          outcomes.push({ ok: true, value });
        } catch (error) {
          await piece.rollbackToSavepoint('piece').execute();
          await piece.releaseSavepoint('piece').execute();
          outcomes.push({ ok: false, error });
        }
      }
      await trx.commit().execute();
    } catch (error) {
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      throw error;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  async function flush() {
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, MAX_BATCH);
        await runBatch(batch).catch((error: unknown) => batch.forEach((item) => item.reject(error)));
      }
    } finally {
      flushing = false;
    }
  }

  return <T>(work: Work<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!flushing) {
        flushing = true;
        setImmediate(() => void flush());
      }
    });
}
