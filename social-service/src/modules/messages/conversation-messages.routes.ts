import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { SocialContext } from '../../context.ts'
import {
  ConversationParams,
  Message,
  MessageBody,
  MessagePage,
  MessageParams,
  MessagesQuery,
  ReadBody,
  ReadState,
} from './messages.schemas.ts'
import { deleteMessage, editMessage, listMessages, sendMessage } from './messages.service.ts'
import { markRead, typing } from './read-state.service.ts'

export async function conversationMessagesRoutes(app: App, { ctx }: { ctx: SocialContext }) {
  routeScope(app, { tags: ['social'], access: 'user' })

  app.get(
    '/social/conversations/:id/messages',
    {
      schema: {
        summary: "A conversation's messages, newest first (members only; deleted ones as tombstones)",
        params: ConversationParams,
        querystring: MessagesQuery,
        response: { 200: MessagePage, ...problems(400, 401, 404) },
      },
    },
    async (request) => listMessages(ctx, currentUser(request).userId, request.params.id, request.query),
  )

  app.post(
    '/social/conversations/:id/messages',
    {
      schema: {
        summary: 'Send a plain-text message (30 a minute per user)',
        description:
          'One-to-one with a block either way: 404, as for no conversation. Their `whoMayMessage` refuses me: ' +
          '403 `messages-closed` or `messages-friends-only`. Over 30 a minute: 429 `message-rate-limited`.',
        params: ConversationParams,
        body: MessageBody,
        response: { 201: Message, ...problems(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await sendMessage(ctx, contextOf(request), request.params.id, request.body.body)),
  )

  app.patch(
    '/social/conversations/:id/messages/:messageId',
    {
      schema: {
        summary: 'Edit my message, within 15 minutes of sending it',
        params: MessageParams,
        body: MessageBody,
        response: { 200: Message, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => editMessage(ctx, contextOf(request), request.params, request.body.body),
  )

  app.delete(
    '/social/conversations/:id/messages/:messageId',
    {
      schema: {
        summary: 'Delete my message within 15 minutes of sending it: its text goes, a tombstone stays',
        params: MessageParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteMessage(ctx, contextOf(request), request.params)
      return reply.code(204).send(null)
    },
  )

  app.put(
    '/social/conversations/:id/read',
    {
      schema: {
        summary: 'I have read up to that message: my read receipt (forward only) and my unread count',
        params: ConversationParams,
        body: ReadBody,
        response: { 200: ReadState, ...problems(400, 401, 404) },
      },
    },
    async (request) => markRead(ctx, contextOf(request), request.params.id, request.body.messageId),
  )

  app.post(
    '/social/conversations/:id/typing',
    {
      schema: {
        summary: 'I am typing: the members are told live, at most once every 3 s (more often: 204, dropped)',
        params: ConversationParams,
        response: { 204: Type.Null(), ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await typing(ctx, contextOf(request), request.params.id)
      return reply.code(204).send(null)
    },
  )
}
