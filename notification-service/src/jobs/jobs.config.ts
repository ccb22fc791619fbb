import Type from 'typebox'

/** The variables of the job queue (.env.example, "Job queue"), spread into the service's config schema. */
export const jobsConfig = {
  /** Jobs one process runs at once (graphile-worker's concurrency). */
  JOB_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 50, default: 4 }),
  /**
   * How often the worker looks for jobs that became due (scheduled ones, retries); a job added for now
   * is picked up at once (LISTEN/NOTIFY), so this bounds only how late a scheduled job may start.
   */
  JOB_POLL_INTERVAL_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 2_000 }),
  /** Attempts of a job unless it asks for its own number; graphile-worker backs off exponentially between them. */
  JOB_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  /** The Postgres schema of the queue, in the service's own database (tests get one each). */
  JOB_QUEUE_SCHEMA: Type.String({ pattern: '^[a-z_][a-z0-9_]{0,62}$', default: 'graphile_worker' }),
  /** false: this process adds jobs but runs none (a worker elsewhere runs them). */
  JOB_WORKER_ENABLED: Type.Boolean({ default: true }),
}
