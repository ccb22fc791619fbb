import { cursorId, cursorInt32, keysetCursor } from '@focushub/shared/http'

/** Where a page ended: the last item's unread state (1 or 0; the `unread` order's first key) and id. */
export interface NotificationPosition {
  unread: boolean
  id: string
}

export const NotificationCursor = keysetCursor(cursorInt32, cursorId)

export const encodeNotificationCursor = (position: NotificationPosition) =>
  NotificationCursor.encode([position.unread ? 1 : 0, position.id])

export function decodeNotificationCursor(cursor: string): NotificationPosition {
  const [unread, id] = NotificationCursor.decode(cursor)
  return { unread: unread !== 0, id }
}
