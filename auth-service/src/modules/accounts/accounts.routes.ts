import { type App, currentUser, problems } from '@focushub/shared'
import Type from 'typebox'
import { type AuthContext, metaOf } from '../../context.ts'
import { ChangePasswordBody, RegisterBody, Registered } from './accounts.schemas.ts'
import { changePassword, register } from './accounts.service.ts'

export async function accountsRoutes(app: App, { ctx }: { ctx: AuthContext }) {
  app.post(
    '/auth/register',
    {
      schema: {
        tags: ['identity'],
        summary: 'Create an account',
        body: RegisterBody,
        response: { 201: Registered, ...problems(400, 409, 422, 429, 503) },
      },
    },
    async (request, reply) => reply.code(201).send(await register(ctx, request.body, metaOf(request))),
  )

  app.post(
    '/auth/password',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['identity'],
        summary: 'Change my password; every other sign-in ends',
        security: [{ bearerAuth: [] }],
        body: ChangePasswordBody,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      await changePassword(ctx, currentUser(request), request.body, metaOf(request))
      return reply.code(204).send(null)
    },
  )
}
