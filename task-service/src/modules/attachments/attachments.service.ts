import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork } from '@focushub/shared/events'
import { v7 as uuidv7 } from 'uuid'
import type { TaskContext } from '../../context.ts'
import { taskError } from '../../errors.ts'
import { recordTaskEvent } from '../../events/task-events.ts'
import { audienceOf } from '../members/members.repository.ts'
import { requireAccess } from '../members/membership.ts'
import { readableTask, requireActive, taskNotFound, writableTask } from '../tasks/task-access.ts'
import { findTask } from '../tasks/tasks.repository.ts'
import { removeMarked } from './attachment-removal.ts'
import {
  allowedTypeOf,
  fileNameOf,
  fitsQuota,
  objectKeyOf,
  quotaLeft,
  servedTypeOf,
  thumbnailKeyOf,
  uploadKeyOf,
} from './attachment-rules.ts'
import {
  addUsage,
  countTaskAttachments,
  findAttachment,
  insertAttachment,
  lockAttachment,
  lockUsage,
  markForRemoval,
  readyAttachmentsOf,
  toAttachment,
} from './attachments.repository.ts'

export const attachmentNotFound = () => errors.notFound('No such attachment')

export interface NewAttachment {
  fileName: string
  size: number
  contentType: string
}

/** A limit as people read it: whole megabytes (MiB, as the web app counts them) when it is some. */
const sizeInWords = (bytes: number) => (bytes % 1048576 === 0 ? `${bytes / 1048576} MB` : `${bytes} bytes`)

/** The declared file, checked by the rules that need no database: name, type, size. */
function checkedUpload(ctx: TaskContext, body: NewAttachment) {
  const name = fileNameOf(body.fileName)
  if ('problem' in name) {
    throw errors.validation('The file name is not acceptable', [{ field: '/body/fileName', message: name.problem }])
  }
  const contentType = allowedTypeOf(body.contentType)
  if (!contentType)
    throw taskError('attachment-type-not-allowed', `Files of type ${body.contentType} cannot be attached`)
  const max = ctx.config.ATTACHMENT_MAX_BYTES
  if (body.size > max) throw taskError('attachment-too-large', `An attachment may have at most ${sizeInWords(max)}`)
  return { fileName: name.name, contentType, size: body.size }
}

/**
 * Announces an upload to a task the caller may edit: a pending attachment, counted at once against
 * the task's limit and the caller's quota, and a presigned PUT for its object.
 */
export async function createAttachment(ctx: TaskContext, actor: RequestContext, taskId: string, body: NewAttachment) {
  const { config } = ctx
  return inUnitOfWork(ctx.db, async ({ trx }) => {
    // The task locked: its count of attachments is read and raised by one upload at a time.
    await writableTask(trx, taskId, actor.userId)
    const upload = checkedUpload(ctx, body)
    if ((await countTaskAttachments(trx, taskId)) >= config.ATTACHMENTS_PER_TASK) {
      throw taskError('too-many-attachments', `A task may have at most ${config.ATTACHMENTS_PER_TASK} attachments`)
    }
    const used = await lockUsage(trx, actor.userId)
    if (!fitsQuota(used, upload.size, config.ATTACHMENT_QUOTA_BYTES)) {
      throw taskError('attachment-quota-exceeded', 'This upload would exceed your attachment storage quota', {
        details: {
          quotaBytes: config.ATTACHMENT_QUOTA_BYTES,
          availableBytes: quotaLeft(used, config.ATTACHMENT_QUOTA_BYTES),
        },
      })
    }
    await addUsage(trx, actor.userId, upload.size)
    const row = await insertAttachment(trx, {
      id: uuidv7(),
      task_id: taskId,
      uploaded_by: actor.userId,
      file_name: upload.fileName,
      size: upload.size,
      content_type: upload.contentType,
    })
    const put = await ctx.storage.presignPut(uploadKeyOf(row.id), {
      contentType: upload.contentType,
      contentLength: upload.size,
      expiresInSeconds: config.ATTACHMENT_UPLOAD_TTL_SECONDS,
    })
    return {
      attachment: toAttachment(row),
      upload: { method: 'PUT' as const, url: put.url, headers: put.headers, expiresAt: put.expiresAt.toISOString() },
    }
  })
}

/**
 * An attachment of a task the caller may read: a ready one, or their own pending upload (nobody
 * else learns of an upload before it is complete).
 */
export async function visibleAttachment(ctx: TaskContext, userId: string, taskId: string, attachmentId: string) {
  await readableTask(ctx.db, taskId, userId)
  const row = await findAttachment(ctx.db, taskId, attachmentId)
  if (!row || (row.status === 'pending' && row.uploaded_by !== userId)) throw attachmentNotFound()
  return row
}

export async function listAttachments(ctx: TaskContext, userId: string, taskId: string) {
  await readableTask(ctx.db, taskId, userId)
  return { items: (await readyAttachmentsOf(ctx.db, taskId)).map(toAttachment) }
}

/** A presigned GET of a ready attachment: the file under its name, or its thumbnail shown inline. */
export async function downloadAttachment(
  ctx: TaskContext,
  userId: string,
  ids: { taskId: string; attachmentId: string },
  variant: 'original' | 'thumbnail',
) {
  const row = await visibleAttachment(ctx, userId, ids.taskId, ids.attachmentId)
  if (row.status !== 'ready') throw attachmentNotFound()
  const expiresInSeconds = ctx.config.ATTACHMENT_DOWNLOAD_TTL_SECONDS
  if (variant === 'thumbnail') {
    if (!row.thumbnail) throw errors.notFound('This attachment has no thumbnail (yet)')
    const fileName = `${row.file_name.replace(/\.[^.]*$/, '')}.webp`
    const get = await ctx.storage.presignGet(thumbnailKeyOf(row.id), {
      fileName,
      contentType: 'image/webp',
      disposition: 'inline',
      expiresInSeconds,
    })
    return { url: get.url, expiresAt: get.expiresAt.toISOString() }
  }
  const get = await ctx.storage.presignGet(objectKeyOf(row.id), {
    fileName: row.file_name,
    contentType: servedTypeOf(row.content_type),
    disposition: 'attachment',
    expiresInSeconds,
  })
  return { url: get.url, expiresAt: get.expiresAt.toISOString() }
}

/**
 * Deletes an attachment: its uploader may, and so may whoever may edit the task. The row is marked
 * and task.attachment.removed recorded in one transaction; the objects go after it commits (or,
 * with the storage away, by the cleanup job).
 */
export async function deleteAttachment(
  ctx: TaskContext,
  actor: RequestContext,
  ids: { taskId: string; attachmentId: string },
) {
  const marked = await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const task = await findTask(trx, ids.taskId)
    if (!task) throw taskNotFound()
    const row = await lockAttachment(trx, ids.taskId, ids.attachmentId)
    if (!row) throw attachmentNotFound()
    const own = row.uploaded_by === actor.userId
    if (row.status === 'pending' && !own) throw attachmentNotFound()
    const membership = await requireAccess(trx, task.project_id, actor.userId, own ? 'read' : 'write', taskNotFound)
    requireActive(membership)
    const removed = await markForRemoval(trx, { ids: [row.id] })
    if (row.status === 'ready') {
      const data = { attachmentId: row.id, taskId: task.id, projectId: task.project_id }
      recordTaskEvent(
        work,
        'task.attachment.removed',
        { ...data, audience: await audienceOf(trx, task.project_id) },
        actor,
      )
    }
    return removed
  })
  await removeMarked(ctx, marked)
}
