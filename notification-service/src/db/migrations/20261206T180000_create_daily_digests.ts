import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>) {
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db)
  await sql`alter table notifications add constraint notifications_kind_check check (kind in
    ('achievement_unlocked', 'daily_goal_reached', 'focus_session_shared', 'project_invitation', 'task_reminder',
     'daily_agenda', 'streak_at_risk'))`.execute(db)
  // The daily agenda and the evening streak nudge: each on or off at a local 'HH:MM' of the user's zone.
  const localTime = (column: string) => sql`${sql.ref(column)} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`
  await db.schema
    .alterTable('notification_preferences')
    .addColumn('agenda_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('agenda_time', 'text', (c) => c.notNull().defaultTo('08:00').check(localTime('agenda_time')))
    .addColumn('streak_nudge_enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('streak_nudge_time', 'text', (c) => c.notNull().defaultTo('20:00').check(localTime('streak_nudge_time')))
    .execute()
}
