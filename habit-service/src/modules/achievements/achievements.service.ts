import type { Kysely } from 'kysely'
import type { Cause } from '../../context.ts'
import type { Metric } from '../../db/tables/achievements.ts'
import type { Database } from '../../db/tables.ts'
import { recordHabitEvent } from '../../events/habit-events.ts'
import { levelOf } from '../rewards/levels.ts'
import { addPoints } from '../rewards/rewards.repository.ts'
import { progressAndUnlock } from './achievements.repository.ts'

/**
 * Moves progress counters (`add` to them, or `raise` them to at least a value) and unlocks what
 * they reach, in the caller's transaction: each unlock row is unique per (user, achievement), so
 * its points and its event happen exactly once.
 */
export async function progress(
  trx: Kysely<Database>,
  cause: Cause,
  mode: 'add' | 'raise',
  changes: Partial<Record<Metric, number>>,
) {
  const list = Object.entries(changes).map(([metric, value]) => ({ metric: metric as Metric, value: value as number }))
  for (const achievement of await progressAndUnlock(trx, cause.userId, mode, list)) {
    const totalPoints = await addPoints(trx, cause.userId, achievement.points)
    await recordHabitEvent(
      trx,
      'habit.achievement.unlocked',
      {
        achievementId: achievement.id,
        name: achievement.name,
        points: achievement.points,
        totalPoints,
        level: levelOf(totalPoints),
        unlockedAt: achievement.unlockedAt.toISOString(),
      },
      cause,
    )
  }
}
