import { createBackgroundJob, jobPlugin } from '@focushub/shared/jobs'
import type { NotificationContext } from '../../context.ts'

/** Rows one pass deletes at most: a short transaction however large the backlog (the next pass goes on). */
const pruneBatch = 5000
const dayMs = 24 * 60 * 60 * 1000

/**
 * The smallest UUIDv7 of an instant: deliveries' ids are UUIDv7, so "made before then" is one range of the
 * primary key, with no index on `created_at`.
 */
export const firstIdAt = (instant: Date) => {
  const hex = instant.getTime().toString(16).padStart(12, '0')
  return `${hex.slice(0, 8)}-${hex.slice(8)}-7000-8000-000000000000`
}

/**
 * Forgets deliveries (with their attempts) made more than WEBHOOK_LOG_RETENTION_DAYS ago that are no
 * longer pending, up to `pruneBatch` of them. Answers how many.
 */
export async function pruneWebhookLog(ctx: NotificationContext, now = new Date()) {
  const before = firstIdAt(new Date(now.getTime() - ctx.config.WEBHOOK_LOG_RETENTION_DAYS * dayMs))
  const { numDeletedRows } = await ctx.db
    .deleteFrom('webhook_deliveries')
    .where(
      'id',
      'in',
      ctx.db
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('id', '<', before)
        .where('state', '<>', 'pending')
        .orderBy('id')
        .limit(pruneBatch),
    )
    .executeTakeFirst()
  return Number(numDeletedRows)
}

/** Prunes the delivery log once an hour, and again at once while a pass found a full batch. */
export const webhookLogPruningJob = jobPlugin(
  'focushub-webhook-log-pruning',
  (app, { ctx }: { ctx: NotificationContext }) => {
    const job = createBackgroundJob({
      name: 'webhook log prune',
      intervalMs: 60 * 60 * 1000,
      pass: async () => {
        const pruned = await pruneWebhookLog(ctx)
        if (pruned === pruneBatch) setImmediate(() => job.wake())
        return pruned
      },
      log: ctx.log,
      metrics: app.metrics,
    })
    return job
  },
)
