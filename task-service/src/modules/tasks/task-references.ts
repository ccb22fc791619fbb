import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { taskError } from '../../errors.ts'
import { ownLabelsAmong } from '../labels/labels.repository.ts'
import { membersAmong } from '../members/members.repository.ts'
import { projectOfTask } from './tasks.repository.ts'

/** Assignees and observers must be members of the task's project. */
export async function checkMembers(db: Kysely<Database>, projectId: string, userIds: string[], field: string) {
  if (userIds.length === 0) return
  const members = await membersAmong(db, projectId, userIds)
  if (members.length !== new Set(userIds).size) {
    throw taskError('not-a-project-member', 'Only members of the project can be named here', {
      errors: [{ field, message: 'names someone who is not a member of the project' }],
    })
  }
}

/** Labels are personal: one attaches only one's own (others' already on the task may stay). */
export async function checkLabels(db: Kysely<Database>, userId: string, labelIds: string[]) {
  if (labelIds.length === 0) return
  const own = await ownLabelsAmong(db, userId, labelIds)
  if (own.length !== new Set(labelIds).size) {
    throw taskError('unknown-label', 'Unknown label', {
      errors: [{ field: '/body/labelIds', message: 'names a label you do not have' }],
    })
  }
}

/**
 * The labels of a task after `userId` sets theirs to `requested`. Labels are personal: one sets only
 * one's own, and the labels other members put on a shared task stay on it (sending them back, as a
 * client that read the task does, changes nothing). An id that is neither one's own label nor
 * already on the task answers 422.
 */
export async function mergeLabels(db: Kysely<Database>, userId: string, current: string[], requested: string[]) {
  const named = [...new Set([...current, ...requested])]
  const own = new Set(named.length === 0 ? [] : await ownLabelsAmong(db, userId, named))
  if (requested.some((id) => !own.has(id) && !current.includes(id))) {
    throw taskError('unknown-label', 'Unknown label', {
      errors: [{ field: '/body/labelIds', message: 'names a label you do not have' }],
    })
  }
  const others = current.filter((id) => !own.has(id))
  return [...others, ...new Set(requested.filter((id) => own.has(id)))]
}

/** A subtask lives in its parent's project. */
export async function checkParent(db: Kysely<Database>, projectId: string, parentId: string) {
  if ((await projectOfTask(db, parentId)) !== projectId) {
    throw taskError('parent-in-other-project', 'The parent task must be in the same project', {
      errors: [{ field: '/body/parentId', message: 'is not a task of this project' }],
    })
  }
}
