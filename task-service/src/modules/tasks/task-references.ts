import { errors } from '@focushub/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'

/** Assignees and observers must be members of the task's project. */
export async function checkMembers(db: Kysely<Database>, projectId: string, userIds: string[], field: string) {
  if (userIds.length === 0) return
  const rows = await db
    .selectFrom('project_members')
    .select('user_id')
    .where('project_id', '=', projectId)
    .where('user_id', 'in', userIds)
    .execute()
  if (rows.length !== new Set(userIds).size) {
    throw errors.unprocessable('Only members of the project can be named here', [
      { field, message: 'names someone who is not a member of the project' },
    ])
  }
}

/** Labels are personal: one attaches only one's own (others' already on the task may stay). */
export async function checkLabels(db: Kysely<Database>, userId: string, labelIds: string[]) {
  if (labelIds.length === 0) return
  const rows = await db
    .selectFrom('labels')
    .select('id')
    .where('owner_id', '=', userId)
    .where('id', 'in', labelIds)
    .execute()
  if (rows.length !== new Set(labelIds).size) {
    throw errors.unprocessable('Unknown label', [{ field: '/body/labelIds', message: 'names a label you do not have' }])
  }
}

/** A subtask lives in its parent's project. */
export async function checkParent(db: Kysely<Database>, projectId: string, parentId: string) {
  const parent = await db.selectFrom('tasks').select('project_id').where('id', '=', parentId).executeTakeFirst()
  if (parent?.project_id !== projectId) {
    throw errors.unprocessable('The parent task must be in the same project', [
      { field: '/body/parentId', message: 'is not a task of this project' },
    ])
  }
}
