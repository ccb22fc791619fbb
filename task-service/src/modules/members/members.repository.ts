import { type Kysely, sql } from 'kysely'
import type { MemberRole, ProjectMemberRow } from '../../db/tables/project-members.ts'
import type { Database } from '../../db/tables.ts'
import { taskColumns } from '../tasks/tasks.repository.ts'

export const findMember = (db: Kysely<Database>, projectId: string, userId: string) =>
  db
    .selectFrom('project_members')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .executeTakeFirst()

export async function listMembers(db: Kysely<Database>, projectId: string, after: string | undefined, limit: number) {
  let query = db
    .selectFrom('project_members')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('user_id')
    .limit(limit + 1)
  if (after) query = query.where('user_id', '>', after)
  return query.execute()
}

/** Adds a member; undefined when they already are one. */
export const insertMember = (db: Kysely<Database>, projectId: string, userId: string, role: MemberRole) =>
  db
    .insertInto('project_members')
    .values({ project_id: projectId, user_id: userId, role })
    .onConflict((c) => c.columns(['project_id', 'user_id']).doNothing())
    .returningAll()
    .executeTakeFirst()

export const toMember = (row: ProjectMemberRow) => ({
  userId: row.user_id,
  role: row.role,
  addedAt: row.added_at.toISOString(),
})

/** Someone who leaves a project stops being assignee or observer of its tasks; returns the tasks changed. */
export function detachFromTasks(trx: Kysely<Database>, projectId: string, userId: string) {
  return trx
    .updateTable('tasks')
    .set((eb) => ({
      assignee_id: eb.case().when('assignee_id', '=', userId).then(null).else(eb.ref('assignee_id')).end(),
      observer_ids: sql<string[]>`array_remove(observer_ids, ${userId}::uuid)`,
      version: sql<number>`version + 1`,
      updated_at: sql<Date>`now()`,
    }))
    .where('project_id', '=', projectId)
    .where((eb) => eb.or([eb('assignee_id', '=', userId), sql<boolean>`observer_ids @> array[${userId}::uuid]`]))
    .returning(taskColumns)
    .execute()
}
