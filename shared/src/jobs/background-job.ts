import type { FastifyBaseLogger } from 'fastify'
import { backoff } from '../events/backoff.ts'

export interface BackgroundJobOptions {
  /** What the logs call it: "<name> done" with the count, "<name> failed" with the error. */
  name: string
  /** The wait between passes, counted from the end of the previous one (read again after each pass). */
  intervalMs: number | (() => number)
  /** One pass; a pass that answers a positive number (what it handled) is logged with it. */
  pass: () => Promise<unknown>
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>
  /** Runs the first pass at start rather than one interval later. */
  immediate?: boolean
  /**
   * After a failed pass, waits `initialMs` doubled per failure in a row (up to `capMs`) instead of the
   * interval, and a wake-up does not cut that wait short: new work does not mend what failed.
   */
  retry?: { initialMs: number; capMs?: number }
}

export interface BackgroundJob {
  start(): void
  /** Runs a pass now, or right after the running one (work arrived that it may have missed). */
  wake(): void
  /** No further pass; resolves once the running one has ended. */
  stop(): Promise<void>
}

/**
 * The one way FocusHub runs work in the background: passes never overlap, a failed pass is logged
 * and the next one tries again (the process outlives a dependency that is briefly away), and
 * stopping waits for the running pass.
 */
export function createBackgroundJob(options: BackgroundJobOptions): BackgroundJob {
  const interval = typeof options.intervalMs === 'function' ? options.intervalMs : () => options.intervalMs as number
  let stopped = false
  let woken = false
  let wakeable = true
  let cutShort: (() => void) | undefined
  let running: Promise<void> | undefined

  function sleep(ms: number, canWake: boolean) {
    if (stopped) return Promise.resolve()
    if (canWake && woken) return Promise.resolve()
    wakeable = canWake
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        cutShort = undefined
        resolve()
      }
      cutShort = done
    })
  }

  async function run() {
    let failures = 0
    if (!options.immediate) await sleep(interval(), true)
    while (!stopped) {
      // A wake-up from before this pass is answered by it; one during it asks for another.
      woken = false
      let wait: number
      try {
        const count = await options.pass()
        if (failures > 0) options.log.info({ afterFailures: failures }, `${options.name} recovered`)
        failures = 0
        if (typeof count === 'number' && count > 0) options.log.info({ count }, `${options.name} done`)
        wait = interval()
      } catch (error) {
        wait = options.retry ? backoff(failures, options.retry.initialMs, options.retry.capMs) : interval()
        failures++
        options.log.warn({ err: (error as Error).message, retryInMs: wait }, `${options.name} failed`)
      }
      await sleep(wait, failures === 0)
    }
  }

  return {
    start() {
      running ??= run()
    },
    wake() {
      woken = true
      if (wakeable) cutShort?.()
    },
    async stop() {
      stopped = true
      cutShort?.()
      await running
    },
  }
}
