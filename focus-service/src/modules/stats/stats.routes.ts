import { type App, currentUser, problems } from '@focushub/shared'
import type { FocusContext } from '../../context.ts'
import { Stats, StatsQuery } from './stats.schemas.ts'
import { statsOf } from './stats.service.ts'

export async function statsRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  app.get(
    '/focus/stats',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['focus'],
        summary: 'My focus stats over the last 7, 30, 90 or 365 local days',
        security: [{ bearerAuth: [] }],
        querystring: StatsQuery,
        response: { 200: Stats, ...problems(400, 401) },
      },
    },
    async (request) => statsOf(ctx, currentUser(request).userId, request.query.range),
  )
}
