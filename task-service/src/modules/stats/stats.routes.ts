import { currentUser } from '@focushub/shared/auth'
import { type App, problems, routeScope } from '@focushub/shared/http'
import type { TaskContext } from '../../context.ts'
import { StatsQuery, TaskStats } from '../tasks/tasks.schemas.ts'
import { taskStats } from './stats.service.ts'

export async function statsRoutes(app: App, { ctx }: { ctx: TaskContext }) {
  routeScope(app, { tags: ['tasks'], access: 'user' })

  app.get(
    '/tasks/stats',
    {
      schema: {
        summary: 'Open, overdue, due today, done today and this week, by my local day',
        querystring: StatsQuery,
        response: { 200: TaskStats, ...problems(400, 401, 404) },
      },
    },
    async (request) => taskStats(ctx, currentUser(request).userId, request.query.projectId),
  )
}
