import { requireServiceCaller } from '@focushub/shared/auth'
import { exportRoute } from '@focushub/shared/exports'
import { type App, assertLocalRange, LocalRangeQuery, problems, routeScope } from '@focushub/shared/http'
import type { FocusContext } from '../../context.ts'
import { exportCollections } from '../export/export.collections.ts'
import { UserFocusDay, UserFocusDayParams, UserFocusDayQuery, UserFocusWeek } from './internal.schemas.ts'
import { userFocusDay, userFocusWeek } from './internal.service.ts'

/** The longest span one question covers: a week, or a month's worth of them. */
const maxRangeDays = 31

/**
 * Routes for other services (notification-service's daily agenda, weekly review and exports), never routed by the
 * gateway: each answers only a service credential listed in FOCUS_INTERNAL_CALLERS (an access token gets 401).
 */
export async function internalRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  routeScope(app, {
    tags: ['internal'],
    access: { onRequest: requireServiceCaller(ctx.config.FOCUS_INTERNAL_CALLERS), security: [{ serviceAuth: [] }] },
  })

  exportRoute(app, exportCollections(ctx))

  app.get(
    '/internal/users/:userId/focus-day',
    {
      schema: {
        summary: "A user's focus on a local date: minutes, sessions, goal reached (the daily agenda)",
        params: UserFocusDayParams,
        querystring: UserFocusDayQuery,
        response: { 200: UserFocusDay, ...problems(400, 401) },
      },
    },
    async (request) => userFocusDay(ctx, request.params.userId, request.query.date),
  )

  app.get(
    '/internal/users/:userId/focus-week',
    {
      schema: {
        summary: "A user's focus over a span of local days: minutes, sessions, pomodoros (the weekly review)",
        params: UserFocusDayParams,
        querystring: LocalRangeQuery,
        response: { 200: UserFocusWeek, ...problems(400, 401) },
      },
    },
    async (request) => {
      assertLocalRange(request.query, maxRangeDays)
      return userFocusWeek(ctx, request.params.userId, request.query)
    },
  )
}
