import fastifyCookie from '@fastify/cookie'
import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { AppError, errors } from '@focushub/shared/errors'
import { type App, problems, routeScope } from '@focushub/shared/http'
import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { AuthContext } from '../../context.ts'
import {
  cookieRefreshToken,
  inCookieMode,
  type RefreshCookie,
  RefreshCookies,
  RefreshTokenModeHeaders,
  refreshCookie,
  setsRefreshCookie,
} from './refresh-cookie.ts'
import { LoginBody, RefreshBody, Session } from './sessions.schemas.ts'
import { login, logout, logoutEverywhere, missingRefreshToken, refresh } from './sessions.service.ts'

const tags = ['identity']

interface Options {
  ctx: AuthContext
  cookie: RefreshCookie
}

const issuedSession = { ...Session, headers: setsRefreshCookie('the refresh token, instead of the body') }
const signedOut = { ...Type.Null(), headers: setsRefreshCookie('clears the cookie') }

/** The JSON mode's answer when the body names no token, as its schema gave it before cookies. */
const bodyWithoutToken = () =>
  errors.validation('The request is not valid', [
    { field: '/body/refreshToken', message: "must have required property 'refreshToken'" },
  ])

/** A refusal that ends the sign-in (401, 403): its cookie is of no more use. A 409 leaves it to the winner. */
const endsSignIn = (error: unknown) => error instanceof AppError && (error.status === 401 || error.status === 403)

/** Signing in and out with a refresh token: public routes, the credential is in the body or the cookie. */
async function credentialRoutes(app: App, { ctx, cookie }: Options) {
  routeScope(app, { tags, access: 'public' })

  /** In cookie mode the token goes in the Set-Cookie and not in the JSON. */
  function answer(request: FastifyRequest, reply: FastifyReply, session: Awaited<ReturnType<typeof login>>) {
    if (!inCookieMode(request)) return session
    const { refreshToken, ...rest } = session
    cookie.set(reply, refreshToken, session.refreshTokenExpiresAt)
    return rest
  }

  app.post(
    '/auth/login',
    {
      schema: {
        summary: 'Sign in with e-mail and password: an access token and a refresh token',
        headers: RefreshTokenModeHeaders,
        cookies: RefreshCookies,
        body: LoginBody,
        response: { 200: issuedSession, ...problems(400, 401, 403, 429, 503) },
      },
    },
    async (request, reply) => {
      const meta = contextOf(request)
      const session = await login(ctx, request.body, meta)
      // The browser's previous sign-in, whose cookie this one replaces, would otherwise live on unreachable.
      const replaced = cookieRefreshToken(request)
      if (replaced) await logout(ctx, replaced, meta)
      return answer(request, reply, session)
    },
  )

  app.post(
    '/auth/refresh',
    {
      schema: {
        summary: 'Trade a refresh token (single use) for a new access token and refresh token',
        headers: RefreshTokenModeHeaders,
        cookies: RefreshCookies,
        body: RefreshBody,
        response: { 200: issuedSession, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const token = request.body.refreshToken ?? cookieRefreshToken(request)
      try {
        if (!token) throw inCookieMode(request) ? missingRefreshToken() : bodyWithoutToken()
        return answer(request, reply, await refresh(ctx, token, contextOf(request)))
      } catch (error) {
        if (inCookieMode(request) && endsSignIn(error)) cookie.clear(reply)
        throw error
      }
    },
  )

  app.post(
    '/auth/logout',
    {
      schema: {
        summary: 'End the sign-in a refresh token belongs to (every token of its family)',
        headers: RefreshTokenModeHeaders,
        cookies: RefreshCookies,
        body: RefreshBody,
        response: { 204: signedOut, ...problems(400) },
      },
    },
    async (request, reply) => {
      const token = request.body.refreshToken ?? cookieRefreshToken(request)
      if (token) await logout(ctx, token, contextOf(request))
      else if (!inCookieMode(request)) throw bodyWithoutToken()
      if (inCookieMode(request)) cookie.clear(reply)
      return reply.code(204).send(null)
    },
  )
}

/** Signing out everywhere: a signed-in user's own sign-ins. */
async function signedInRoutes(app: App, { ctx, cookie }: Options) {
  routeScope(app, { tags, access: 'user' })

  app.post(
    '/auth/logout-all',
    {
      schema: {
        summary: 'Sign out everywhere: end every sign-in of mine, this one included, and their access tokens',
        headers: RefreshTokenModeHeaders,
        response: { 204: signedOut, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await logoutEverywhere(ctx, currentUser(request).userId, contextOf(request))
      if (inCookieMode(request)) cookie.clear(reply)
      return reply.code(204).send(null)
    },
  )
}

export async function sessionsRoutes(app: App, { ctx }: { ctx: AuthContext }) {
  await app.register(fastifyCookie)
  const options = { ctx, cookie: refreshCookie(ctx.config) }
  await app.register(credentialRoutes, options)
  await app.register(signedInRoutes, options)
}
