import { type Kysely, sql } from 'kysely'

/**
 * The weekly review counts the tasks a user got done in a week (internal-week.repository.ts): one
 * range of (person, completed_at) among done tasks, for the assignee and for an unassigned task's
 * creator. Without them the count is a scan of the whole table.
 */
export async function up(db: Kysely<unknown>) {
  await sql`create index tasks_done_by_assignee on tasks (assignee_id, completed_at)
    where status = 'done' and assignee_id is not null`.execute(db)
  await sql`create index tasks_done_by_creator on tasks (created_by, completed_at)
    where status = 'done' and assignee_id is null`.execute(db)
}
