import type { NotificationRow } from '../../db/tables/notifications.ts'

/** A notification as the API answers it. */
export const toNotification = (row: NotificationRow) => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  body: row.body,
  data: row.data,
  createdAt: row.created_at.toISOString(),
  readAt: row.read_at?.toISOString() ?? null,
})
