import type { FastifyBaseLogger } from 'fastify'

export interface PeriodicTask {
  /** What the logs call it: "<name> done" with the count, "<name> failed" with the error. */
  name: string
  intervalMs: number
  /** One pass; answers how many things it handled (a pass that handled any is logged). */
  pass: () => Promise<number>
  log: Pick<FastifyBaseLogger, 'info' | 'error'>
}

/**
 * Runs `pass` every `intervalMs`, counted from the end of the previous pass so that passes never
 * overlap, until the answered stop is called; stopping waits for a running pass. A failed pass is
 * logged and the next one tries again: the process outlives a database that is briefly away.
 */
export function runPeriodically(task: PeriodicTask): () => Promise<void> {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> = Promise.resolve()
  let stopped = false
  const tick = () => {
    running = task
      .pass()
      .then((count) => {
        if (count > 0) task.log.info({ count }, `${task.name} done`)
      })
      .catch((error: Error) => task.log.error({ err: error.message }, `${task.name} failed`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, task.intervalMs)
      })
  }
  timer = setTimeout(tick, task.intervalMs)
  return async () => {
    stopped = true
    clearTimeout(timer)
    await running
  }
}
