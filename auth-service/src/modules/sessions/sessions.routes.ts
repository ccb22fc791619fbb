import type { App } from '@focushub/shared'
import { problems } from '@focushub/shared'
import Type from 'typebox'
import { type AuthContext, metaOf } from '../../context.ts'
import { LoginBody, RefreshBody, Session } from './sessions.schemas.ts'
import { login, logout, refresh } from './sessions.service.ts'

export async function sessionsRoutes(app: App, { ctx }: { ctx: AuthContext }) {
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['identity'],
        summary: 'Sign in with e-mail and password: an access token and a refresh token',
        body: LoginBody,
        response: { 200: Session, ...problems(400, 401, 403, 429, 503) },
      },
    },
    async (request) => login(ctx, request.body, metaOf(request)),
  )

  app.post(
    '/auth/refresh',
    {
      schema: {
        tags: ['identity'],
        summary: 'Trade a refresh token (single use) for a new access token and refresh token',
        body: RefreshBody,
        response: { 200: Session, ...problems(400, 401, 403) },
      },
    },
    async (request) => refresh(ctx, request.body.refreshToken, metaOf(request)),
  )

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['identity'],
        summary: 'End the sign-in a refresh token belongs to (every token of its family)',
        body: RefreshBody,
        response: { 204: Type.Null(), ...problems(400) },
      },
    },
    async (request, reply) => {
      await logout(ctx, request.body.refreshToken, metaOf(request))
      return reply.code(204).send(null)
    },
  )
}
