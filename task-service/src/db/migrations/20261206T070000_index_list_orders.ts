import { type Kysely, sql } from 'kysely'

/**
 * Every list reads one range of an index in its own order (see each service README, "How lists stay
 * O(page)"). The task list's sorts each get an index led by project_id whose next columns are their
 * (key, id): due (undated last, as the list sorts) and priority (read backwards for most urgent
 * first); created has tasks_project_id, position tasks_project_position. Labels list by owner in id
 * order; a project's invitations in id order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index tasks_project_due_order on tasks (project_id, coalesce(due_at, 'infinity'::timestamptz), id)`.execute(
    db,
  )
  await sql`create index tasks_project_priority on tasks (project_id, priority, id)`.execute(db)
  await sql`create index labels_owner on labels (owner_id, id)`.execute(db)
  await sql`create index project_invitations_project_order on project_invitations (project_id, id)`.execute(db)
}
