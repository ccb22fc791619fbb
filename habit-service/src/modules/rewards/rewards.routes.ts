import { currentUser } from '@focushub/shared/auth'
import { type App, problems, routeScope } from '@focushub/shared/http'
import type { HabitContext } from '../../context.ts'
import { levelOf, pointsForLevel } from './levels.ts'
import { pointsOf, unlockedAchievements } from './rewards.repository.ts'
import { Rewards } from './rewards.schemas.ts'

export async function rewardsRoutes(app: App, { ctx }: { ctx: HabitContext }) {
  routeScope(app, { tags: ['rewards'], access: 'user' })

  app.get(
    '/rewards',
    {
      schema: {
        summary: 'My points, level and unlocked achievements',
        response: { 200: Rewards, ...problems(401, 403) },
      },
    },
    async (request) => {
      const userId = currentUser(request).userId
      const [points, unlocked] = await Promise.all([pointsOf(ctx.db, userId), unlockedAchievements(ctx.db, userId)])
      const level = levelOf(points)
      return {
        points,
        level,
        levelStartsAt: pointsForLevel(level),
        nextLevelAt: pointsForLevel(level + 1),
        unlocked: unlocked.map((row) => ({
          id: row.id,
          name: row.name,
          description: row.description,
          points: row.points,
          unlockedAt: row.unlocked_at.toISOString(),
        })),
      }
    },
  )
}
