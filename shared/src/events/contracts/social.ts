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

/**
 * Moderation's events, each to the one person it is about (its userId and audience): the author whose
 * content was hidden, the user warned or suspended, each reporter whose report was resolved. None names
 * the moderator, nor tells a reporter what was done to whom.
 */
const moderationEvents = {
  'social.moderation.content_hidden': {
    1: Type.Object({
      targetType: Type.Union([Type.Literal('post'), Type.Literal('comment'), Type.Literal('message')]),
      targetId: Id,
      reason: Type.String({ maxLength: 500 }),
      audience: audience('The author (userId)'),
    }),
  },
  'social.moderation.warned': {
    1: Type.Object({ reason: Type.String({ maxLength: 500 }), audience: audience('The user warned (userId)') }),
  },
  'social.moderation.suspended': {
    1: Type.Object({
      until: Instant,
      reason: Type.String({ maxLength: 500 }),
      audience: audience('The user suspended from social features (userId)'),
    }),
  },
  'social.report.resolved': {
    1: Type.Object({
      reportId: Id,
      outcome: Type.Union([Type.Literal('actioned'), Type.Literal('dismissed')]),
      audience: audience('The reporter (userId)'),
    }),
  },
} as const

/**
 * Payloads of the events social-service publishes on focushub.social.events. userId is who acted, except
 * moderation's, whose userId is the person told (the moderator is never named).
 */
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
  ...moderationEvents,
} as const
