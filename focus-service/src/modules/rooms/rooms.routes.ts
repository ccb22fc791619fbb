import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, IfMatchHeaders, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { FocusContext } from '../../context.ts'
import { joinRoomById, joinRoomByLink, leaveRoom, setOwnPresence } from './participation.service.ts'
import {
  CreateRoomBody,
  CurrentRoom,
  DirectoryPage,
  DirectoryQuery,
  hostOnly,
  JoinByLinkBody,
  PresenceBody,
  RoomParams,
  RoomView,
  UpdateRoomBody,
} from './rooms.schemas.ts'
import { changeRoom, closeRoomAsHost, createRoom, currentRoom, roomDetail, roomDirectory } from './rooms.service.ts'

export async function roomsRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  routeScope(app, { tags: ['rooms'], access: 'user' })

  app.post(
    '/focus/rooms',
    {
      schema: {
        summary: 'Create a focus room and join it as its host',
        description:
          "The plan defaults to the host's focus settings. 409 `already-in-room` (`roomId`) while in another room.",
        body: CreateRoomBody,
        response: { 201: RoomView, ...problems(400, 401, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createRoom(ctx, currentUser(request).userId, request.body, contextOf(request))),
  )

  app.get(
    '/focus/rooms',
    {
      schema: {
        summary: 'The directory: open public rooms, fullest first',
        description: '`q` matches a part of the name in any case, `tag` one tag exactly.',
        querystring: DirectoryQuery,
        response: { 200: DirectoryPage, ...problems(400, 401) },
      },
    },
    async (request) => roomDirectory(ctx, request.query),
  )

  app.get(
    '/focus/rooms/current',
    {
      schema: {
        summary: 'The room I am in, if any',
        response: { 200: CurrentRoom, ...problems(401) },
      },
    },
    async (request) => ({ room: await currentRoom(ctx, currentUser(request).userId) }),
  )

  app.post(
    '/focus/rooms/join',
    {
      schema: {
        summary: 'Join a room by an invite link',
        description:
          'Unknown token 404, revoked 410 `invite-revoked`, expired 410 `invite-expired`, banned 403 ' +
          '`banned-from-room`, full 409 `room-full`, in another room 409 `already-in-room`. Already in it: 200.',
        body: JoinByLinkBody,
        response: { 200: RoomView, ...problems(400, 401, 403, 404, 409, 410) },
      },
    },
    async (request) => joinRoomByLink(ctx, currentUser(request).userId, request.body.token, contextOf(request)),
  )

  app.get(
    '/focus/rooms/:id',
    {
      schema: {
        summary: 'A room: its timer, who is in it and what each is doing',
        description: 'Any user may read a public room; a private one only its participants (404 to anyone else).',
        params: RoomParams,
        response: { 200: RoomView, ...problems(400, 401, 404) },
      },
    },
    async (request) => roomDetail(ctx, currentUser(request).userId, request.params.id),
  )

  app.patch(
    '/focus/rooms/:id',
    {
      schema: {
        summary: 'Change a room (host)',
        description:
          `${hostOnly} The plan only while the timer is idle (409 \`room-timer-busy\`); a capacity below the ` +
          'people in the room 422 `capacity-below-participants`; `version` (or If-Match) not current 412.',
        params: RoomParams,
        headers: IfMatchHeaders,
        body: UpdateRoomBody,
        response: { 200: RoomView, ...problems(400, 401, 403, 404, 409, 412, 422) },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body
      return changeRoom(
        ctx,
        currentUser(request).userId,
        request.params.id,
        changes,
        version ?? request.ifMatchVersion,
        contextOf(request),
      )
    },
  )

  app.delete(
    '/focus/rooms/:id',
    {
      schema: {
        summary: 'Close a room (host): everyone leaves, its chat is deleted',
        description: hostOnly,
        params: RoomParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await closeRoomAsHost(ctx, currentUser(request).userId, request.params.id, contextOf(request))
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/focus/rooms/:id/join',
    {
      schema: {
        summary: 'Join a public room, or a private one I am invited to',
        description:
          'The invitation is used up. Already in it: 200, nothing changes. Banned 403 `banned-from-room`, full ' +
          '409 `room-full`, in another room 409 `already-in-room`; a private room without an invitation 404.',
        params: RoomParams,
        response: { 200: RoomView, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => joinRoomById(ctx, currentUser(request).userId, request.params.id, contextOf(request)),
  )

  app.post(
    '/focus/rooms/:id/leave',
    {
      schema: {
        summary: 'Leave a room (a host hands it to the longest-present participant)',
        description: 'A session the room started keeps running as mine.',
        params: RoomParams,
        response: { 204: Type.Null(), ...problems(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      await leaveRoom(ctx, currentUser(request).userId, request.params.id, contextOf(request))
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/focus/rooms/:id/presence',
    {
      schema: {
        summary: 'Say whether I stepped away from the room (the page hidden) or am back',
        description:
          'Sent when the room screen opens and when its page is hidden or shown again; `away` omitted means ' +
          'false. A stepped-away participant is shown away but stays in the room. Being connected is ' +
          'reported by the gateways (no live stream for FOCUS_ROOM_AWAY_AFTER_MS: away; away for ' +
          'FOCUS_ROOM_LEAVE_AFTER_MS: they leave); this call counts as connected too.',
        params: RoomParams,
        body: PresenceBody,
        response: { 204: Type.Null(), ...problems(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      await setOwnPresence(
        ctx,
        currentUser(request).userId,
        request.params.id,
        request.body?.away ?? false,
        contextOf(request),
      )
      return reply.code(204).send(null)
    },
  )
}
