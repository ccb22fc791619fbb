import { createBackgroundJob, jobPlugin } from '@focushub/shared/jobs'
import type { TaskContext } from '../../context.ts'
import { objectKeysOf } from './attachment-rules.ts'
import { makeThumbnailOf } from './attachment-thumbnails.ts'
import {
  claimAbandoned,
  claimRemovals,
  claimUnthumbnailed,
  deleteRemoved,
  markForRemoval,
} from './attachments.repository.ts'

/**
 * How long past its URL's expiry a pending upload is kept: a PUT that began just before the expiry
 * may still be arriving, and the storage's clock may differ a little from ours.
 */
const abandonMarginMs = 15 * 60 * 1000

/** How long an image may wait for its thumbnail from task.attachment.added before this job makes it. */
const thumbnailGraceMs = 60 * 1000

/**
 * One pass: uploads never completed are marked for removal, then marked attachments are removed —
 * objects first, rows after — and images whose thumbnail the background missed (the storage was away
 * while their event was tried) get it; each step at most ATTACHMENT_CLEANUP_BATCH_SIZE. Replicas run
 * it side by side: SKIP LOCKED hands each row to one of them. Answers how many attachments it removed.
 */
export async function cleanUpAttachments(ctx: Pick<TaskContext, 'db' | 'storage' | 'config' | 'now' | 'log'>) {
  const { config } = ctx
  const batch = config.ATTACHMENT_CLEANUP_BATCH_SIZE
  const before = new Date(ctx.now().getTime() - config.ATTACHMENT_UPLOAD_TTL_SECONDS * 1000 - abandonMarginMs)
  await ctx.db.transaction().execute(async (trx) => {
    const abandoned = await claimAbandoned(trx, before, batch)
    await markForRemoval(trx, { ids: abandoned.map((row) => row.id) })
  })
  const removed = await ctx.db.transaction().execute(async (trx) => {
    const ids = (await claimRemovals(trx, batch)).map((row) => row.id)
    if (ids.length === 0) return 0
    // Inside the transaction that holds the rows: a storage failure rolls it back and they wait for the next pass.
    await ctx.storage.remove(objectKeysOf(ids))
    await deleteRemoved(trx, ids)
    return ids.length
  })
  const completedBefore = new Date(ctx.now().getTime() - thumbnailGraceMs)
  await ctx.db.transaction().execute(async (trx) => {
    for (const row of await claimUnthumbnailed(trx, completedBefore, batch)) await makeThumbnailOf(trx, ctx, row)
  })
  return removed
}

/** Runs the cleanup every ATTACHMENT_CLEANUP_INTERVAL_MS; with the storage away, backs off up to that interval. */
export const attachmentsCleanupJob = jobPlugin('focushub-attachments-cleanup', (app, { ctx }: { ctx: TaskContext }) =>
  createBackgroundJob({
    name: 'attachments cleanup',
    intervalMs: ctx.config.ATTACHMENT_CLEANUP_INTERVAL_MS,
    pass: () => cleanUpAttachments(ctx),
    log: ctx.log,
    metrics: app.metrics,
    retry: { initialMs: 1000, capMs: ctx.config.ATTACHMENT_CLEANUP_INTERVAL_MS },
  }),
)
