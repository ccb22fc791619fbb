import { manualOrder } from '@focushub/shared/db'
import { type Kysely, sql, type Updateable } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { ProjectRow, ProjectsTable } from '../../db/tables/projects.ts'
import type { Database } from '../../db/tables.ts'
import type { MemberRole } from '../../schemas/common.ts'
import type { Membership } from '../members/membership.ts'

/** A project and its owner's membership (last in their list); call within a transaction. */
export async function insertProject(
  trx: Kysely<Database>,
  project: { ownerId: string; name: string; color: string | null },
): Promise<Membership> {
  const row = await trx
    .insertInto('projects')
    .values({ id: uuidv7(), owner_id: project.ownerId, name: project.name, color: project.color, is_inbox: false })
    .returningAll()
    .executeTakeFirstOrThrow()
  const member = await trx
    .insertInto('project_members')
    .values({ project_id: row.id, user_id: project.ownerId, role: 'owner' })
    .returning('position')
    .executeTakeFirstOrThrow()
  return { project: row, role: 'owner', position: member.position }
}

export const findInbox = (db: Kysely<Database>, userId: string) =>
  db.selectFrom('projects').selectAll().where('owner_id', '=', userId).where('is_inbox', '=', true).executeTakeFirst()

/** The user's Inbox with its owner's membership, unless they have one already; call within a transaction. */
export async function insertInbox(trx: Kysely<Database>, userId: string) {
  const created = await trx
    .insertInto('projects')
    .values({ id: uuidv7(), owner_id: userId, name: 'Inbox', color: null, is_inbox: true })
    .onConflict((c) => c.column('owner_id').where('is_inbox', '=', true).doNothing())
    .returningAll()
    .executeTakeFirst()
  if (created) {
    await trx.insertInto('project_members').values({ project_id: created.id, user_id: userId, role: 'owner' }).execute()
  }
}

/** Deletes the project (its tasks and members go with it); undefined when `expectedVersion` is stale. */
export function deleteProjectRow(trx: Kysely<Database>, projectId: string, expectedVersion?: number) {
  let query = trx.deleteFrom('projects').where('id', '=', projectId)
  if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion)
  return query.returning('id').executeTakeFirst()
}

/** The project, locked until the transaction ends: writes that must see one another's effect queue on it. */
export const lockProject = (trx: Kysely<Database>, projectId: string) =>
  trx.selectFrom('projects').selectAll().where('id', '=', projectId).forUpdate().executeTakeFirstOrThrow()

export interface ProjectFilter {
  archived: boolean
  after?: { position: number; id: string }
  limit: number
}

/**
 * The user's projects with their role, in the user's own order (position, then id; the Inbox,
 * joined first, leads until moved), keyset-paged on project_members_user_position.
 */
export async function listProjectsOf(db: Kysely<Database>, userId: string, filter: ProjectFilter) {
  let query = db
    .selectFrom('project_members')
    .innerJoin('projects', 'projects.id', 'project_members.project_id')
    .selectAll('projects')
    .select(['project_members.role', 'project_members.position'])
    .where('project_members.user_id', '=', userId)
    .where('projects.archived_at', filter.archived ? 'is not' : 'is', null)
    .orderBy('project_members.position')
    .orderBy('project_members.project_id')
    .limit(filter.limit + 1)
  if (filter.after) {
    const { position, id } = filter.after
    query = query.where(
      sql<boolean>`(project_members.position, project_members.project_id) > (${position}, ${id}::uuid)`,
    )
  }
  return query.execute() as Promise<(ProjectRow & { role: MemberRole; position: number })[]>
}

/** The user's projects as one manual order, for placing `projectId` in it. */
export const projectOrder = (db: Kysely<Database>, userId: string, projectId: string) =>
  manualOrder(db, { table: 'project_members', list: 'user_id', item: 'project_id' }, userId, projectId)

export async function setProjectPosition(db: Kysely<Database>, userId: string, projectId: string, position: number) {
  await db
    .updateTable('project_members')
    .set({ position })
    .where('user_id', '=', userId)
    .where('project_id', '=', projectId)
    .execute()
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
