import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import type { HabitContext } from '../../context.ts'
import { HabitParams } from '../habits/habits.schemas.ts'
import { HabitStats } from './stats.schemas.ts'
import { statsOfHabit } from './stats.service.ts'

export async function statsRoutes(app: App, { ctx }: { ctx: HabitContext }) {
  routeScope(app, { tags: ['habits'], access: 'user' })

  app.get(
    '/habits/:id/stats',
    {
      schema: {
        summary: 'Streaks, completion rates, strength score and heatmap of a habit',
        params: HabitParams,
        response: { 200: HabitStats, ...problems(400, 401, 403, 404) },
      },
    },
    (request) => statsOfHabit(ctx, contextOf(request), request.params.id),
  )
}
