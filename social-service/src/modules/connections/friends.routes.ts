import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { SocialContext } from '../../context.ts'
import { Connection, ConnectionPage, FriendRequestBody, ListQuery, UserParams } from './connections.schemas.ts'
import {
  acceptFriendship,
  cancelFriendRequest,
  declineFriendship,
  removeFriend,
  requestFriendship,
} from './friends.service.ts'
import { listConnections } from './lists.service.ts'

const list = (summary: string) => ({
  schema: { summary, querystring: ListQuery, response: { 200: ConnectionPage, ...problems(400, 401) } },
})

const removal = (summary: string) => ({
  schema: { summary, params: UserParams, response: { 204: Type.Null(), ...problems(400, 401, 404, 422) } },
})

export async function friendsRoutes(app: App, { ctx }: { ctx: SocialContext }) {
  routeScope(app, { tags: ['social'], access: 'user' })

  app.get('/social/friends', list('My friends, newest friendship first'), async (request) =>
    listConnections(ctx, 'friends', currentUser(request).userId, request.query),
  )

  app.get('/social/friend-requests/incoming', list('Friend requests to me, newest first'), async (request) =>
    listConnections(ctx, 'incoming', currentUser(request).userId, request.query),
  )

  app.get('/social/friend-requests/outgoing', list('My pending friend requests, newest first'), async (request) =>
    listConnections(ctx, 'outgoing', currentUser(request).userId, request.query),
  )

  app.post(
    '/social/friend-requests',
    {
      schema: {
        summary: 'Ask someone to be friends (201; 200 with the pending request when asked already)',
        body: FriendRequestBody,
        response: { 200: Connection, 201: Connection, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { created, request: pending } = await requestFriendship(ctx, contextOf(request), request.body.userId)
      return reply.code(created ? 201 : 200).send(pending)
    },
  )

  app.post(
    '/social/friend-requests/:userId/accept',
    {
      schema: {
        summary: 'Accept the friend request of that user: we are friends',
        params: UserParams,
        response: { 200: Connection, ...problems(400, 401, 404, 409, 422) },
      },
    },
    async (request) => acceptFriendship(ctx, contextOf(request), request.params.userId),
  )

  app.post(
    '/social/friend-requests/:userId/decline',
    removal('Decline the friend request of that user'),
    async (request, reply) => {
      await declineFriendship(ctx, currentUser(request).userId, request.params.userId)
      return reply.code(204).send(null)
    },
  )

  app.delete(
    '/social/friend-requests/:userId',
    removal('Take back my friend request to that user'),
    async (request, reply) => {
      await cancelFriendRequest(ctx, currentUser(request).userId, request.params.userId)
      return reply.code(204).send(null)
    },
  )

  app.delete('/social/friends/:userId', removal('Stop being friends'), async (request, reply) => {
    await removeFriend(ctx, currentUser(request).userId, request.params.userId)
    return reply.code(204).send(null)
  })
}
