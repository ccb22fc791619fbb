import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>) {
  // Where a user's e-mail goes, from auth.user.registered (and their name from profile events).
  await db.schema
    .createTable('email_recipients')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('as_of', 'timestamptz', (c) => c.notNull())
    .execute()
  // One row per (notification, channel) told outside the inbox: the state that makes a send at most once.
  await db.schema
    .createTable('deliveries')
    .addColumn('notification_id', 'uuid', (c) => c.notNull().references('notifications.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email')`))
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('pending', 'sending', 'sent', 'unknown', 'failed', 'cancelled')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addPrimaryKeyConstraint('deliveries_pkey', ['notification_id', 'channel'])
    .execute()
}
