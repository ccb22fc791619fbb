import { type Kysely, sql, type Updateable } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { MemberRole } from '../../db/tables/project-members.ts'
import type { ProjectRow, ProjectsTable } from '../../db/tables/projects.ts'
import type { Database } from '../../db/tables.ts'

/** A project and its owner's membership; call within a transaction. */
export async function insertProject(
  trx: Kysely<Database>,
  project: { ownerId: string; name: string; color: string | null },
): Promise<ProjectRow> {
  const row = await trx
    .insertInto('projects')
    .values({ id: uuidv7(), owner_id: project.ownerId, name: project.name, color: project.color, is_inbox: false })
    .returningAll()
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('project_members')
    .values({ project_id: row.id, user_id: project.ownerId, role: 'owner' })
    .execute()
  return row
}

export interface ProjectFilter {
  archived: boolean
  after?: string
  limit: number
}

/** The user's projects with their role, oldest first (the Inbox, created first, leads). */
export async function listProjectsOf(db: Kysely<Database>, userId: string, filter: ProjectFilter) {
  let query = db
    .selectFrom('projects')
    .innerJoin('project_members', 'project_members.project_id', 'projects.id')
    .selectAll('projects')
    .select('project_members.role')
    .where('project_members.user_id', '=', userId)
    .where('projects.archived_at', filter.archived ? 'is not' : 'is', null)
    .orderBy('projects.id')
    .limit(filter.limit + 1)
  if (filter.after) query = query.where('projects.id', '>', filter.after)
  return query.execute() as Promise<(ProjectRow & { role: MemberRole })[]>
}

/** Updates and bumps the version; with `expectedVersion`, only if the row still has it. */
export async function updateProject(
  db: Kysely<Database>,
  id: string,
  changes: Updateable<ProjectsTable>,
  expectedVersion?: number,
): Promise<ProjectRow | undefined> {
  let query = db
    .updateTable('projects')
    .set({ ...changes, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
  if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion)
  return query.returningAll().executeTakeFirst()
}
