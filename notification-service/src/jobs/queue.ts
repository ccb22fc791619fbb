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
}

/**
 * Adds a job to the durable queue (graphile-worker) in the caller's transaction: pass the `trx` of
 * the change it belongs to, and the job exists if and only if the change commits. `task` is a name of
 * `task-list.ts`; `payload` is stored as JSON.
 */
export async function enqueue<DB>(db: Kysely<DB>, task: string, payload: unknown, options: EnqueueOptions = {}) {
  const { rows } = await sql<{ id: string }>`
    select id::text from ${sql.id(queue.schema, 'add_job')}(
      identifier => ${task},
      payload => ${JSON.stringify(payload ?? {})}::json,
      run_at => ${options.runAt ?? null}::timestamptz,
      max_attempts => ${options.maxAttempts ?? queue.maxAttempts}::int,
      job_key => ${options.jobKey ?? null}::text
    )`.execute(db)
  return { jobId: rows[0].id }
}

/**
 * Removes the pending job named `jobKey`, in the caller's transaction; a job already running finishes
 * its attempt but is not retried. A key with no job is no error.
 */
export async function cancel<DB>(db: Kysely<DB>, jobKey: string) {
  await sql`select ${sql.id(queue.schema, 'remove_job')}(${jobKey})`.execute(db)
}
