import type { FastifyBaseLogger } from 'fastify'
import { backoff } from '../events/backoff.ts'
import { counterIn, histogramIn, type Registry } from '../metrics/registry.ts'

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
  /** The process's registry: each pass is counted by outcome and timed, under the job's name. */
  metrics?: Registry
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
  const recordPass = passRecorder(options.name, options.metrics)
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
      const started = performance.now()
      try {
        const count = await options.pass()
        recordPass('ok', started)
        if (failures > 0) options.log.info({ afterFailures: failures }, `${options.name} recovered`)
        failures = 0
        if (typeof count === 'number' && count > 0) options.log.info({ count }, `${options.name} done`)
        wait = interval()
      } catch (error) {
        recordPass('failed', started)
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

/** `background_job_runs_total{job,outcome}` and `background_job_duration_seconds{job}`, when given a registry. */
function passRecorder(job: string, registry: Registry | undefined) {
  if (!registry) return () => {}
  const runs = counterIn(registry, {
    name: 'background_job_runs_total',
    help: 'Passes of a background job, by outcome (ok, failed)',
    labelNames: ['job', 'outcome'],
  })
  const duration = histogramIn(registry, {
    name: 'background_job_duration_seconds',
    help: 'How long a pass of a background job took',
    labelNames: ['job'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60],
  })
  // At 0 from the start, so that the first failure is an increase an alert sees.
  runs.inc({ job, outcome: 'failed' }, 0)
  return (outcome: 'ok' | 'failed', startedAt: number) => {
    runs.inc({ job, outcome })
    duration.observe({ job }, (performance.now() - startedAt) / 1000)
  }
}
