import { createBackgroundJob, jobPlugin } from '@focushub/shared/jobs'
import { deleteExports, expiredExports } from './exports.repository.ts'
import type { ExportContext } from './exports.service.ts'

/** Exports one pass forgets at most (the next pass goes on). */
const pruneBatch = 100

/**
 * Forgets exports past their expiry (EXPORT_RETENTION_HOURS after they were built, or at once when their
 * owner's account is erased): their files first, then their rows, so that no file outlives its row.
 */
export async function pruneExports(ctx: ExportContext, now = new Date()) {
  const expired = await expiredExports(ctx.db, now, pruneBatch)
  const keys = expired.map((row) => row.object_key).filter((key): key is string => key !== null)
  if (keys.length > 0) await ctx.storage.remove(keys)
  await deleteExports(
    ctx.db,
    expired.map((row) => row.id),
  )
  return expired.length
}

/** Prunes expired exports every 15 minutes, and again at once while a pass found a full batch. */
export const exportPruningJob = jobPlugin('focushub-export-pruning', (app, { ctx }: { ctx: ExportContext }) => {
  const job = createBackgroundJob({
    name: 'export prune',
    intervalMs: 15 * 60 * 1000,
    pass: async () => {
      const pruned = await pruneExports(ctx)
      if (pruned === pruneBatch) setImmediate(() => job.wake())
      return pruned
    },
    log: ctx.log,
    metrics: app.metrics,
  })
  return job
})
