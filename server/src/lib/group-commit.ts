// Group commit for SQLite. With synchronous=FULL every commit waits for the disk to flush,
// so one transaction per request caps a write route at the disk's flush rate. Here the units
// of work that arrive while a commit is running share the next transaction: each runs in its
// own savepoint (a failure rolls back only its own writes), and every caller is answered only
// after the shared commit, so nothing acknowledged can be lost. PostgreSQL groups concurrent
// commits by itself: there each unit gets its own transaction.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Dialect } from '../db/index.js';
import { committed } from './after-commit.js';

type Work<T> = (trx: Transaction<Database>) => Promise<T>;
interface Job {
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Most units of work in one shared transaction; keeps a slow batch from holding many callers. */
const MAX_BATCH = 64;

export interface UnitOfWork {
  run<T>(work: Work<T>): Promise<T>;
}

class SqliteGroupCommit implements UnitOfWork {
  private queue: Job[] = [];
  private draining = false;

  constructor(private readonly db: Kysely<Database>) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work: work as Work<unknown>, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      // Let every request already read from the sockets reach the queue before the batch
      // starts: better-sqlite3 is synchronous, so they arrive between commits, not during them.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
        try {
          // committed(): after-commit hooks (the rank mirror) run before anyone is answered.
          await committed(this.db, async (trx) => {
            for (const job of batch) {
              await sql`savepoint unit`.execute(trx);
              try {
                const value = await job.work(trx);
                await sql`release savepoint unit`.execute(trx);
                outcomes.push({ ok: true, value });
              } catch (error) {
                await sql`rollback to savepoint unit`.execute(trx);
                await sql`release savepoint unit`.execute(trx);
                outcomes.push({ ok: false, error });
              }
            }
          });
        } catch (error) {
          // The commit itself failed: nobody's work is durable.
          for (const job of batch) job.reject(error);
          continue;
        }
        batch.forEach((job, i) => {
          const outcome = outcomes[i]!;
          if (outcome.ok) job.resolve(outcome.value);
          else job.reject(outcome.error);
        });
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.draining = false;
    }
  }
}

const perDatabase = new WeakMap<Kysely<Database>, UnitOfWork>();

/** The way to commit small independent write transactions on this database. */
export function unitOfWork(db: Kysely<Database>, dialect: Dialect): UnitOfWork {
  let unit = perDatabase.get(db);
  if (!unit) {
    unit = dialect === 'sqlite' ? new SqliteGroupCommit(db) : { run: (work) => committed(db, work) };
    perDatabase.set(db, unit);
  }
  return unit;
}
