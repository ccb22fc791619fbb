import { inUnitOfWork } from '@focushub/shared/events'
import { createBackgroundJob, jobPlugin } from '@focushub/shared/jobs'
import type { FocusContext } from '../../context.ts'
import { saveTransition } from './session-transitions.ts'
import { planOf, timerStateOf } from './session-view.ts'
import { lockDueSessions } from './sessions.repository.ts'
import { expire } from './timer.ts'

const batchSize = 50
/** Batches swept at once, each in its own transaction: SKIP LOCKED hands them disjoint rows. */
const workers = 4

/** Completes due sessions a batch per transaction until none is left; answers how many. */
async function sweepWorker(ctx: FocusContext): Promise<number> {
  let completed = 0
  for (;;) {
    const now = ctx.now()
    const swept = await inUnitOfWork(ctx.db, async (work) => {
      const { trx } = work
      const due = await lockDueSessions(trx, now, batchSize)
      for (const row of due) {
        await saveTransition(work, row, expire(planOf(row), timerStateOf(row), now), 'expire', {
          now,
          requestId: `sweeper-${row.id}`,
        })
      }
      return due.length
    })
    completed += swept
    if (swept < batchSize) return completed
  }
}

/**
 * Completes every running session whose plan has run out. Replicas (and this replica's workers)
 * sweep the same table: FOR UPDATE SKIP LOCKED hands each due row to one of them, and the status
 * re-checked under the lock keeps a row another one finished from finishing twice.
 */
export async function sweepDueSessions(ctx: FocusContext): Promise<number> {
  const counts = await Promise.all(Array.from({ length: workers }, () => sweepWorker(ctx)))
  return counts.reduce((sum, count) => sum + count, 0)
}

/** Runs the sweep every `FOCUS_SWEEP_INTERVAL_MS` for the life of the app. */
export const sweeperJob = jobPlugin('focushub-focus-sweeper', (_app, { ctx }: { ctx: FocusContext }) =>
  createBackgroundJob({
    name: 'focus sweep',
    intervalMs: ctx.config.FOCUS_SWEEP_INTERVAL_MS,
    pass: () => sweepDueSessions(ctx),
    log: ctx.log,
  }),
)
