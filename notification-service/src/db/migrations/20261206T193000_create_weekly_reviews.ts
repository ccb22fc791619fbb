import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>) {
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db)
  await sql`alter table notifications add constraint notifications_kind_check check (kind in
    ('achievement_unlocked', 'daily_goal_reached', 'focus_session_shared', 'project_invitation', 'task_reminder',
     'daily_agenda', 'streak_at_risk', 'weekly_review'))`.execute(db)
  // The weekly review: on or off, on an ISO weekday (1 Monday … 7 Sunday) at a local 'HH:MM' of the user's zone.
  await db.schema
    .alterTable('notification_preferences')
    .addColumn('weekly_review_enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('weekly_review_weekday', 'smallint', (c) =>
      c.notNull().defaultTo(1).check(sql`weekly_review_weekday between 1 and 7`),
    )
    .addColumn('weekly_review_time', 'text', (c) =>
      c.notNull().defaultTo('08:00').check(sql`weekly_review_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    )
    .execute()
  // One row per user and reviewed week (its Monday): the week's figures and, as told, the week before's.
  await db.schema
    .createTable('weekly_reviews')
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('week_start', 'date', (c) => c.notNull().check(sql`extract(isodow from week_start) = 1`))
    .addColumn('focus_minutes', 'integer', (c) => c.notNull().check(sql`focus_minutes >= 0`))
    .addColumn('focus_sessions', 'integer', (c) => c.notNull().check(sql`focus_sessions >= 0`))
    .addColumn('tasks_done', 'integer', (c) => c.notNull().check(sql`tasks_done >= 0`))
    .addColumn('habits_kept', 'integer', (c) => c.notNull().check(sql`habits_kept >= 0`))
    .addColumn('habits_due', 'integer', (c) => c.notNull().check(sql`habits_due >= 0`))
    .addColumn('previous', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('weekly_reviews_pkey', ['user_id', 'week_start'])
    .execute()
}
