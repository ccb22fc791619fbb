import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { FocusContext } from '../../context.ts'
import { Participant, RoomParams } from '../rooms/rooms.schemas.ts'
import { Ban, BanBody, BansPage, BansQuery, RoomUserParams } from './room-moderation.schemas.ts'
import { banFromRoom, removeFromRoom, roomBans, setParticipantMuted, unbanFromRoom } from './room-moderation.service.ts'

/** The host's moderation: every route answers 403 `host-only` to another participant, 422 on the host. */
export async function roomModerationRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  routeScope(app, { tags: ['rooms'], access: 'user' })

  for (const [method, muted] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/focus/rooms/:id/participants/:userId/mute',
      schema: {
        summary: muted ? 'Mute a participant: they cannot post (host only)' : 'Unmute a participant (host only)',
        params: RoomUserParams,
        response: { 200: Participant, ...problems(400, 401, 403, 404, 409, 422) },
      },
      handler: async (request) => {
        const { id, userId } = request.params
        return setParticipantMuted(ctx, currentUser(request).userId, id, userId, muted, contextOf(request))
      },
    })
  }

  app.delete(
    '/focus/rooms/:id/participants/:userId',
    {
      schema: {
        summary: 'Remove a participant from the room (host only); they may join again',
        params: RoomUserParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { id, userId } = request.params
      await removeFromRoom(ctx, currentUser(request).userId, id, userId, contextOf(request))
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/focus/rooms/:id/bans',
    {
      schema: {
        summary: 'Ban a user from the room (host only): removed if in it, no way back in until unbanned',
        description: '201 with the new ban; 200 with the existing one when the user was banned already.',
        params: RoomParams,
        body: BanBody,
        response: { 200: Ban, 201: Ban, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const host = currentUser(request).userId
      const { created, ban } = await banFromRoom(ctx, host, request.params.id, request.body.userId, contextOf(request))
      return reply.code(created ? 201 : 200).send(ban)
    },
  )

  app.get(
    '/focus/rooms/:id/bans',
    {
      schema: {
        summary: "The room's bans, newest first (host only)",
        params: RoomParams,
        querystring: BansQuery,
        response: { 200: BansPage, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      roomBans(ctx, currentUser(request).userId, request.params.id, request.query.limit, request.query.cursor),
  )

  app.delete(
    '/focus/rooms/:id/bans/:userId',
    {
      schema: {
        summary: 'Lift a ban (host only)',
        params: RoomUserParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      await unbanFromRoom(ctx, currentUser(request).userId, request.params.id, request.params.userId)
      return reply.code(204).send(null)
    },
  )
}
