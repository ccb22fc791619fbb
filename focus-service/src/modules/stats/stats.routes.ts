import { currentUser } from '@focushub/shared/auth'
import { type App, problems, routeScope } from '@focushub/shared/http'
import type { FocusContext } from '../../context.ts'
import { Stats, StatsQuery } from './stats.schemas.ts'
import { statsOf } from './stats.service.ts'

export async function statsRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  routeScope(app, { tags: ['focus'], access: 'user' })

  app.get(
    '/focus/stats',
    {
      schema: {
        summary: 'My focus stats over the last 7, 30, 90 or 365 local days',
        querystring: StatsQuery,
        response: { 200: Stats, ...problems(400, 401) },
      },
    },
    async (request) => statsOf(ctx, currentUser(request).userId, request.query.range),
  )
}
