import Type from 'typebox'

const Id = Type.String({ format: 'uuid' })
const Instant = Type.String({ format: 'date-time' })

/**
 * Every social event names its audience: who receives it live besides its user (the gateway pushes an
 * event to its `userId` and `audience`). Blocks publish nothing, so the blocked person is never told, and
 * no event names someone blocked by its user (a block ends every follow and request first).
 */
const audience = (description: string) => Type.Array(Id, { minItems: 1, maxItems: 2, description })

/** Direct messages' events: each names its conversation and its members now (who receive it live). */
const Conversation = {
  conversationId: Id,
  audience: Type.Array(Id, {
    minItems: 1,
    maxItems: 50,
    description: "The conversation's members when it was written",
  }),
}
const conversationEvents = {
  'social.message.sent': {
    1: Type.Object({
      ...Conversation,
      messageId: Id,
      body: Type.String({ maxLength: 2000 }),
      sentAt: Instant,
      title: Type.Optional(
        Type.Union([Type.String({ maxLength: 100 }), Type.Null()], {
          description: "The group's title; null for a one-to-one conversation",
        }),
      ),
      mutedBy: Type.Optional(
        Type.Array(Id, {
          maxItems: 50,
          description: 'The members of `audience` who had muted the conversation: told live, not notified',
        }),
      ),
    }),
  },
  'social.message.edited': {
    1: Type.Object({ ...Conversation, messageId: Id, body: Type.String({ maxLength: 2000 }), editedAt: Instant }),
  },
  'social.message.deleted': { 1: Type.Object({ ...Conversation, messageId: Id, deletedAt: Instant }) },
  'social.conversation.read': { 1: Type.Object({ ...Conversation, lastReadMessageId: Id }) },
  'social.conversation.typing': { 1: Type.Object(Conversation) },
} as const

/**
 * The community feed's events. The feed is read on demand, so a new or deleted post goes to its author
 * alone (userId); a comment or a like goes to the post's author too, live and for notifications.
 */
const feedEvents = {
  'social.post.created': {
    1: Type.Object({
      postId: Id,
      visibility: Type.Union([Type.Literal('public'), Type.Literal('friends'), Type.Literal('private')]),
    }),
  },
  'social.post.deleted': { 1: Type.Object({ postId: Id }) },
  'social.comment.created': {
    1: Type.Object({ postId: Id, commentId: Id, audience: audience("The post's author") }),
  },
  'social.post.liked': { 1: Type.Object({ postId: Id, audience: audience("The post's author") }) },
} as const

/** Payloads of the events social-service publishes on focushub.social.events. userId is who acted. */
export const socialEvents = {
  'social.user.followed': {
    1: Type.Object({
      followeeId: Id,
      audience: audience('The person now followed'),
    }),
  },
  'social.friend.requested': {
    1: Type.Object({
      addresseeId: Id,
      audience: audience('The person asked'),
    }),
  },
  'social.friend.accepted': {
    1: Type.Object({
      requesterId: Id,
      audience: audience('Both friends: the one who asked and the one who accepted (userId)'),
    }),
  },
  ...conversationEvents,
  ...feedEvents,
} as const
