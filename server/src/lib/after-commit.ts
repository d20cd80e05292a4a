// Work that must wait for a transaction's commit. The Redis rank mirror is the case: Redis
// cannot join the SQL transaction, and a copy taken before the commit could copy values
// that then roll back (or miss ones not yet visible). Every transaction that may move points
// is opened by `committed()`; code inside it registers hooks with `onCommit()`, and they run
// once the commit has succeeded, before `committed()` returns, so a caller answered after it
// (an HTTP response) already sees the mirror updated. No timers: a transaction opened any
// other way makes `onCommit()` throw, so a path that forgot cannot slip through unnoticed.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

type Hook = () => Promise<void>;
const hooksByTrx = new WeakMap<object, Hook[]>();

/** A transaction whose `onCommit` hooks run after it commits (and never if it rolls back). */
export async function committed<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  const hooks: Hook[] = [];
  const result = await db.transaction().execute(async (trx) => {
    hooksByTrx.set(trx, hooks);
    return work(trx);
  });
  for (const hook of hooks) {
    // The transaction is durable: a failed hook is logged, never turned into a failed request.
    try {
      await hook();
    } catch (error) {
      console.warn('after-commit hook failed', error);
    }
  }
  return result;
}

/** Registers work for after the commit of `trx`, which must have been opened by `committed()`. */
export function onCommit(trx: Transaction<Database>, hook: Hook): void {
  const hooks = hooksByTrx.get(trx);
  if (!hooks) {
    throw new Error('points moved in a transaction not opened by committed() (lib/after-commit.ts)');
  }
  hooks.push(hook);
}
