// Dialect seams for migrations. Kept beside the migrations (not in app code) so that
// migrations stay frozen in time.
import { SqliteAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

export function isSqlite(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** An integer surrogate key: a rowid alias on SQLite, an identity column on PostgreSQL. */
export function idColumn(db: Kysely<unknown>) {
  return (col: ColumnDefinitionBuilder) =>
    isSqlite(db) ? col.primaryKey() : col.primaryKey().generatedByDefaultAsIdentity();
}
