import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { AuthContext } from '../../context.ts'
import { LoginBody, RefreshBody, Session } from './sessions.schemas.ts'
import { login, logout, refresh } from './sessions.service.ts'

/** Signing in and out: public routes, the credential is in the body. */
export async function sessionsRoutes(app: App, { ctx }: { ctx: AuthContext }) {
  routeScope(app, { tags: ['identity'], access: 'public' })

  app.post(
    '/auth/login',
    {
      schema: {
        summary: 'Sign in with e-mail and password: an access token and a refresh token',
        body: LoginBody,
        response: { 200: Session, ...problems(400, 401, 403, 429, 503) },
      },
    },
    async (request) => login(ctx, request.body, contextOf(request)),
  )

  app.post(
    '/auth/refresh',
    {
      schema: {
        summary: 'Trade a refresh token (single use) for a new access token and refresh token',
        body: RefreshBody,
        response: { 200: Session, ...problems(400, 401, 403) },
      },
    },
    async (request) => refresh(ctx, request.body.refreshToken, contextOf(request)),
  )

  app.post(
    '/auth/logout',
    {
      schema: {
        summary: 'End the sign-in a refresh token belongs to (every token of its family)',
        body: RefreshBody,
        response: { 204: Type.Null(), ...problems(400) },
      },
    },
    async (request, reply) => {
      await logout(ctx, request.body.refreshToken, contextOf(request))
      return reply.code(204).send(null)
    },
  )
}
