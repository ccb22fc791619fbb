import { type Kysely, sql } from 'kysely'
import type { TaskAttachmentRow } from '../../db/tables/task-attachments.ts'
import type { Database } from '../../db/tables.ts'
import type { Attachment } from './attachments.schemas.ts'

export const insertAttachment = (
  trx: Kysely<Database>,
  row: Pick<TaskAttachmentRow, 'id' | 'task_id' | 'uploaded_by' | 'file_name' | 'size' | 'content_type'>,
) =>
  trx
    .insertInto('task_attachments')
    .values({ ...row, status: 'pending' })
    .returningAll()
    .executeTakeFirstOrThrow()

/** The task's attachments that count against its limit: ready ones and uploads still pending. */
export async function countTaskAttachments(trx: Kysely<Database>, taskId: string) {
  const { count } = await trx
    .selectFrom('task_attachments')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('task_id', '=', taskId)
    .where('status', 'in', ['pending', 'ready'])
    .executeTakeFirstOrThrow()
  return Number(count)
}

/** An attachment of the task that is not being removed. */
export const findAttachment = (db: Kysely<Database>, taskId: string, attachmentId: string) =>
  db
    .selectFrom('task_attachments')
    .selectAll()
    .where('id', '=', attachmentId)
    .where('task_id', '=', taskId)
    .where('status', 'in', ['pending', 'ready'])
    .executeTakeFirst()

/** findAttachment, locked until the transaction ends: its status changes one writer at a time. */
export const lockAttachment = (trx: Kysely<Database>, taskId: string, attachmentId: string) =>
  trx
    .selectFrom('task_attachments')
    .selectAll()
    .where('id', '=', attachmentId)
    .where('task_id', '=', taskId)
    .where('status', 'in', ['pending', 'ready'])
    .forUpdate()
    .executeTakeFirst()

export const markReady = (trx: Kysely<Database>, attachmentId: string) =>
  trx
    .updateTable('task_attachments')
    .set({ status: 'ready' })
    .where('id', '=', attachmentId)
    .returningAll()
    .executeTakeFirstOrThrow()

export const markThumbnail = (trx: Kysely<Database>, attachmentId: string) =>
  trx.updateTable('task_attachments').set({ thumbnail: true }).where('id', '=', attachmentId).execute()

export const markThumbnailFailed = (trx: Kysely<Database>, attachmentId: string) =>
  trx.updateTable('task_attachments').set({ thumbnail_failed: true }).where('id', '=', attachmentId).execute()

/**
 * Up to `limit` ready images completed before `before` that still have no thumbnail (their event's
 * tries ran out while the storage was away), locked (SKIP LOCKED), on task_attachments_unthumbnailed.
 */
