import { requireServiceCaller } from '@focushub/shared/auth'
import { type App, assertLocalRange, LocalRangeQuery, problems, routeScope } from '@focushub/shared/http'
import type { TaskContext } from '../../context.ts'
import { UserDay, UserDayParams, UserDayQuery, UserWeek } from './internal.schemas.ts'
import { userDay, userWeek } from './internal.service.ts'

/** The longest span one question covers: a week, or a month's worth of them. */
const maxRangeDays = 31

/**
 * Routes for other services (notification-service's daily agenda and weekly review), never routed by the gateway:
 * each answers only a service credential listed in TASK_INTERNAL_CALLERS (an access token gets 401).
 */
export async function internalRoutes(app: App, { ctx }: { ctx: TaskContext }) {
  routeScope(app, {
    tags: ['internal'],
    access: { onRequest: requireServiceCaller(ctx.config.TASK_INTERNAL_CALLERS), security: [{ serviceAuth: [] }] },
  })

  app.get(
    '/internal/users/:userId/day',
    {
      schema: {
        summary: "A user's tasks due today and overdue, by their local day (the daily agenda)",
        params: UserDayParams,
        querystring: UserDayQuery,
        response: { 200: UserDay, ...problems(400, 401) },
      },
    },
    async (request) => userDay(ctx, request.params.userId, request.query.limit),
  )

  app.get(
    '/internal/users/:userId/week',
    {
      schema: {
        summary: 'How many tasks a user got done over a span of their local days (the weekly review)',
        params: UserDayParams,
        querystring: LocalRangeQuery,
        response: { 200: UserWeek, ...problems(400, 401) },
      },
    },
    async (request) => {
      assertLocalRange(request.query, maxRangeDays)
      return userWeek(ctx, request.params.userId, request.query)
    },
  )
}
