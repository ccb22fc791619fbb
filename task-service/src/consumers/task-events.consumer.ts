import { handle, type UnitOfWork } from '@focushub/shared/events'
import type { Database } from '../db/tables.ts'
import { dropTaskAttachments } from '../modules/attachments/attachment-removal.ts'
import { makeThumbnails, type ThumbnailMaker } from '../modules/attachments/attachment-thumbnails.ts'

/**
 * task-service's own events: task.deleted (one per task of a deleted tree or project) → the task's
 * attachments marked for removal (the cleanup job removes their objects); task.attachment.added →
 * an image's thumbnail.
 */
export const taskEventHandlers = (thumbnails: ThumbnailMaker) => [
  handle(['task.deleted'], async (work: UnitOfWork<Database>, events) => {
    await dropTaskAttachments(
      work.trx,
      events.map((event) => event.data.taskId),
    )
  }),
  handle(['task.attachment.added'], async (work: UnitOfWork<Database>, events) => {
    await makeThumbnails(
      work,
      thumbnails,
      events.map((event) => event.data),
    )
  }),
]
