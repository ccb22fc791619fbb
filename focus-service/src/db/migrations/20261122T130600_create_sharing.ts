import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('session_shares')
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('focus_sessions.id').onDelete('cascade'))
    .addColumn('recipient_id', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('session_shares_pkey', ['session_id', 'recipient_id'])
    .execute()
  await db.schema
    .createIndex('session_shares_recipient')
    .on('session_shares')
    .columns(['recipient_id', 'session_id'])
    .execute()

  await db.schema
    .createTable('public_links')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('focus_sessions.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('public_links_session').on('public_links').columns(['session_id']).execute()

  // Kept when a session is deleted: the audit outlives what it describes (erased with the user).
  await db.schema
    .createTable('share_audit')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('session_id', 'uuid', (c) => c.notNull())
    .addColumn('actor_id', 'uuid', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('share_audit_session').on('share_audit').columns(['session_id', 'id']).execute()
}
