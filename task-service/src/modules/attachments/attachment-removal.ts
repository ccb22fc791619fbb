import type { ObjectStorage } from '@focushub/shared/storage'
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { eraseUser } from '../members/user-erasure.ts'
import { objectKeysOf } from './attachment-rules.ts'
import {
  attachedTasksOwnedBy,
  deleteRemoved,
  deleteUsage,
  goneTasks,
  markForRemoval,
  type RemovalScope,
} from './attachments.repository.ts'

/**
 * An attachment goes in two steps, so that nothing is half done: its row is marked `deleting` in the
 * transaction of the change that removes it (hidden and off the quota from that commit on), then
 * its objects are removed and only then its row. When the storage cannot be reached at that moment,
 * the cleanup job (attachments-cleanup.ts) finishes the removal later.
 */
interface Removal {
  db: Kysely<Database>
  storage: ObjectStorage
  log: FastifyBaseLogger
}

/** Marks attachments for removal in a transaction of their own. */
export const markInOwnTransaction = (db: Kysely<Database>, scope: RemovalScope) =>
  db.transaction().execute((trx) => markForRemoval(trx, scope))

/** The second step, right after the commit that marked them: a failure is left to the cleanup job. */
export async function removeMarked(removal: Removal, ids: string[]) {
  if (ids.length === 0) return
  try {
    await removal.storage.remove(objectKeysOf(ids))
    await deleteRemoved(removal.db, ids)
  } catch (error) {
    removal.log.warn({ err: error, attachments: ids }, 'attachment objects not removed yet: the cleanup job retries')
  }
}

/** task.deleted (a task, its subtasks, every task of a deleted project): their attachments go. */
export const dropTaskAttachments = (trx: Kysely<Database>, taskIds: string[]) => markForRemoval(trx, { taskIds })

/**
 * A deleted account's erasure (eraseUser) with its attachments: every upload of theirs, and those on
 * the tasks of projects the erasure deletes (it publishes no task.deleted for them), looked up before
 * the tasks are gone. Their quota row goes too.
 */
export async function eraseUserWithAttachments(trx: Kysely<Database>, userId: string) {
  const inOwnedProjects = await attachedTasksOwnedBy(trx, userId)
  await eraseUser(trx, userId)
  await markForRemoval(trx, { uploadedBy: userId })
  await markForRemoval(trx, { taskIds: await goneTasks(trx, inOwnedProjects) })
  await deleteUsage(trx, userId)
}
