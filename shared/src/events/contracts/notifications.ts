import Type from 'typebox'
import { LocalDate } from '../../http/schemas.ts'

const Id = Type.String({ format: 'uuid' })
const Instant = Type.String({ format: 'date-time' })
const UnreadCount = Type.Integer({ minimum: 0, description: "The user's unread notifications after the change" })

/** What a notification is about; each kind has its own trigger (docs in notification-service/README.md). */
export const NotificationKind = Type.Union([
  Type.Literal('achievement_unlocked'),
  Type.Literal('daily_goal_reached'),
  Type.Literal('focus_session_shared'),
  Type.Literal('project_invitation'),
  Type.Literal('task_reminder'),
  Type.Literal('daily_agenda'),
  Type.Literal('streak_at_risk'),
  Type.Literal('weekly_review'),
  Type.Literal('friend_request'),
  Type.Literal('friend_accepted'),
  Type.Literal('new_follower'),
  Type.Literal('direct_message'),
  Type.Literal('webhook_disabled'),
  Type.Literal('export_ready'),
])

const Figure = Type.Optional(Type.Integer({ minimum: 0 }))

/** The objects a notification links to: ids a client opens (and a weekly review's figures), never text it must show. */
export const NotificationLinks = Type.Object(
  {
    achievementId: Type.Optional(Type.String({ maxLength: 100 })),
    localDate: Type.Optional(LocalDate),
    sessionId: Type.Optional(Id),
    sharedBy: Type.Optional(Id),
    projectId: Type.Optional(Id),
    invitationId: Type.Optional(Id),
    invitedBy: Type.Optional(Id),
    taskId: Type.Optional(Id),
    habitId: Type.Optional(Id),
    /** A weekly review: the Monday of its week and the week's figures (the same as GET /weekly-reviews). */
    weekStart: Type.Optional(LocalDate),
    focusMinutes: Figure,
    focusSessions: Figure,
    tasksDone: Figure,
    habitsKept: Figure,
    habitsDue: Figure,
    /** Someone a social notification is about: who asked to be friends, accepted, or followed. */
    personId: Type.Optional(Id),
    /** Direct messages: the conversation, its latest message told and who sent it, and how many are unread. */
    conversationId: Type.Optional(Id),
    messageId: Type.Optional(Id),
    senderId: Type.Optional(Id),
    messageCount: Figure,
    /** A webhook FocusHub turned off. */
    webhookId: Type.Optional(Id),
    /** An export of the account, ready to download. */
    exportId: Type.Optional(Id),
  },
  { additionalProperties: false },
)

/** A notification as notification.created and notification.updated carry it, with the unread count after. */
const WholeNotification = {
  notificationId: Id,
  kind: NotificationKind,
  title: Type.String(),
  body: Type.String(),
  data: NotificationLinks,
  createdAt: Instant,
  unreadCount: UnreadCount,
}

/** Payloads of the events notification-service publishes on focushub.notification.events. userId is the recipient. */
export const notificationEvents = {
  'notification.created': {
    1: Type.Object(WholeNotification),
  },
  /** A notification changed while unread (direct messages: the count and latest sender of a conversation's). */
  'notification.updated': {
    1: Type.Object(WholeNotification),
  },
  'notification.read': {
    1: Type.Object({ notificationId: Id, readAt: Instant, unreadCount: UnreadCount }),
  },
  'notification.all_read': {
    1: Type.Object({
      readAt: Instant,
      marked: Type.Integer({ minimum: 0, description: 'How many were unread and are now read' }),
      unreadCount: UnreadCount,
    }),
  },
  'notification.deleted': {
    1: Type.Object({ notificationId: Id, unreadCount: UnreadCount }),
  },
} as const
