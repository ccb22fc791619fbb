import { inUnitOfWork } from '@focushub/shared/events'
import { createBackgroundJob, jobPlugin } from '@focushub/shared/jobs'
import { gaugeIn } from '@focushub/shared/metrics'
import type { FocusContext } from '../../context.ts'
import { saveTransition } from './session-transitions.ts'
import { planOf, timerStateOf } from './session-view.ts'
import { lockDueSessions } from './sessions.repository.ts'
import { expire } from './timer.ts'

const batchSize = 50
/** Batches swept at once, each in its own transaction: SKIP LOCKED hands them disjoint rows. */
const workers = 4

interface Sweep {
  completed: number
  /** How late, in seconds, the most overdue session it completed was completed (0 when none was due). */
  lateSeconds: number
}

/** Completes due sessions a batch per transaction until none is left. */
async function sweepWorker(ctx: FocusContext): Promise<Sweep> {
  const sweep: Sweep = { completed: 0, lateSeconds: 0 }
  for (;;) {
    const now = ctx.now()
    const { swept, mostOverdue } = await inUnitOfWork(ctx.db, async (work) => {
      const { trx } = work
      const due = await lockDueSessions(trx, now, batchSize)
      for (const row of due) {
        await saveTransition(work, row, expire(planOf(row), timerStateOf(row), now), 'expire', {
          now,
          requestId: `sweeper-${row.id}`,
        })
      }
      // Locked in order of their end: the first is the most overdue.
      return { swept: due.length, mostOverdue: due[0]?.ends_at }
    })
    sweep.completed += swept
    // Counted at commit, when the completion took effect.
    if (mostOverdue)
      sweep.lateSeconds = Math.max(sweep.lateSeconds, (ctx.now().getTime() - mostOverdue.getTime()) / 1000)
    if (swept < batchSize) return sweep
  }
}

/**
 * Completes every running session whose plan has run out. Replicas (and this replica's workers)
 * sweep the same table: FOR UPDATE SKIP LOCKED hands each due row to one of them, and the status
 * re-checked under the lock keeps a row another one finished from finishing twice.
 */
export async function sweepDueSessions(ctx: FocusContext): Promise<Sweep> {
  const sweeps = await Promise.all(Array.from({ length: workers }, () => sweepWorker(ctx)))
  return {
    completed: sweeps.reduce((sum, sweep) => sum + sweep.completed, 0),
    lateSeconds: Math.max(...sweeps.map((sweep) => sweep.lateSeconds)),
  }
}

/**
 * Runs the sweep every `FOCUS_SWEEP_INTERVAL_MS` for the life of the app, and after each pass sets
 * `focus_sweeper_lag_seconds`: a sweeper that keeps up reads 0 or less than its interval.
 */
export const sweeperJob = jobPlugin('focushub-focus-sweeper', (app, { ctx }: { ctx: FocusContext }) => {
  const lag = gaugeIn(app.metrics, {
    name: 'focus_sweeper_lag_seconds',
    help: 'How late the last sweep completed the most overdue session it found (0 when none was due)',
  })
  return createBackgroundJob({
    name: 'focus sweep',
    intervalMs: ctx.config.FOCUS_SWEEP_INTERVAL_MS,
    pass: async () => {
      const sweep = await sweepDueSessions(ctx)
      lag.set(sweep.lateSeconds)
      return sweep.completed
    },
    log: ctx.log,
    metrics: app.metrics,
  })
})
