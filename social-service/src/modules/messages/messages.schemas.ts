import {
  cursorId,
  cursorTime,
  DateTime,
  keysetCursor,
  Page,
  PageQuery,
  pageQuery,
  Text,
  Uuid,
} from '@focushub/shared/http'
import Type, { type TSchema } from 'typebox'
import { maxMessageCharacters, messageLimits, plainTextPattern } from './messages.rules.ts'

/** Where a page of my conversations ended: the last one's activity (to the millisecond) and id. */
export const ConversationsCursor = keysetCursor(cursorTime, cursorId)

const Nullable = <T extends TSchema>(schema: T, description?: string) =>
  Type.Union([schema, Type.Null()], description ? { description } : {})

export const ConversationParams = Type.Object({ id: Uuid })
export const MessageParams = Type.Object({ id: Uuid, messageId: Uuid })
export const MemberParams = Type.Object({ id: Uuid, userId: Uuid })

const others = (description: string) =>
  Type.Array(Uuid, { minItems: 1, maxItems: messageLimits.groupMembers - 1, uniqueItems: true, description })

export const DirectBody = Type.Object({ userId: Uuid }, { additionalProperties: false })

export const GroupBody = Type.Object(
  {
    title: Text({ minLength: 1, maxLength: 100, notBlank: true }),
    memberIds: others('Who else is in the group (up to 49; the creator is in it too)'),
  },
  { additionalProperties: false },
)

export const MembersBody = Type.Object(
  { userIds: others('Whom to add (members already in it are left as they are)') },
  { additionalProperties: false },
)

export const MessageBody = Type.Object(
  {
    body: Type.String({
      minLength: 1,
      maxLength: maxMessageCharacters,
      pattern: plainTextPattern,
      description:
        `Plain text, 1 to ${maxMessageCharacters} characters, not only white space, line breaks but no other ` +
        'control characters; stored trimmed, served as sent, never rendered as HTML (clients show links as text)',
    }),
  },
  { additionalProperties: false },
)

export const ReadBody = Type.Object(
  { messageId: Uuid },
  { additionalProperties: false, description: 'The newest message I have read' },
)

export const Person = Type.Object({
  userId: Uuid,
  handle: Nullable(Type.String()),
  displayName: Nullable(Type.String()),
})

export const Message = Type.Object({
  id: Uuid,
  conversationId: Uuid,
  authorId: Nullable(Uuid, 'Null once the author deleted their account'),
  body: Type.String({ description: 'Plain text; empty once deleted or hidden (the tombstone keeps its place)' }),
  createdAt: DateTime,
  editedAt: Nullable(DateTime),
  deletedAt: Nullable(DateTime),
  hidden: Type.Boolean({ description: 'A moderator hid it: a tombstone for everyone (empty body)' }),
  hiddenReason: Nullable(Type.String(), 'Why it was hidden: for its author only (null for anyone else)'),
})

export const MessagePreview = Type.Object({
  id: Uuid,
  authorId: Nullable(Uuid),
  body: Type.String({ description: 'The first 100 characters; empty when deleted or hidden' }),
  createdAt: DateTime,
  edited: Type.Boolean(),
  deleted: Type.Boolean(),
  hidden: Type.Boolean({ description: 'A moderator hid it (empty body)' }),
})

export const ConversationSummary = Type.Object({
  id: Uuid,
  kind: Type.Union([Type.Literal('direct'), Type.Literal('group')]),
  title: Nullable(Type.String()),
  creatorId: Nullable(Uuid),
  memberCount: Type.Integer({ minimum: 0, maximum: messageLimits.groupMembers }),
  with: Nullable(Person, 'The other person of a one-to-one conversation'),
  lastActivityAt: DateTime,
  lastMessage: Nullable(MessagePreview),
  unreadCount: Type.Integer({ minimum: 0 }),
  muted: Type.Boolean(),
})

export const Member = Type.Object({ user: Person, joinedAt: DateTime, lastReadMessageId: Nullable(Uuid) })

export const Conversation = Type.Object({
  ...ConversationSummary.properties,
  members: Type.Array(Member, { description: 'Longest member first; each one’s read receipt' }),
})

export const ReadState = Type.Object({ lastReadMessageId: Uuid, unreadCount: Type.Integer({ minimum: 0 }) })

export const ConversationsQuery = Type.Object(pageQuery(ConversationsCursor.schema), { additionalProperties: false })
export const ConversationPage = Page(ConversationSummary)

export const MessagesQuery = Type.Object(PageQuery, { additionalProperties: false })
export const MessagePage = Page(Message)
