import type { FastifyBaseLogger } from 'fastify'
import { type Admin, Kafka, type LogEntry, logLevel } from 'kafkajs'

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
