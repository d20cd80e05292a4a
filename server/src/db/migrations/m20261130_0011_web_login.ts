import { sql, type Kysely } from 'kysely';

// Web console sign-in by QR (the H5 app in production).
// - web_login_tickets: one QR shown by a browser. Only hashes of its two secrets are kept:
//   `secret` stays in the browser (it collects the session), `code` travels in the QR (the
//   phone proves it saw the QR). The browser is kept as a short summary, never the raw header.
// - sessions.kind: how a session was made ('mini' WeChat sign-in, 'web' QR sign-in, 'demo'),
//   so "sign out all computers" can end exactly the web ones; sessions.web_ticket_id names the
//   ticket a web session came from. Sessions made before this migration were mini-program ones
//   or demo ones; they are counted as 'mini'.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('web_login_tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('browser', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'scanned', 'confirmed', 'refused', 'delivered')`),
    )
    .addColumn('member_id', 'integer', (c) => c.references('members.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .addColumn('delivered_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('web_login_tickets_expires_idx')
    .on('web_login_tickets')
    .columns(['expires_at'])
    .execute();

  await db.schema
    .alterTable('sessions')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('mini'))
    .execute();
  await db.schema.alterTable('sessions').addColumn('web_ticket_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('web_ticket_id').execute();
  await db.schema.alterTable('sessions').dropColumn('kind').execute();
  await db.schema.dropTable('web_login_tickets').execute();
}
