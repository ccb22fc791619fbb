import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, IfMatchHeaders, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { AuthContext } from '../../context.ts'
import { User } from '../../schemas/common.ts'
import { DeleteAccountBody } from '../accounts/accounts.schemas.ts'
import { deleteAccount } from '../accounts/accounts.service.ts'
import { UpdateProfileBody } from './profile.schemas.ts'
import { getProfile, updateProfile } from './profile.service.ts'

export async function profileRoutes(app: App, { ctx }: { ctx: AuthContext }) {
  routeScope(app, { tags: ['identity'], access: 'user' })

  app.get(
    '/auth/me',
    {
      schema: {
        summary: 'The signed-in user',
        response: { 200: User, ...problems(401, 403) },
      },
    },
    async (request) => {
      const user = await getProfile(ctx, currentUser(request).userId)
      return user
    },
  )

  app.patch(
    '/auth/me',
    {
      schema: {
        summary: 'Change display name, time zone or day start hour',
        headers: IfMatchHeaders,
        body: UpdateProfileBody,
        response: { 200: User, ...problems(400, 401, 403, 412, 422) },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body
      const expected = version ?? request.ifMatchVersion
      const user = await updateProfile(ctx, currentUser(request).userId, changes, expected, contextOf(request))
      return user
    },
  )

  app.delete(
    '/auth/me',
    {
      schema: {
        summary: 'Delete my account: deactivated at once, personal data erased',
        body: DeleteAccountBody,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 409, 429, 503) },
      },
    },
    async (request, reply) => {
      await deleteAccount(ctx, currentUser(request).userId, request.body.password, contextOf(request))
      return reply.code(204).send(null)
    },
  )
}
