import { errors } from '@focushub/shared/errors'
import { problems, routeScope } from '@focushub/shared/http'
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { apiPrefix, type ServiceName } from '../../upstreams.ts'
import { type TokenExchange, tokenPrefixes } from '../personal-tokens/token-exchange.ts'
import { buildFeed } from './calendar.service.ts'

export interface CalendarOptions {
  services: Record<ServiceName, string>
  tokens: TokenExchange
  timeoutMs: number
}

const feedFile = new RegExp(`^(${tokenPrefixes.calendar}[A-Za-z0-9_-]{43})\\.ics$`)
const notThisFeed = () => errors.notFound('No such calendar feed: it was turned off or replaced')

/**
 * GET /api/v1/calendar/{token}.ics: the owner's calendar feed (auth-service's PUT /auth/calendar-feed makes
 * its token), for a calendar app to subscribe to. The token in the URL is the credential: it is traded for
 * an access token that reads tasks and focus sessions only (auth-service), and the account must be active.
 * An unknown, replaced or turned-off feed answers 404. Rate-limited per client address, as any request
 * without an access token.
 */
export async function calendarRoutes(app: FastifyInstance, options: CalendarOptions) {
  routeScope(app, { tags: ['calendar'], access: 'public' })
  app.get(
    `${apiPrefix}/calendar/:file`,
    {
      onRequest: (request, reply) => app.limitRate(request, reply),
      schema: {
        summary:
          'A calendar feed (iCalendar, RFC 5545): tasks with a due date and focus sessions of the last 30 days on',
        params: Type.Object({
          file: Type.String({ maxLength: 60, description: 'The feed token and `.ics`: fhc_….ics' }),
        }),
        response: {
          200: {
            description: 'The calendar: VCALENDAR with the owner’s VTIMEZONE, a VEVENT per due task and focus session',
            content: { 'text/calendar': { schema: Type.String() } },
          },
          ...problems(404, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const token = feedFile.exec((request.params as { file: string }).file)?.[1]
      if (!token) throw notThisFeed()
      let traded: Awaited<ReturnType<TokenExchange['trade']>>
      try {
        traded = await options.tokens.trade(token)
        if (!traded) throw notThisFeed()
        request.headers.authorization = `Bearer ${traded.accessToken}`
        await app.authenticate(request)
        await app.checkAccountStatus(request)
      } catch (error) {
        // Unknown, or revoked (the trade, or the access token kept from before it, refused): no such feed.
        if ((error as { status?: number }).status === 401) throw notThisFeed()
        throw error
      }
      const owner = { authorization: request.headers.authorization, requestId: request.id, timezone: traded.timezone }
      const feed = await buildFeed(options, owner)
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .header('content-disposition', 'inline; filename="focushub.ics"')
        .send(feed)
    },
  )
}
