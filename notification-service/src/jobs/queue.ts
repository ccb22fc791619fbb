import { type Kysely, sql } from 'kysely'

/** Where the queue's tables live and how often a job is tried by default: set once by the app (`useJobQueue`). */
const queue = { schema: 'graphile_worker', maxAttempts: 25 }

export interface JobQueueSettings {
  /** JOB_QUEUE_SCHEMA: graphile-worker's schema in the service's database. */
  schema: string
  /** JOB_MAX_ATTEMPTS: attempts of a job that names none. */
  maxAttempts: number
}

/** Points `enqueue` and `cancel` at the queue the worker runs (app.ts, from the config). */
export function useJobQueue(settings: JobQueueSettings) {
  queue.schema = settings.schema
  queue.maxAttempts = settings.maxAttempts
}

export const jobQueueSchema = () => queue.schema

export interface EnqueueOptions {
  /** When it may run first (default: now); graphile-worker picks it up within JOB_POLL_INTERVAL_MS of it. */
  runAt?: Date
  /**
   * Names the job: enqueueing again with the same key replaces the pending job (its payload and runAt),
   * so a key per thing to do (`send-email:<notification id>`) keeps one job per thing; `cancel` takes it.
   */
  jobKey?: string
  /** Attempts before it fails for good (default JOB_MAX_ATTEMPTS); retried with exponential backoff. */
  maxAttempts?: number
  /** Lower runs first among the jobs due (default 0): work a person waits to see goes before what can wait. */
  priority?: number
}

export interface JobSpec extends EnqueueOptions {
  /** A name of `task-list.ts`. */
  task: string
  /** Stored as JSON. */
  payload: unknown
}

/**
 * Adds jobs to the durable queue (graphile-worker's `add_jobs`, one statement however many) in the
 * caller's transaction: pass the `trx` of the change they belong to, and they exist if and only if the
 * change commits. The keys of one call must differ.
 */
export async function enqueueMany<DB>(db: Kysely<DB>, jobs: JobSpec[]) {
  if (jobs.length === 0) return
  const specs = jobs.map((job) =>
    JSON.stringify({
      identifier: job.task,
      payload: job.payload ?? {},
      run_at: job.runAt?.toISOString() ?? null,
      max_attempts: job.maxAttempts ?? queue.maxAttempts,
      job_key: job.jobKey ?? null,
      priority: job.priority ?? 0,
    }),
  )
  const spec = sql.id(queue.schema, 'job_spec')
  await sql`
    select count(*) from ${sql.id(queue.schema, 'add_jobs')}(array(
      select json_populate_record(null::${spec}, value::json) from unnest(${specs}::text[]) value
    ))`.execute(db)
}

/** Adds one job (`enqueueMany`). */
export const enqueue = <DB>(db: Kysely<DB>, task: string, payload: unknown, options: EnqueueOptions = {}) =>
  enqueueMany(db, [{ task, payload, ...options }])

/**
 * Removes the pending jobs named by `jobKeys`, in the caller's transaction; a job already running finishes
 * its attempt but is not retried. A key with no job is no error.
 */
export async function cancel<DB>(db: Kysely<DB>, ...jobKeys: string[]) {
  if (jobKeys.length === 0) return
  await sql`select count(${sql.id(queue.schema, 'remove_job')}(key)) from unnest(${jobKeys}::text[]) key`.execute(db)
}
