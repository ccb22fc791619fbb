import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { AuthContext } from '../../context.ts'
import { ChangePasswordBody, RegisterBody, Registered } from './accounts.schemas.ts'
import { changePassword, register } from './accounts.service.ts'

const tags = ['identity']

/** Signing up: public. */
async function registrationRoutes(app: App, { ctx }: { ctx: AuthContext }) {
  routeScope(app, { tags, access: 'public' })

  app.post(
    '/auth/register',
    {
      schema: {
        summary: 'Create an account',
        body: RegisterBody,
        response: { 201: Registered, ...problems(400, 409, 422, 429, 503) },
      },
    },
    async (request, reply) => reply.code(201).send(await register(ctx, request.body, contextOf(request))),
  )
}

/** The signed-in user's credentials. */
async function passwordRoutes(app: App, { ctx }: { ctx: AuthContext }) {
  routeScope(app, { tags, access: 'user' })

  app.post(
    '/auth/password',
    {
      schema: {
        summary: 'Change my password; every other sign-in ends',
        body: ChangePasswordBody,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      await changePassword(ctx, currentUser(request), request.body, contextOf(request))
      return reply.code(204).send(null)
    },
  )
}

export async function accountsRoutes(app: App, options: { ctx: AuthContext }) {
  await app.register(registrationRoutes, options)
  await app.register(passwordRoutes, options)
}
