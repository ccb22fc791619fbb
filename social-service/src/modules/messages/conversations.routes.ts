import { currentUser } from '@focushub/shared/auth'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { SocialContext } from '../../context.ts'
import {
  conversationDetail,
  createGroup,
  listConversations,
  muteConversation,
  startDirect,
} from './conversations.service.ts'
import {
  Conversation,
  ConversationPage,
  ConversationParams,
  ConversationsQuery,
  DirectBody,
  GroupBody,
} from './messages.schemas.ts'

const noContent = { 204: Type.Null() }

export async function conversationsRoutes(app: App, { ctx }: { ctx: SocialContext }) {
  routeScope(app, { tags: ['social'], access: 'user' })

  app.post(
    '/social/conversations/direct',
    {
      schema: {
        summary: 'Start my one-to-one conversation with someone (201), or find it again (200)',
        description:
          'Blocked either way: 404, as for nobody. Their `whoMayMessage` refuses me: 403 `messages-closed` or ' +
          '`messages-friends-only`. 409 `conversation-limit-reached` past 1,000 conversations.',
        body: DirectBody,
        response: { 200: Conversation, 201: Conversation, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { created, conversation } = await startDirect(ctx, currentUser(request).userId, request.body.userId)
      return reply.code(created ? 201 : 200).send(conversation)
    },
  )

  app.post(
    '/social/conversations',
    {
      schema: {
        summary: 'Create a group with a title and up to 49 others (each checked as a one-to-one start)',
        body: GroupBody,
        response: { 201: Conversation, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await createGroup(ctx, currentUser(request).userId, request.body)),
  )

  app.get(
    '/social/conversations',
    {
      schema: {
        summary: 'My conversations, newest activity first, each with its unread count and last message',
        querystring: ConversationsQuery,
        response: { 200: ConversationPage, ...problems(400, 401) },
      },
    },
    async (request) => listConversations(ctx, currentUser(request).userId, request.query),
  )

  app.get(
    '/social/conversations/:id',
    {
      schema: {
        summary: 'One of my conversations, with its members and their read receipts',
        params: ConversationParams,
        response: { 200: Conversation, ...problems(400, 401, 404) },
      },
    },
    async (request) => conversationDetail(ctx.db, currentUser(request).userId, request.params.id),
  )

  for (const [method, muted] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/social/conversations/:id/mute',
      schema: {
        summary: muted ? 'Mute a conversation for me (again: no change)' : 'Unmute a conversation for me',
        params: ConversationParams,
        response: { ...noContent, ...problems(400, 401, 404) },
      },
      handler: async (request, reply) => {
        await muteConversation(ctx, currentUser(request).userId, request.params.id, muted)
        return reply.code(204).send(null)
      },
    })
  }
}
