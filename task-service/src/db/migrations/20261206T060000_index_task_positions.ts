import { type Kysely, sql } from 'kysely'

/** A project's tasks in manual order: placing a task (placeInOrder) and the position sort of one project. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index tasks_project_position on tasks (project_id, position, id)`.execute(db)
}
