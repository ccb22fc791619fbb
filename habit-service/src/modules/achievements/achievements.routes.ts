import { currentUser } from '@focushub/shared/auth'
import { type App, Page, problems, routeScope } from '@focushub/shared/http'
import type { HabitContext } from '../../context.ts'
import { achievementsWithProgress } from './achievements.repository.ts'
import { Achievement, AchievementCursor, AchievementListQuery } from './achievements.schemas.ts'

const encode = (sortOrder: number) => AchievementCursor.encode([sortOrder])

const decode = (cursor: string) => AchievementCursor.decode(cursor)[0]

export async function achievementsRoutes(app: App, { ctx }: { ctx: HabitContext }) {
  routeScope(app, { tags: ['rewards'], access: 'user' })

  app.get(
    '/achievements',
    {
      schema: {
        summary: 'Every achievement, with my progress toward it',
        querystring: AchievementListQuery,
        response: { 200: Page(Achievement), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query
      const rows = await achievementsWithProgress(ctx.db, currentUser(request).userId, {
        limit,
        afterSortOrder: cursor === undefined ? undefined : decode(cursor),
      })
      const items = rows.slice(0, limit)
      const last = items[items.length - 1]
      return {
        items: items.map((row) => ({
          id: row.id,
          name: row.name,
          description: row.description,
          points: row.points,
          metric: row.metric,
          target: row.threshold,
          progress: Math.min(row.threshold, row.value ?? 0),
          unlocked: row.unlocked_at !== null,
          unlockedAt: row.unlocked_at?.toISOString() ?? null,
        })),
        nextCursor: rows.length > limit && last ? encode(last.sort_order) : null,
      }
    },
  )
}
