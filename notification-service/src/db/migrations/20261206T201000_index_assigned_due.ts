import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>) {
  // A user's default reminder changed re-arms their open tasks due from now on, not every task ever assigned to them.
  await sql`create index reminder_tasks_assignee_due on reminder_tasks (assignee_id, due_at)
    where not deleted and status in ('todo', 'in_progress')`.execute(db)
  await sql`drop index reminder_tasks_assignee`.execute(db)
}
