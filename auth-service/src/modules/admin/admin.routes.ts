import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, IfMatchHeaders, Page, problems, routeScope } from '@focushub/shared/http'
import type { FastifyRequest } from 'fastify'
import type { AuthContext } from '../../context.ts'
import { User } from '../../schemas/common.ts'
import { AuditEntry, AuditQuery, ChangeUserBody, UserListQuery, UserParams } from './admin.schemas.ts'
import { changeUser, readAudit, requireAdmin, searchUsers } from './admin.service.ts'

/**
 * Admin routes answer 403 to signed-in non-admins (401 without a token): the routes are public in
 * the OpenAPI document, so hiding them behind 404 would protect nothing.
 */
export async function adminRoutes(app: App, { ctx }: { ctx: AuthContext }) {
  routeScope(app, { tags: ['admin'], access: 'user' })
  const onlyAdmins = {
    onRequest: app.requireRole('admin'),
    preHandler: async (request: FastifyRequest) => requireAdmin(ctx, currentUser(request).userId),
  }

  app.get(
    '/admin/users',
    {
      ...onlyAdmins,
      schema: {
        summary: 'List and search users (prefix of e-mail or name), newest first',
        querystring: UserListQuery,
        response: { 200: Page(User), ...problems(400, 401, 403) },
      },
    },
    async (request) => searchUsers(ctx, request.query),
  )

  app.patch(
    '/admin/users/:id',
    {
      ...onlyAdmins,
      schema: {
        summary: "Change a user's role or status, with a reason",
        description:
          'A change of role or status ends every sign-in of the user: their refresh tokens stop working and their ' +
          'access tokens are refused (401 `session-revoked`) within seconds. They sign in again and get a token ' +
          'with the new role; a suspended or deactivated account cannot sign in until it is active again.',
        params: UserParams,
        headers: IfMatchHeaders,
        body: ChangeUserBody,
        response: { 200: User, ...problems(400, 401, 403, 404, 409, 412, 422) },
      },
    },
    async (request) => {
      const { version, ...change } = request.body
      const expected = version ?? request.ifMatchVersion
      const actor = currentUser(request).userId
      const user = await changeUser(ctx, actor, request.params.id, change, expected, contextOf(request))
      return user
    },
  )

  app.get(
    '/admin/audit',
    {
      ...onlyAdmins,
      schema: {
        summary: 'Admin actions and security events, newest first',
        querystring: AuditQuery,
        response: { 200: Page(AuditEntry), ...problems(400, 401, 403) },
      },
    },
    async (request) => readAudit(ctx, request.query),
  )
}
