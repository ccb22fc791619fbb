import type { RequestContext } from '@focushub/shared/context'
import type { UnitOfWork } from '@focushub/shared/events'
import type { Metric } from '../../db/tables/achievements.ts'
import type { Database } from '../../db/tables.ts'
import { recordHabitEvent } from '../../events/habit-events.ts'
import { levelOf } from '../rewards/levels.ts'
import { progressAndUnlock, raisedMetrics } from './achievements.repository.ts'

type Changes = Partial<Record<Metric, number>>

/** A user's changes so far, merged, and the context of what they publish. */
type HeldChanges = { cause: RequestContext; changes: Changes; bonusPoints: number }

/** A unit of work that holds achievement progress, by user, until it is flushed (applyHeldProgress). */
export interface ProgressWork extends UnitOfWork<Database> {
  readonly progress: Map<string, HeldChanges>
}

/**
 * Moves progress counters (sums are added to, maxima raised) and adds `bonusPoints` to the user's
 * total — when the unit of work is flushed: until then the changes are merged per user (sums add
 * up, maxima take the larger), so a run of many events costs one statement. Nothing reads the
 * counters meanwhile, so the outcome is the same as applying each change at once.
 */
export function progress(work: ProgressWork, cause: RequestContext, changes: Changes, bonusPoints = 0) {
  const held = work.progress.get(cause.userId) ?? { cause, changes: {}, bonusPoints: 0 }
  for (const [key, value] of Object.entries(changes)) {
    const metric = key as Metric
    const before = held.changes[metric]
    held.changes[metric] =
      before === undefined ? value : raisedMetrics.includes(metric) ? Math.max(before, value) : before + value
  }
  held.bonusPoints += bonusPoints
  work.progress.set(cause.userId, { ...held, cause })
}

/**
 * Applies the progress a unit of work holds, every user's in one statement (users in id order),
 * and unlocks what it reaches: each unlock row is unique per (user, achievement), so its points
 * and its habit.achievement.unlocked happen exactly once.
 */
export async function applyHeldProgress(work: ProgressWork) {
  const users = [...work.progress.keys()].sort().map((user) => work.progress.get(user) as HeldChanges)
  work.progress.clear()
  if (users.length > 0) await applyProgress(work, users)
}

async function applyProgress(work: ProgressWork, users: HeldChanges[]) {
  const unlocked = await progressAndUnlock(
    work.trx,
    users.map(({ cause, changes, bonusPoints }) => ({
      userId: cause.userId,
      changes: Object.entries(changes).map(([metric, value]) => ({ metric: metric as Metric, value: value as number })),
      bonusPoints,
    })),
  )
  const causes = new Map(users.map((user) => [user.cause.userId, user.cause]))
  // Each user's total after the statement, less the points of their unlocks not yet announced.
  const totals = new Map<string, number>()
  for (const a of unlocked) totals.set(a.user_id, (totals.get(a.user_id) ?? a.total_points) - a.points)
  for (const achievement of unlocked) {
    const totalPoints = (totals.get(achievement.user_id) ?? 0) + achievement.points
    totals.set(achievement.user_id, totalPoints)
    recordHabitEvent(
      work,
      'habit.achievement.unlocked',
      {
        achievementId: achievement.id,
        name: achievement.name,
        points: achievement.points,
        totalPoints,
        level: levelOf(totalPoints),
        unlockedAt: achievement.unlocked_at.toISOString(),
      },
      causes.get(achievement.user_id) as RequestContext,
    )
  }
}
