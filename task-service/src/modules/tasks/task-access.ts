import { errors } from '@focushub/shared/errors'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { taskError } from '../../errors.ts'
import { type Access, type Membership, requireAccess } from '../members/membership.ts'
import { findTask, lockTask } from './tasks.repository.ts'

export const taskNotFound = () => errors.notFound('No such task')

/** Refuses changes to the tasks of an archived project until it is unarchived. */
export function requireActive(membership: Membership) {
  if (membership.project.archived_at)
    throw taskError('project-archived', 'The project is archived; unarchive it to change its tasks')
}

/** A task the caller may read: a task of a project they are not in answers 404 like a missing one. */
export async function readableTask(db: Kysely<Database>, taskId: string, userId: string) {
  const task = await findTask(db, taskId)
  if (!task) throw taskNotFound()
  await requireAccess(db, task.project_id, userId, 'read', taskNotFound)
  return task
}

/** The task locked for a write in this transaction, checked for the caller's access. */
export async function writableTask(trx: Kysely<Database>, taskId: string, userId: string, access: Access = 'write') {
  const task = await lockTask(trx, taskId)
  if (!task) throw taskNotFound()
  const membership = await requireAccess(trx, task.project_id, userId, access, taskNotFound)
  requireActive(membership)
  return { task, membership }
}

/** With a version named, the task must still have it. */
export function checkVersion(task: { version: number }, expected: number | undefined) {
  if (expected !== undefined && task.version !== expected) {
    throw errors.preconditionFailed('The task changed since you read it; read it again')
  }
}
