import { inUnitOfWork } from '@focushub/shared/events'
import { createBackgroundJob, jobPlugin } from '@focushub/shared/jobs'
import type { FocusContext } from '../../context.ts'
import { lockDueRoom, nextPhaseEnd } from './room-timer.repository.ts'
import { advanceDuePhases } from './room-timer.service.ts'

/** Rooms advanced at once, each in its own transaction: SKIP LOCKED hands them disjoint rooms. */
const workers = 2

/** Advances due rooms one transaction each until none is left; answers how many. */
async function sweepWorker(ctx: FocusContext): Promise<number> {
  let advanced = 0
  for (;;) {
    const now = ctx.now()
    const found = await inUnitOfWork(ctx.db, async (work) => {
      const room = await lockDueRoom(work.trx, now)
      if (!room) return false
      await advanceDuePhases(work, room, now, { userId: room.host_id, requestId: `room-timer-${room.id}` })
      return true
    })
    if (!found) return advanced
    advanced++
  }
}

/**
 * Ends every running room phase whose time is up, at the instant it ended, and drives the rooms'
 * sessions with it. Replicas sweep the same table: FOR UPDATE SKIP LOCKED hands each due room to one of
 * them, and the condition re-read under the lock keeps a room another one advanced from advancing twice.
 */
export async function sweepDuePhases(ctx: FocusContext): Promise<number> {
  const counts = await Promise.all(Array.from({ length: workers }, () => sweepWorker(ctx)))
  return counts.reduce((sum, count) => sum + count, 0)
}

/** The shortest wait: a due room another replica holds is looked at again this soon, not in a busy loop. */
const minimumWaitMs = 20

/** How long the sweep waits: until the first running phase ends, but never longer than `longestMs`. */
export const untilNextSweep = (nextEnd: Date | null, now: Date, longestMs: number) =>
  nextEnd === null ? longestMs : Math.min(longestMs, Math.max(minimumWaitMs, nextEnd.getTime() - now.getTime()))

/**
 * Runs the room sweep for the life of the app: when the next running phase ends, and at least every
 * FOCUS_ROOM_SWEEP_INTERVAL_MS (a phase another replica started or resumed since is found by then). A
 * phase change so waits for no polling interval, only for the sweep's own work.
 */
export const roomTimerJob = jobPlugin('focushub-focus-room-timer', (app, { ctx }: { ctx: FocusContext }) => {
  const longest = ctx.config.FOCUS_ROOM_SWEEP_INTERVAL_MS
  let nextEnd: Date | null = null
  return createBackgroundJob({
    name: 'room timer sweep',
    intervalMs: () =>
      nextEnd === null ? longest : Math.min(longest, Math.max(minimumWaitMs, nextEnd.getTime() - ctx.now().getTime())),
    pass: async () => {
      const advanced = await sweepDuePhases(ctx)
      nextEnd = await nextPhaseEnd(ctx.db)
      return advanced
    },
    log: ctx.log,
    metrics: app.metrics,
  })
})
