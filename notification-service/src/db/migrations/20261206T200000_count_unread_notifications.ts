import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>) {
  // Each user's unread count, changed in the transaction of every change to their notifications: the
  // bell, and every notification event, read one row instead of counting the user's unread entries.
  await db.schema
    .createTable('unread_counts')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey())
    .addColumn('unread', 'integer', (c) => c.notNull())
    .execute()
  // Counted once from the notifications as they stand, which no writer changes meanwhile.
  await sql`lock table notifications in share mode`.execute(db)
  await sql`insert into unread_counts (user_id, unread)
    select user_id, count(*) from notifications where unread group by user_id`.execute(db)
}
