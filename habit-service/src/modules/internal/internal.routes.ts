import { requireServiceCaller } from '@focushub/shared/auth'
import { type App, problems, routeScope } from '@focushub/shared/http'
import type { HabitContext } from '../../context.ts'
import { assertRealDate } from '../habits/local-today.ts'
import { UserHabitsDay, UserHabitsDayParams, UserHabitsDayQuery } from './internal.schemas.ts'
import { userHabitsDay } from './internal.service.ts'

/**
 * Routes for other services (notification-service's agenda and streak nudge), never routed by the
 * gateway: each answers only a service credential listed in HABIT_INTERNAL_CALLERS (an access token gets 401).
 */
export async function internalRoutes(app: App, { ctx }: { ctx: HabitContext }) {
  routeScope(app, {
    tags: ['internal'],
    access: { onRequest: requireServiceCaller(ctx.config.HABIT_INTERNAL_CALLERS), security: [{ serviceAuth: [] }] },
  })

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
      return userHabitsDay(ctx, request.params.userId, request.query)
    },
  )
}
