import { type App, currentUser, errors, problems } from '@focushub/shared'
import type { AuthContext } from '../../context.ts'
import { activeUser } from './account-status.ts'
import { findUserByEmail } from './users.repository.ts'
import { UserByEmailQuery, UserReference } from './users.schemas.ts'

/**
 * Routes for the other services, never for clients: the gateway routes only /auth and /admin here.
 * They still need the caller's verified access token, which the calling service forwards.
 */
export async function usersRoutes(app: App, { ctx }: { ctx: AuthContext }) {
  app.get(
    '/internal/users/by-email',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['internal'],
        summary: 'An active user by e-mail, e.g. to add them to a project',
        security: [{ bearerAuth: [] }],
        querystring: UserByEmailQuery,
        response: { 200: UserReference, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await activeUser(ctx.db, currentUser(request).userId)
      const row = await findUserByEmail(ctx.db, request.query.email)
      if (!row || row.deleted_at || row.status !== 'active') throw errors.notFound('No active user has this e-mail')
      return { id: row.id, displayName: row.display_name }
    },
  )
}
