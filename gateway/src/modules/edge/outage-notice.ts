import type { FastifyBaseLogger } from 'fastify'

/**
 * Logs a dependency outage as a warning at most once per interval: during an outage every
 * request would otherwise log the same line.
 */
export function createOutageNotice(log: FastifyBaseLogger, message: string, intervalMs = 10_000) {
  let lastAt = 0
  return (error: unknown) => {
    const now = Date.now()
    if (now - lastAt < intervalMs) return
    lastAt = now
    log.warn({ err: (error as Error)?.message ?? String(error) }, message)
  }
}
