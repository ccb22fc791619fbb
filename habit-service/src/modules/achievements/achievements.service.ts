import { AsyncLocalStorage } from 'node:async_hooks'
import type { Kysely } from 'kysely'
import type { Cause } from '../../context.ts'
import type { Metric } from '../../db/tables/achievements.ts'
import type { Database } from '../../db/tables.ts'
import { recordHabitEvent } from '../../events/habit-events.ts'
import { levelOf } from '../rewards/levels.ts'
import { progressAndUnlock, raisedMetrics } from './achievements.repository.ts'

type Changes = Partial<Record<Metric, number>>

/** A user's changes so far, merged, and their cause. */
type HeldChanges = { cause: Cause; changes: Changes; bonusPoints: number }

/** What progressTogether holds back, by user. */
type HeldProgress = Map<string, HeldChanges>

const heldBack = new AsyncLocalStorage<{ trx: Kysely<Database>; byUser: HeldProgress }>()

/** Merges changes into a user's held ones: sums add up, maxima take the larger. */
function holdBack(byUser: HeldProgress, cause: Cause, changes: Changes, bonusPoints: number) {
  const held = byUser.get(cause.userId) ?? { cause, changes: {}, bonusPoints: 0 }
  for (const [key, value] of Object.entries(changes)) {
    const metric = key as Metric
    const before = held.changes[metric]
    held.changes[metric] =
      before === undefined ? value : raisedMetrics.includes(metric) ? Math.max(before, value) : before + value
  }
  held.bonusPoints += bonusPoints
  byUser.set(cause.userId, { ...held, cause })
}

/**
 * Runs `work`, holding back the progress it makes through `trx`, then applies every user's
 * merged changes in one statement (users in id order) instead of one per call. Sums and maxima
 * merge without loss, and nothing reads the counters meanwhile, so the outcome is the same.
 */
export async function progressTogether(trx: Kysely<Database>, work: () => Promise<void>) {
  const byUser: HeldProgress = new Map()
  await heldBack.run({ trx, byUser }, work)
  await applyProgress(
    trx,
    [...byUser.keys()].sort().map((user) => byUser.get(user) as HeldChanges),
  )
}

/**
 * Moves progress counters (sums are added to, maxima raised) and unlocks what they reach, in the
 * caller's transaction, adding the unlocks' points and `bonusPoints` to the user's total: each
 * unlock row is unique per (user, achievement), so its points and its event happen exactly once.
 */
export async function progress(trx: Kysely<Database>, cause: Cause, changes: Changes, bonusPoints = 0) {
  const held = heldBack.getStore()
  if (held?.trx === trx) return holdBack(held.byUser, cause, changes, bonusPoints)
  await applyProgress(trx, [{ cause, changes, bonusPoints }])
}

async function applyProgress(trx: Kysely<Database>, users: HeldChanges[]) {
  const unlocked = await progressAndUnlock(
    trx,
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
    await recordHabitEvent(
      trx,
      'habit.achievement.unlocked',
      {
        achievementId: achievement.id,
        name: achievement.name,
        points: achievement.points,
        totalPoints,
        level: levelOf(totalPoints),
        unlockedAt: achievement.unlocked_at.toISOString(),
      },
      causes.get(achievement.user_id) as Cause,
    )
  }
}
