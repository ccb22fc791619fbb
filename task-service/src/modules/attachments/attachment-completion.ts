import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork } from '@focushub/shared/events'
import type { TaskContext } from '../../context.ts'
import type { TaskAttachmentRow } from '../../db/tables/task-attachments.ts'
import { taskError } from '../../errors.ts'
import { recordTaskEvent } from '../../events/task-events.ts'
import { audienceOf } from '../members/members.repository.ts'
import { writableTask } from '../tasks/task-access.ts'
import { contentMatches, sampleBytes } from './attachment-content.ts'
import { markInOwnTransaction, removeMarked } from './attachment-removal.ts'
import { objectKeyOf, uploadKeyOf } from './attachment-rules.ts'
import { lockAttachment, markReady, toAttachment } from './attachments.repository.ts'
import { attachmentNotFound, visibleAttachment } from './attachments.service.ts'

/** Discards a refused upload (its object and its row go, its bytes leave the quota); answers the refusal. */
async function discarded(ctx: TaskContext, row: TaskAttachmentRow, refusal: Error) {
  await removeMarked(ctx, await markInOwnTransaction(ctx.db, { ids: [row.id] }))
  return refusal
}

/**
 * The upload, checked against what was announced, then copied (inside the storage) to the key that
 * is served — only if it is still the version checked. An upload that is not is refused and discarded.
 */
async function checkUpload(ctx: TaskContext, row: TaskAttachmentRow) {
  const key = uploadKeyOf(row.id)
  const stored = await ctx.storage.head(key)
  if (!stored)
    throw taskError('attachment-not-uploaded', 'The file has not been uploaded yet: PUT it to its upload URL')
  if (stored.size !== row.size) {
    const detail = `The upload has ${stored.size} bytes, not the ${row.size} announced`
    throw await discarded(ctx, row, taskError('attachment-size-mismatch', detail))
  }
  const sample = await ctx.storage.readStart(key, sampleBytes)
  if (!(await contentMatches(row.content_type, sample, sample.length >= stored.size))) {
    throw await discarded(
      ctx,
      row,
      taskError('attachment-content-mismatch', `The uploaded content is not of type ${row.content_type}`),
    )
  }
  if (!(await ctx.storage.copy(key, objectKeyOf(row.id), { ifMatch: stored.etag }))) {
    const detail = 'The upload was written again while it was checked'
    throw await discarded(ctx, row, taskError('attachment-content-mismatch', detail))
  }
  // The upload's copy is no longer needed; if it cannot go now, it goes with the attachment.
  await ctx.storage.remove([key]).catch((error) => ctx.log.warn({ err: error, key }, 'could not remove an upload'))
}

/**
 * The uploader says their upload is done: the object is checked (there, of the size announced, its
 * content of the type announced) outside any transaction, then the attachment becomes ready and
 * task.attachment.added is recorded. Completing a ready attachment answers it as it is. Only the
 * uploader completes (anyone else does not see a pending upload: 404).
 */
export async function completeAttachment(
  ctx: TaskContext,
  actor: RequestContext,
  ids: { taskId: string; attachmentId: string },
) {
  const found = await visibleAttachment(ctx, actor.userId, ids.taskId, ids.attachmentId)
  if (found.uploaded_by !== actor.userId) throw errors.forbidden('Only the uploader completes an upload')
  if (found.status === 'ready') return toAttachment(found)
  await checkUpload(ctx, found)
  const row = await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    // The task locked: a deletion of it waits, so its task.deleted comes after this attachment is listed.
    const { task } = await writableTask(trx, ids.taskId, actor.userId)
    const locked = await lockAttachment(trx, ids.taskId, ids.attachmentId)
    if (!locked) throw attachmentNotFound()
    if (locked.status === 'ready') return locked
    const ready = await markReady(trx, locked.id)
    const data = {
      attachmentId: ready.id,
      taskId: task.id,
      projectId: task.project_id,
      fileName: ready.file_name,
      size: ready.size,
      contentType: ready.content_type,
      audience: await audienceOf(trx, task.project_id),
    }
    recordTaskEvent(work, 'task.attachment.added', data, actor)
    return ready
  })
  return toAttachment(row)
}
