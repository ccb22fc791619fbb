import { createRequire } from 'node:module'
import type { FastifyBaseLogger } from 'fastify'
import { type Admin, Kafka, type LogEntry, logLevel } from 'kafkajs'

interface RequestQueue {
  pending: unknown[]
  throttledUntil: number
  scheduleCheckPendingRequests(): void
}

/**
 * kafkajs 2.2.4's request queue, once idle, re-arms a timer every millisecond for ever: with nothing
 * pending, its next check is due `throttledUntil - now` from now, and throttledUntil starts at -1, a
 * negative delay that Node runs after 1 ms (warning TimeoutNegativeWarning). Every broker connection of
 * every process spun so: about half of an idle service's CPU (kafkajs issues #1556, #1704 and #1751;
 * the fix is not released). With nothing pending and no throttle in force there is nothing to check:
 * a request that cannot go at once arms the check itself, and an answered or timed-out one runs it.
 */
const { prototype: requestQueue } = createRequire(import.meta.url)('kafkajs/src/network/requestQueue/index.js') as {
  prototype: RequestQueue
}
const scheduleCheck = requestQueue.scheduleCheckPendingRequests
requestQueue.scheduleCheckPendingRequests = function (this: RequestQueue) {
  if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return
  scheduleCheck.call(this)
}

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
}

export function createKafka(brokers: string, clientId: string, logger: FastifyBaseLogger): Kafka {
  const log = logger.child({ component: 'kafka' })
  return new Kafka({
    clientId,
    brokers: brokers.split(','),
    connectionTimeout: 2000,
    requestTimeout: 5000,
    // Callers (readiness, the outbox relay, consumers) retry on their own schedule: fail fast here.
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry
        log[levels[level] ?? 'info'](rest, message)
      },
  })
}

/** Readiness: the broker answers a metadata request. Reconnects after a failure. */
export function kafkaCheck(kafka: Kafka) {
  let admin: Admin | undefined
  const check = async () => {
    try {
      admin ??= kafka.admin({ retry: { retries: 0 } })
      await admin.connect()
      return await admin.describeCluster()
    } catch (error) {
      const failed = admin
      admin = undefined
      await failed?.disconnect().catch(() => {})
      throw error
    }
  }
  check.close = async () => {
    await admin?.disconnect()
  }
  return check
}