export const claimUnthumbnailed = (trx: Kysely<Database>, before: Date, limit: number) =>
  trx
    .selectFrom('task_attachments')
    .selectAll()
    .where('status', '=', 'ready')
    .where('thumbnail', '=', false)
    .where('thumbnail_failed', '=', false)
    .where('content_type', 'like', 'image/%')
    .where('created_at', '<', before)
    .orderBy('created_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute()

/** The task's ready attachments in upload order, on task_attachments_task (at most ATTACHMENTS_PER_TASK). */
export const readyAttachmentsOf = (db: Kysely<Database>, taskId: string) =>
  db
    .selectFrom('task_attachments')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('status', '=', 'ready')
    .orderBy('id')
    .execute()

/**
 * The user's bytes of attachments, their usage row locked until the transaction ends: one upload
 * of theirs is counted against the quota at a time, so two at once cannot both slip under it.
 */
export async function lockUsage(trx: Kysely<Database>, userId: string) {
  await trx
    .insertInto('attachment_usage')
    .values({ user_id: userId, bytes: 0 })
    .onConflict((c) => c.column('user_id').doNothing())
    .execute()
  const { bytes } = await trx
    .selectFrom('attachment_usage')
    .select('bytes')
    .where('user_id', '=', userId)
    .forUpdate()
    .executeTakeFirstOrThrow()
  return Number(bytes)
}

export const addUsage = (trx: Kysely<Database>, userId: string, bytes: number) =>
  trx
    .updateTable('attachment_usage')
    .set({ bytes: sql<number>`bytes + ${bytes}` })
    .where('user_id', '=', userId)
    .execute()

export const deleteUsage = (trx: Kysely<Database>, userId: string) =>
  trx.deleteFrom('attachment_usage').where('user_id', '=', userId).execute()

/** Which attachments to mark: by id, by task, or every upload of a user. */
export type RemovalScope = { ids: string[] } | { taskIds: string[] } | { uploadedBy: string }

/**
 * Marks the attachments `deleting` (hidden, no longer counted) and gives their bytes back to their
 * uploaders' quotas, in the same transaction; the objects go after it commits, then the rows.
 * Answers the ids marked now (those marked before are not counted twice).
 */
export async function markForRemoval(trx: Kysely<Database>, scope: RemovalScope) {
  let update = trx.updateTable('task_attachments').set({ status: 'deleting' }).where('status', '<>', 'deleting')
  if ('ids' in scope) {
    if (scope.ids.length === 0) return []
    update = update.where('id', 'in', scope.ids)
  } else if ('taskIds' in scope) {
    if (scope.taskIds.length === 0) return []
    update = update.where('task_id', 'in', scope.taskIds)
  } else {
    update = update.where('uploaded_by', '=', scope.uploadedBy)
  }
  const marked = await update.returning(['id', 'uploaded_by', 'size']).execute()
  const bytesByUser = new Map<string, number>()
  for (const { uploaded_by, size } of marked) bytesByUser.set(uploaded_by, (bytesByUser.get(uploaded_by) ?? 0) + size)
  // In user id order, as every transaction locks usage rows: two removals cannot wait on each other.
  for (const [userId, bytes] of [...bytesByUser].sort(([a], [b]) => (a < b ? -1 : 1))) {
    await addUsage(trx, userId, -bytes)
  }
  return marked.map((row) => row.id)
}

/** Up to `limit` uploads still pending since before `before`, locked (SKIP LOCKED: one replica takes each). */
export const claimAbandoned = (trx: Kysely<Database>, before: Date, limit: number) =>
  trx
    .selectFrom('task_attachments')
    .select('id')
    .where('status', '=', 'pending')
    .where('created_at', '<', before)
    .orderBy('created_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute()

/** Up to `limit` attachments marked for removal, locked (SKIP LOCKED: one replica takes each). */
export const claimRemovals = (trx: Kysely<Database>, limit: number) =>
  trx
    .selectFrom('task_attachments')
    .select('id')
    .where('status', '=', 'deleting')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute()

/** Deletes rows marked for removal whose objects are gone. */
export const deleteRemoved = (db: Kysely<Database>, ids: string[]) =>
  db.deleteFrom('task_attachments').where('id', 'in', ids).where('status', '=', 'deleting').execute()

/** The tasks with attachments in projects the user owns: those their erasure may delete. */
export const attachedTasksOwnedBy = async (trx: Kysely<Database>, userId: string) =>
  (
    await trx
      .selectFrom('task_attachments')
      .innerJoin('tasks', 'tasks.id', 'task_attachments.task_id')
      .innerJoin('projects', 'projects.id', 'tasks.project_id')
      .select('task_attachments.task_id')
      .distinct()
      .where('projects.owner_id', '=', userId)
      .execute()
  ).map((row) => row.task_id)

/** Of `taskIds`, those no longer in `tasks`. */
export async function goneTasks(trx: Kysely<Database>, taskIds: string[]) {
  if (taskIds.length === 0) return []
  const present = await trx.selectFrom('tasks').select('id').where('id', 'in', taskIds).execute()
  const kept = new Set(present.map((row) => row.id))
  return taskIds.filter((id) => !kept.has(id))
}

export const toAttachment = (row: TaskAttachmentRow): Attachment => ({
  id: row.id,
  taskId: row.task_id,
  fileName: row.file_name,
  size: row.size,
  contentType: row.content_type,
  status: row.status === 'ready' ? 'ready' : 'pending',
  thumbnail: row.thumbnail,
  uploadedBy: row.uploaded_by,
  createdAt: row.created_at.toISOString(),
})
