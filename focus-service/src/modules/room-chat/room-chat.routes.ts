import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import type { FocusContext } from '../../context.ts'
import { RoomParams } from '../rooms/rooms.schemas.ts'
import { Message, MessageBody, MessagesPage, MessagesQuery } from './room-chat.schemas.ts'
import { postMessage, roomMessages } from './room-chat.service.ts'

export async function roomChatRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  routeScope(app, { tags: ['rooms'], access: 'user' })

  app.post(
    '/focus/rooms/:id/messages',
    {
      schema: {
        summary: "Post a plain-text message to the room's chat (participants; rate-limited per user)",
        description:
          'Muted: 403 `participant-muted`. Each participant may send FOCUS_ROOM_CHAT_BURST messages at once and ' +
          'one more every FOCUS_ROOM_CHAT_REFILL_MS; beyond that 429 `chat-rate-limited` with `Retry-After`.',
        params: RoomParams,
        body: MessageBody,
        response: { 201: Message, ...problems(400, 401, 403, 404, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      const user = currentUser(request).userId
      const message = await postMessage(ctx, user, request.params.id, request.body.body, contextOf(request))
      return reply.code(201).send(message)
    },
  )

  app.get(
    '/focus/rooms/:id/messages',
    {
      schema: {
        summary: "The room's chat, newest first (participants only)",
        params: RoomParams,
        querystring: MessagesQuery,
        response: { 200: MessagesPage, ...problems(400, 401, 404, 409) },
      },
    },
    async (request) =>
      roomMessages(ctx, currentUser(request).userId, request.params.id, request.query.limit, request.query.cursor),
  )
}
