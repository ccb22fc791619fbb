import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>) {
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db)
  await sql`alter table notifications add constraint notifications_kind_check check (kind in
    ('achievement_unlocked', 'daily_goal_reached', 'focus_session_shared', 'project_invitation', 'task_reminder'))`.execute(
    db,
  )
  await db.schema
    .alterTable('notification_preferences')
    .addColumn('default_reminder_minutes', 'integer', (c) => c.check(sql`default_reminder_minutes between 0 and 10080`))
    .execute()
  // What the task events told of each task, newest version kept; a deleted task stays as a tombstone.
  await db.schema
    .createTable('reminder_tasks')
    .addColumn('task_id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'uuid')
    .addColumn('due_at', 'timestamptz')
    .addColumn('due_date', 'date')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('deleted', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute()
  await sql`create index reminder_tasks_assignee on reminder_tasks (assignee_id) where not deleted`.execute(db)
  // Each user's own list for a task, as task.reminders_set last told it (an empty list: none, not even the default).
  await db.schema
    .createTable('reminder_lists')
    .addColumn('task_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('reminders', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('reminder_lists_pkey', ['task_id', 'user_id'])
    .execute()
  await sql`create index reminder_lists_user on reminder_lists (user_id)`.execute(db)
  // The reminders armed on the job queue: one fire-reminder job (job_key) per row.
  await db.schema
    .createTable('reminder_schedules')
    .addColumn('task_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('position', 'smallint', (c) => c.notNull())
    .addColumn('fire_at', 'timestamptz', (c) => c.notNull())
    .addColumn('job_key', 'text', (c) => c.notNull())
    .addColumn('fired_at', 'timestamptz')
    .addPrimaryKeyConstraint('reminder_schedules_pkey', ['task_id', 'user_id', 'position'])
    .execute()
  await sql`create index reminder_schedules_user on reminder_schedules (user_id)`.execute(db)
}
