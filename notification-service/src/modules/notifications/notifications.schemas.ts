import { NotificationKind as Kind, NotificationLinks as Links } from '@focushub/shared/events'
import { DateTime, Defaulted, Page, pageQuery, Uuid } from '@focushub/shared/http'
import Type, { type Static } from 'typebox'
import { NotificationCursor } from './notifications-cursor.ts'

/** The kinds and links of the notification.* contracts: the API answers what the events carry. */
export const NotificationKind = Kind
export type NotificationKind = Static<typeof Kind>
export const NotificationLinks = Links
export type NotificationLinks = Static<typeof Links>

export const Notification = Type.Object({
  id: Uuid,
  kind: NotificationKind,
  title: Type.String(),
  body: Type.String({ description: 'Plain text' }),
  data: NotificationLinks,
  createdAt: DateTime,
  readAt: Type.Union([DateTime, Type.Null()]),
})

export const NotificationOrder = Type.Union([Type.Literal('newest'), Type.Literal('unread')], {
  default: 'newest',
  description: '`newest`: newest first; `unread`: the unread ones first (newest first), then the read ones',
})

export const NotificationListQuery = Type.Object(
  {
    ...pageQuery(NotificationCursor.schema),
    order: Defaulted(NotificationOrder),
    unread: Type.Optional(Type.Boolean({ description: 'true: only unread ones; false: only read ones' })),
  },
  { additionalProperties: false },
)

export const NotificationPage = Page(Notification)

export const NotificationParams = Type.Object({ id: Uuid })

export const UnreadCount = Type.Object({ unread: Type.Integer({ minimum: 0 }) })

export const ReadAllResult = Type.Object({
  marked: Type.Integer({ minimum: 0, description: 'How many were unread and are now read' }),
})
