import { requireServiceCaller } from '@focushub/shared/auth'
import { type App, problems, routeScope } from '@focushub/shared/http'
import type { TaskContext } from '../../context.ts'
import { UserDay, UserDayParams, UserDayQuery } from './internal.schemas.ts'
import { userDay } from './internal.service.ts'

/**
 * Routes for other services (notification-service's daily agenda), never routed by the gateway:
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
}
