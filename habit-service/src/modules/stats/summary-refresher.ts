import { contextFor } from '@focushub/shared/context'
import { createBackgroundJob, jobPlugin } from '@focushub/shared/jobs'
import type { HabitContext } from '../../context.ts'
import { inHabitWork } from '../../events/habit-work.ts'
import { dayBoundariesInUse, dueHabitIds, lockDueHabits } from './due-summaries.repository.ts'
import { type BoundaryToday, batchesOf, dueByUser, todaysOf } from './due-summaries.ts'
import { refreshSummaries } from './summaries.service.ts'

/** Due habits named by one scan of the table; a pass scans again after them when there were this many. */
const scanSize = 10_000
const batchSize = 100
/** Batches refreshed at once, each in its own transaction: SKIP LOCKED hands them disjoint rows. */
const workers = 2

/** Takes batches off the shared queue until it is empty, each in its own transaction; answers how many it refreshed. */
async function refreshWorker(ctx: HabitContext, now: Date, todays: BoundaryToday[], queue: string[][]) {
  let refreshed = 0
  for (let habitIds = queue.shift(); habitIds; habitIds = queue.shift()) {
    const ids = habitIds
    refreshed += await inHabitWork(ctx.db, async (work) => {
      let count = 0
      for (const { userId, today, habits } of dueByUser(await lockDueHabits(work.trx, todays, ids), now)) {
        await refreshSummaries(work, habits, today, contextFor({ userId, requestId: `summary-refresher-${today}` }))
        count += habits.length
      }
      return count
    })
  }
  return refreshed
}

/** Runs the workers over the batches, and answers once every one of them has finished. */
async function refreshBatches(ctx: HabitContext, now: Date, todays: BoundaryToday[], habitIds: string[]) {
  const queue = batchesOf(habitIds, batchSize)
  const results = await Promise.allSettled(
    Array.from({ length: workers }, () => refreshWorker(ctx, now, todays, queue)),
  )
  const failed = results.find((result) => result.status === 'rejected')
  if (failed) throw failed.reason
  return results.reduce((sum, result) => sum + (result.status === 'fulfilled' ? result.value : 0), 0)
}

/**
 * Recomputes the summaries of active habits whose owner's local day has moved past their
 * summary_as_of, with the read path's code (so habit.streak_broken and habit-streak progress come
 * out as a read would make them). Each owner's today is computed once per boundary in use, in JS
 * as the read path computes it, and checked again per row under the lock. Replicas (and this
 * replica's workers) refresh the same table: FOR UPDATE SKIP LOCKED hands each due row to one of
 * them, and the due test re-checked under the lock keeps a row a request (or another replica)
 * just refreshed from publishing its break twice.
 */
export async function refreshDueSummaries(ctx: HabitContext): Promise<number> {
  const now = ctx.now()
  const todays = todaysOf(now, await dayBoundariesInUse(ctx.db))
  let refreshed = 0
  let after: string | undefined
  for (;;) {
    const habitIds = await dueHabitIds(ctx.db, todays, after, scanSize)
    refreshed += await refreshBatches(ctx, now, todays, habitIds)
    if (habitIds.length < scanSize) return refreshed
    after = habitIds.at(-1)
  }
}

/** Runs the refresh every `HABIT_SUMMARY_REFRESH_INTERVAL_MS` for the life of the app. */
export const summaryRefresherJob = jobPlugin(
  'focushub-habit-summary-refresher',
  (app, { ctx }: { ctx: HabitContext }) =>
    createBackgroundJob({
      name: 'habit summary refresh',
      intervalMs: ctx.config.HABIT_SUMMARY_REFRESH_INTERVAL_MS,
      pass: () => refreshDueSummaries(ctx),
      log: ctx.log,
      metrics: app.metrics,
    }),
)
