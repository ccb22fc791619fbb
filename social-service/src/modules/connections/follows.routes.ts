import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { SocialContext } from '../../context.ts'
import { Connection, ConnectionPage, ListQuery, UserParams } from './connections.schemas.ts'
import { follow, unfollow } from './follows.service.ts'
import { listConnections } from './lists.service.ts'

export async function followsRoutes(app: App, { ctx }: { ctx: SocialContext }) {
  routeScope(app, { tags: ['social'], access: 'user' })

  app.get(
    '/social/following',
    {
      schema: {
        summary: 'Whom I follow, newest first',
        querystring: ListQuery,
        response: { 200: ConnectionPage, ...problems(400, 401) },
      },
    },
    async (request) => listConnections(ctx, 'following', currentUser(request).userId, request.query),
  )

  app.get(
    '/social/followers',
    {
      schema: {
        summary: 'Who follows me, newest first',
        querystring: ListQuery,
        response: { 200: ConnectionPage, ...problems(400, 401) },
      },
    },
    async (request) => listConnections(ctx, 'followers', currentUser(request).userId, request.query),
  )

  app.put(
    '/social/following/:userId',
    {
      schema: {
        summary: 'Follow someone (again: no change)',
        params: UserParams,
        response: { 200: Connection, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => follow(ctx, contextOf(request), request.params.userId),
  )

  app.delete(
    '/social/following/:userId',
    {
      schema: {
        summary: 'Stop following someone (not following: no change)',
        params: UserParams,
        response: { 204: Type.Null(), ...problems(400, 401, 404, 422) },
      },
    },
    async (request, reply) => {
      await unfollow(ctx, currentUser(request).userId, request.params.userId)
      return reply.code(204).send(null)
    },
  )
}
