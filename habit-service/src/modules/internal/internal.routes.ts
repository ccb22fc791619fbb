import { requireServiceCaller } from '@focushub/shared/auth'
import { contextFor } from '@focushub/shared/context'
import { exportRoute } from '@focushub/shared/exports'
import { type App, assertLocalRange, LocalRangeQuery, problems, routeScope } from '@focushub/shared/http'
import type { HabitContext } from '../../context.ts'
import { exportCollections } from '../export/export.collections.ts'
import { assertRealDate } from '../habits/local-today.ts'
import { UserHabitsDay, UserHabitsDayParams, UserHabitsDayQuery, UserHabitsWeek } from './internal.schemas.ts'
import { userHabitsDay, userHabitsWeek } from './internal.service.ts'

/** The longest span one question covers: a week, or a month's worth of them. */
const maxRangeDays = 31

/**
 * Routes for other services (notification-service's agenda, streak nudge and weekly review), never routed by the
 * gateway: each answers only a service credential listed in HABIT_INTERNAL_CALLERS (an access token gets 401).
 */
export async function internalRoutes(app: App, { ctx }: { ctx: HabitContext }) {
  routeScope(app, {
    tags: ['internal'],
    access: { onRequest: requireServiceCaller(ctx.config.HABIT_INTERNAL_CALLERS), security: [{ serviceAuth: [] }] },
  })

  exportRoute(app, exportCollections(ctx))

  app.get(
    '/internal/users/:userId/habits-due',
    {
      schema: {
        summary: "A user's habits due on a local date, with streak and check-in (the agenda, the streak nudge)",
        params: UserHabitsDayParams,
        querystring: UserHabitsDayQuery,
        response: { 200: UserHabitsDay, ...problems(400, 401) },
      },
    },
    async (request) => {
      if (request.query.date) assertRealDate(request.query.date, '/querystring/date')
      return userHabitsDay(
        ctx,
        contextFor({ userId: request.params.userId, requestId: String(request.id) }),
        request.query,
      )
    },
  )

  app.get(
    '/internal/users/:userId/habits-week',
    {
      schema: {
        summary:
          "How many of the check-ins a user's habits asked for over a span of local days were done (the weekly review)",
        params: UserHabitsDayParams,
        querystring: LocalRangeQuery,
        response: { 200: UserHabitsWeek, ...problems(400, 401) },
      },
    },
    async (request) => {
      assertLocalRange(request.query, maxRangeDays)
      return userHabitsWeek(ctx, request.params.userId, request.query)
    },
  )
}
