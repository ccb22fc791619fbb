import { requireServiceCaller } from '@focushub/shared/auth'
import { errors } from '@focushub/shared/errors'
import { exportRoute } from '@focushub/shared/exports'
import { type App, problems, routeScope } from '@focushub/shared/http'
import type { AuthContext } from '../../context.ts'
import { exportCollections } from '../export/export.collections.ts'
import { findUserByEmail } from './users.repository.ts'
import { UserByEmailQuery, UserReference } from './users.schemas.ts'

/**
 * Routes for the other services, never for clients: the gateway routes only /auth and /admin here,
 * and each answers only a service credential listed in INTERNAL_CALLERS (an access token gets 401),
 * so a signed-in user reaching auth-service directly still cannot look anyone up.
 */
export async function usersRoutes(app: App, { ctx }: { ctx: AuthContext }) {
  routeScope(app, {
    tags: ['internal'],
    access: { onRequest: requireServiceCaller(ctx.config.INTERNAL_CALLERS), security: [{ serviceAuth: [] }] },
  })

  exportRoute(app, exportCollections(ctx))

  app.get(
    '/internal/users/by-email',
    {
      schema: {
        summary: 'An active user by e-mail, e.g. to add them to a project',
        querystring: UserByEmailQuery,
        response: { 200: UserReference, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const row = await findUserByEmail(ctx.db, request.query.email)
      if (!row || row.deleted_at || row.status !== 'active') throw errors.notFound('No active user has this e-mail')
      return { id: row.id, displayName: row.display_name }
    },
  )
}
