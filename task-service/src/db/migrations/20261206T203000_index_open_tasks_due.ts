import { type Kysely, sql } from 'kysely'

/**
 * The open tasks of a project in due order (the list's `due` key), for what is due today and overdue
 * (the Today screen's lists, the agenda's day): one range of it holds only tasks still to do, however
 * many are done. due_at and due_date ride along so that counting a range needs no heap.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index tasks_project_open_due on tasks (project_id, coalesce(due_at, 'infinity'::timestamptz), id)
    include (due_at, due_date) where status in ('todo', 'in_progress')`.execute(db)
}
