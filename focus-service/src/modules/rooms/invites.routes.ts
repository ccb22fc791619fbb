import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { FocusContext } from '../../context.ts'
import {
  createInviteLink,
  inviteLinksOfRoom,
  inviteToRoom,
  myInvitations,
  revokeRoomInviteLink,
  withdrawInvitation,
} from './invites.service.ts'
import {
  CreatedInviteLink,
  hostOnly,
  InvitationsQuery,
  InviteBody,
  InviteLinkBody,
  InviteLinks,
  InviteLinksQuery,
  ReceivedInvitations,
  RoomInviteeParams,
  RoomLinkParams,
  RoomParams,
  SentInvitations,
} from './rooms.schemas.ts'

/** Who may join a private room: invite links and invitations by name. */
export async function roomInvitesRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  routeScope(app, { tags: ['rooms'], access: 'user' })

  app.get(
    '/focus/rooms/invitations',
    {
      schema: {
        summary: 'Open rooms I am invited to, newest invitation first',
        querystring: InvitationsQuery,
        response: { 200: ReceivedInvitations, ...problems(400, 401) },
      },
    },
    async (request) => myInvitations(ctx, currentUser(request).userId, request.query.limit, request.query.cursor),
  )

  app.post(
    '/focus/rooms/:id/invite-links',
    {
      schema: {
        summary: 'Create an invite link (host; the token is shown once)',
        description: hostOnly,
        params: RoomParams,
        body: InviteLinkBody,
        response: { 201: CreatedInviteLink, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const hours = request.body?.expiresInHours ?? 168
      const link = await createInviteLink(ctx, currentUser(request).userId, request.params.id, hours)
      return reply.code(201).send(link)
    },
  )

  app.get(
    '/focus/rooms/:id/invite-links',
    {
      schema: {
        summary: "A room's invite links (host), newest first, revoked and expired ones marked",
        description: hostOnly,
        params: RoomParams,
        querystring: InviteLinksQuery,
        response: { 200: InviteLinks, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      inviteLinksOfRoom(ctx, currentUser(request).userId, request.params.id, request.query.limit, request.query.cursor),
  )

  app.delete(
    '/focus/rooms/:id/invite-links/:linkId',
    {
      schema: {
        summary: 'Revoke an invite link (host): it answers 410 from then on',
        description: hostOnly,
        params: RoomLinkParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await revokeRoomInviteLink(ctx, currentUser(request).userId, request.params.id, request.params.linkId)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/focus/rooms/:id/invitations',
    {
      schema: {
        summary: 'Invite people to a room (host), by user id or e-mail',
        description:
          `${hostOnly} 1 to 50 people in all (more: 422 \`too-many-invitees\`); an e-mail without an account 422 \`recipient-unknown\` naming it; ` +
          'yourself 422 `invite-self`; the directory unreachable 503, answering wrongly 502.',
        params: RoomParams,
        body: InviteBody,
        response: { 201: SentInvitations, ...problems(400, 401, 403, 404, 409, 422, 502, 503) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await inviteToRoom(ctx, currentUser(request).userId, request.params.id, request.body, contextOf(request)),
        ),
  )

  app.delete(
    '/focus/rooms/:id/invitations/:userId',
    {
      schema: {
        summary: 'Withdraw an invitation (host) or decline mine',
        description: hostOnly,
        params: RoomInviteeParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await withdrawInvitation(ctx, currentUser(request).userId, request.params.id, request.params.userId)
      return reply.code(204).send(null)
    },
  )
}
