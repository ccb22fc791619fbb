import { type App, problems } from '@focushub/shared'
import { causeOf, type HabitContext } from '../../context.ts'
import { HabitParams } from '../habits/habits.schemas.ts'
import { HabitStats } from './stats.schemas.ts'
import { statsOfHabit } from './stats.service.ts'

export async function statsRoutes(app: App, { ctx }: { ctx: HabitContext }) {
  app.get(
    '/habits/:id/stats',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['habits'],
        summary: 'Streaks, completion rates, strength score and heatmap of a habit',
        security: [{ bearerAuth: [] }],
        params: HabitParams,
        response: { 200: HabitStats, ...problems(400, 401, 403, 404) },
      },
    },
    (request) => statsOfHabit(ctx, causeOf(request), request.params.id),
  )
}
