import type { ColumnType, Generated, Selectable } from 'kysely'

/** pending: announced, not yet uploaded or checked; ready: checked and listed; deleting: its objects go next. */
export type AttachmentStatus = 'pending' | 'ready' | 'deleting'

/**
 * A file attached to a task, stored as `attachments/<id>` (and `thumbnails/<id>.webp`) in the bucket.
 * task_id has no foreign key: the row outlives its task until task.deleted marks it for removal, so
 * that the objects it names are removed before it goes.
 */
export interface TaskAttachmentsTable {
  id: string
  task_id: string
  uploaded_by: string
  /** A display name only: the object key never comes from it. */
  file_name: string
  /** Bytes, as declared and then checked against the stored object. */
  size: number
  content_type: string
  status: AttachmentStatus
  thumbnail: Generated<boolean>
  /** An image sharp cannot decode (or too large to): it never gets a thumbnail, and is not tried again. */
  thumbnail_failed: Generated<boolean>
  created_at: Generated<Date>
}

/** Bytes of attachments (pending and ready) each uploader holds: the row locked to check the quota. */
export interface AttachmentUsageTable {
  user_id: string
  /** bigint, which pg reads as a string. */
  bytes: ColumnType<string, number, number>
}

export type TaskAttachmentRow = Selectable<TaskAttachmentsTable>
