import { askInternal } from '@focushub/shared/auth'
import { createBackgroundJob } from '@focushub/shared/jobs'
import type { FastifyBaseLogger } from 'fastify'
import type { Hub } from './live.hub.ts'

/** The most user ids focus-service takes in one report. */
export const presenceChunkSize = 5000

/** Arrivals are batched: a wave of reconnects (a replica shutting down) makes a few requests, not one each. */
const arrivalsMs = 1000

export interface PresenceReportOptions {
  hub: Pick<Hub, 'connectedUsers' | 'takeArrivals'>
  focusServiceUrl: string
  /** The gateway's service credential, listed in focus-service's FOCUS_INTERNAL_CALLERS. */
  authorization: string
  reportMs: number
  timeoutMs: number
  log: FastifyBaseLogger
}

/**
 * Tells focus-service who holds a live stream on this replica, so focus rooms know who is present
 * without a heartbeat per client: everyone every `reportMs`, and a user whose first stream opens
 * within about a second. A failed report is logged and the next full report names everyone again;
 * the streams never notice.
 */
export function createPresenceReports(options: PresenceReportOptions) {
  const url = new URL('/internal/rooms/presence', options.focusServiceUrl)

  async function report(userIds: string[]) {
    for (let start = 0; start < userIds.length; start += presenceChunkSize) {
      const body = { userIds: userIds.slice(start, start + presenceChunkSize) }
      const response = await askInternal(url, {
        authorization: options.authorization,
        timeoutMs: options.timeoutMs,
        body,
      })
      await response.body?.cancel()
      if (response.status !== 200) throw new Error(`${url.origin}${url.pathname} answered ${response.status}`)
    }
  }

  const jobs = [
    createBackgroundJob({
      name: 'live presence report',
      intervalMs: options.reportMs,
      pass: () => report(options.hub.connectedUsers()),
      log: options.log,
    }),
    createBackgroundJob({
      name: 'live presence arrivals',
      intervalMs: arrivalsMs,
      pass: () => report(options.hub.takeArrivals()),
      log: options.log,
      // Those whose report failed are in the next full one; meanwhile a down focus-service is not asked every second.
      retry: { initialMs: arrivalsMs, capMs: options.reportMs },
    }),
  ]

  return {
    start() {
      for (const job of jobs) job.start()
    },
    async stop() {
      await Promise.all(jobs.map((job) => job.stop()))
    },
  }
}
