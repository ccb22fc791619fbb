import { type App, currentUser, etagOf, expectedVersion, IfMatchHeaders, problems } from '@focushub/shared'
import Type from 'typebox'
import { type AuthContext, metaOf } from '../../context.ts'
import { User } from '../../schemas/common.ts'
import { DeleteAccountBody } from '../accounts/accounts.schemas.ts'
import { deleteAccount } from '../accounts/accounts.service.ts'
import { UpdateProfileBody } from './profile.schemas.ts'
import { getProfile, updateProfile } from './profile.service.ts'

export async function profileRoutes(app: App, { ctx }: { ctx: AuthContext }) {
  app.get(
    '/auth/me',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['identity'],
        summary: 'The signed-in user',
        security: [{ bearerAuth: [] }],
        response: { 200: User, ...problems(401, 403) },
      },
    },
    async (request, reply) => {
      const user = await getProfile(ctx, currentUser(request).userId)
      return reply.header('etag', etagOf(user.version)).send(user)
    },
  )

  app.patch(
    '/auth/me',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['identity'],
        summary: 'Change display name, time zone or day start hour',
        security: [{ bearerAuth: [] }],
        headers: IfMatchHeaders,
        body: UpdateProfileBody,
        response: { 200: User, ...problems(400, 401, 403, 412, 422) },
      },
    },
    async (request, reply) => {
      const { version, ...changes } = request.body
      const expected = expectedVersion(version, request.headers['if-match'])
      const user = await updateProfile(ctx, currentUser(request).userId, changes, expected, metaOf(request))
      return reply.header('etag', etagOf(user.version)).send(user)
    },
  )

  app.delete(
    '/auth/me',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['identity'],
        summary: 'Delete my account: deactivated at once, personal data erased',
        security: [{ bearerAuth: [] }],
        body: DeleteAccountBody,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 409, 429, 503) },
      },
    },
    async (request, reply) => {
      await deleteAccount(ctx, currentUser(request).userId, request.body.password, metaOf(request))
      return reply.code(204).send(null)
    },
  )
}
