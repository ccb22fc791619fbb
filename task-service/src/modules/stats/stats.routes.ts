import { type App, currentUser, problems } from '@focushub/shared'
import type { TaskContext } from '../../context.ts'
import { StatsQuery, TaskStats } from '../tasks/tasks.schemas.ts'
import { taskStats } from './stats.service.ts'

export async function statsRoutes(app: App, { ctx }: { ctx: TaskContext }) {
  app.get(
    '/tasks/stats',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['tasks'],
        security: [{ bearerAuth: [] }],
        summary: 'Open, overdue, due today, done today and this week, by my local day',
        querystring: StatsQuery,
        response: { 200: TaskStats, ...problems(400, 401, 404) },
      },
    },
    async (request) => taskStats(ctx, currentUser(request).userId, request.query.projectId),
  )
}
