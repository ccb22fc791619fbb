import { jobPlugin } from '@focushub/shared/jobs'
import type { FastifyBaseLogger } from 'fastify'
import { Logger, type LogLevel, type Runner, run, runMigrations, type TaskList } from 'graphile-worker'
import type { Config } from '../config.ts'

type QueueConfig = Pick<
  Config,
  'NOTIFICATION_DATABASE_URL' | 'JOB_CONCURRENCY' | 'JOB_POLL_INTERVAL_MS' | 'JOB_QUEUE_SCHEMA' | 'JOB_WORKER_ENABLED'
>

const levels: Record<LogLevel, 'error' | 'warn' | 'info' | 'debug'> = {
  error: 'error',
  warning: 'warn',
  info: 'info',
  debug: 'debug',
}

/** graphile-worker's logs through the service's pino logger, with the worker, task and job as fields. */
export const workerLogger = (log: FastifyBaseLogger) =>
  new Logger((scope) => {
    const child = log.child({ queue: 'graphile-worker', ...scope })
    return (level, message, meta) => child[levels[level]]({ ...meta }, message)
  })

const queueOptions = (config: QueueConfig, log: FastifyBaseLogger) => ({
  connectionString: config.NOTIFICATION_DATABASE_URL,
  schema: config.JOB_QUEUE_SCHEMA,
  logger: workerLogger(log),
})

/** Creates or updates graphile-worker's schema in the service's database (at start, and in migrate.ts). */
export const migrateJobQueue = (config: QueueConfig, log: FastifyBaseLogger) =>
  runMigrations({ ...queueOptions(config, log), maxPoolSize: 1 })

/**
 * The queue's worker for the life of the app (unless JOB_WORKER_ENABLED is false): starts when the app is
 * ready, takes new jobs as they are added (LISTEN/NOTIFY; it polls only for scheduled ones and retries,
 * every JOB_POLL_INTERVAL_MS) and runs JOB_CONCURRENCY at once. Closing the app stops it gracefully:
 * it takes no new job and waits for the running ones (aborted after SHUTDOWN_TIMEOUT_MS, then retried
 * by the next worker). A failed attempt is retried with graphile-worker's exponential backoff
 * (exp(min(attempt, 10)) seconds) until the job's max attempts.
 */
export const jobWorker = jobPlugin(
  'notification-job-worker',
  (app, setup: { config: QueueConfig & Pick<Config, 'SHUTDOWN_TIMEOUT_MS'>; taskList: TaskList }) => {
    const { config } = setup
    if (!config.JOB_WORKER_ENABLED) return undefined
    let runner: Runner | undefined
    return {
      async start() {
        runner = await run({
          ...queueOptions(config, app.log),
          // The jobs' queries use the app's pool; the worker's own holds its LISTEN connection and the locks.
          maxPoolSize: config.JOB_CONCURRENCY + 2,
          concurrency: config.JOB_CONCURRENCY,
          pollInterval: config.JOB_POLL_INTERVAL_MS,
          noHandleSignals: true,
          gracefulShutdownAbortTimeout: config.SHUTDOWN_TIMEOUT_MS,
          taskList: setup.taskList,
          // No cron (nor a crontab file read): every job is enqueued by a change of this service.
          parsedCronItems: [],
        })
        runner.promise.catch((error: Error) => app.log.error({ err: error.message }, 'job worker stopped'))
      },
      async stop() {
        await runner?.stop()
      },
    }
  },
)
