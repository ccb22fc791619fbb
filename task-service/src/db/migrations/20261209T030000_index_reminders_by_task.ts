import { type Kysely, sql } from 'kysely'

/**
 * A user's task reminders in task order: the export reads them page by page, one range of
 * (user_id, task_id). It serves every lookup by user the old (user_id) index did, which goes.
 */
export async function up(db: Kysely<unknown>) {
  await sql`create index task_reminders_user_task on task_reminders (user_id, task_id)`.execute(db)
  await sql`drop index task_reminders_user`.execute(db)
}
