import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('achievement_unlocked', 'daily_goal_reached', 'focus_session_shared', 'project_invitation')`,
        ),
    )
    .addColumn('trigger_key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .addColumn('unread', 'boolean', (c) => c.notNull().generatedAlwaysAs(sql`read_at is null`).stored())
    .addUniqueConstraint('notifications_user_trigger', ['user_id', 'trigger_key'])
    .execute()
  // Newest first (a backward range); unread first, the unread filter and the unread count (one range each).
  await sql`create index notifications_user_newest on notifications (user_id, id)`.execute(db)
  await sql`create index notifications_user_unread on notifications (user_id, unread, id)`.execute(db)
}
