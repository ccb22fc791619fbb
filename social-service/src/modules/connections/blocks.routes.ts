import { currentUser } from '@focushub/shared/auth'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { SocialContext } from '../../context.ts'
import { block, unblock } from './blocks.service.ts'
import { Connection, ConnectionPage, ListQuery, UserParams } from './connections.schemas.ts'
import { listConnections } from './lists.service.ts'

export async function blocksRoutes(app: App, { ctx }: { ctx: SocialContext }) {
  routeScope(app, { tags: ['social'], access: 'user' })

  app.get(
    '/social/blocks',
    {
      schema: {
        summary: 'Whom I block, newest first',
        querystring: ListQuery,
        response: { 200: ConnectionPage, ...problems(400, 401) },
      },
    },
    async (request) => listConnections(ctx, 'blocks', currentUser(request).userId, request.query),
  )

  app.put(
    '/social/blocks/:userId',
    {
      schema: {
        summary: 'Block someone: follows, friendship and requests between us end, both ways (again: no change)',
        params: UserParams,
        response: { 200: Connection, ...problems(400, 401, 404, 409, 422) },
      },
    },
    async (request) => block(ctx, currentUser(request).userId, request.params.userId),
  )

  app.delete(
    '/social/blocks/:userId',
    {
      schema: {
        summary: 'Unblock someone (not blocked: no change); nothing that the block ended comes back',
        params: UserParams,
        response: { 204: Type.Null(), ...problems(400, 401) },
      },
    },
    async (request, reply) => {
      await unblock(ctx, currentUser(request).userId, request.params.userId)
      return reply.code(204).send(null)
    },
  )
}
