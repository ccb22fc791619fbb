import { currentUser, requireServiceCaller } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { AuthContext } from '../../context.ts'
import {
  CalendarFeed,
  CreatedCalendarFeed,
  CreatedToken,
  CreateTokenBody,
  ExchangeBody,
  ExchangedToken,
  TokenList,
  TokenParams,
} from './tokens.schemas.ts'
import {
  calendarFeed,
  createToken,
  exchange,
  listTokens,
  removeCalendarFeed,
  replaceCalendarFeed,
  revoke,
} from './tokens.service.ts'

interface Options {
  ctx: AuthContext
}

/**
 * A signed-in user's personal access tokens. Managed only from a sign-in: a personal access token reaches
 * none of these routes (it is in no scope of auth-service's).
 */
async function ownTokenRoutes(app: App, { ctx }: Options) {
  routeScope(app, { tags: ['tokens'], access: 'user' })

  app.post(
    '/auth/tokens',
    {
      schema: {
        summary: 'Create a personal access token: named, scoped, expiring; the token is shown only in this answer',
        body: CreateTokenBody,
        response: { 201: CreatedToken, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const created = await createToken(ctx, currentUser(request).userId, request.body, contextOf(request))
      return reply.code(201).send(created)
    },
  )

  app.get(
    '/auth/tokens',
    {
      schema: {
        summary: 'My personal access tokens not revoked, with their last use (never the tokens themselves)',
        response: { 200: TokenList, ...problems(401, 403) },
      },
    },
    async (request) => listTokens(ctx, currentUser(request).userId),
  )

  app.delete(
    '/auth/tokens/:id',
    {
      schema: {
        summary: 'Revoke a personal access token: it and the access tokens traded for it stop working within seconds',
        params: TokenParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await revoke(ctx, currentUser(request).userId, request.params.id, contextOf(request))
      return reply.code(204).send(null)
    },
  )
}

/**
 * A signed-in user's calendar feed: a secret URL a calendar app subscribes to (the gateway serves it), one per
 * user, replaced or turned off here.
 */
async function calendarFeedRoutes(app: App, { ctx }: Options) {
  routeScope(app, { tags: ['calendar'], access: 'user' })

  app.get(
    '/auth/calendar-feed',
    {
      schema: {
        summary: 'My calendar feed, if I have one (never its token)',
        response: { 200: CalendarFeed, ...problems(401, 403, 404) },
      },
    },
    async (request) => calendarFeed(ctx, currentUser(request).userId),
  )

  app.put(
    '/auth/calendar-feed',
    {
      schema: {
        summary: 'A new calendar feed URL, replacing the one before (which stops working): its token is shown once',
        response: { 200: CreatedCalendarFeed, ...problems(401, 403) },
      },
    },
    async (request) => replaceCalendarFeed(ctx, currentUser(request).userId, contextOf(request)),
  )

  app.delete(
    '/auth/calendar-feed',
    {
      schema: {
        summary: 'Turn my calendar feed off: its URL stops working within seconds',
        response: { 204: Type.Null(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removeCalendarFeed(ctx, currentUser(request).userId, contextOf(request))
      return reply.code(204).send(null)
    },
  )
}

/** The gateway's trade of a personal access token for an access token: a service credential only. */
async function exchangeRoutes(app: App, { ctx }: Options) {
  routeScope(app, {
    tags: ['internal'],
    access: { onRequest: requireServiceCaller(ctx.config.INTERNAL_CALLERS), security: [{ serviceAuth: [] }] },
  })

  app.post(
    '/internal/personal-access-tokens/exchange',
    {
      schema: {
        summary:
          'A personal access token or calendar feed token → an access token limited to its scopes (the gateway asks)',
        body: ExchangeBody,
        response: { 200: ExchangedToken, ...problems(400, 401) },
      },
    },
    async (request) => exchange(ctx, request.body.token),
  )
}

export async function tokensRoutes(app: App, options: Options) {
  await app.register(ownTokenRoutes, options)
  await app.register(calendarFeedRoutes, options)
  await app.register(exchangeRoutes, options)
}
