import { lockUser } from '@focushub/shared/db'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork } from '@focushub/shared/events'
import { decodeCursor, pageOf } from '@focushub/shared/http'
import type { ObjectStorage } from '@focushub/shared/storage'
import { v7 as uuidv7 } from 'uuid'
import type { NotificationContext } from '../../context.ts'
import type { AccountExportRow } from '../../db/tables/account-exports.ts'
import { notificationError } from '../../errors.ts'
import { enqueue } from '../../jobs/queue.ts'
import { tell } from '../notifications/notifications.service.ts'
import { exportReady } from '../notifications/triggers.ts'
import { firstIdAt } from '../webhooks/webhook-log-pruning.ts'
import { type ExportedCollection, exportZip } from './export-zip.ts'
import {
  deleteExport,
  exportsOf,
  failExport,
  findExport,
  findExportById,
  insertExport,
  lockExport,
  recentExports,
  updateExport,
} from './exports.repository.ts'
import type { ExportSource } from './exports.sources.ts'

/** What the exports module works with: the service's context, the object storage and the parts of an export. */
export interface ExportContext extends NotificationContext {
  storage: ObjectStorage
  sources: ExportSource[]
}

export const buildExportTask = 'build-export'
/** Attempts of an export's build (graphile-worker backs off between them) before it fails. */
export const buildAttempts = 5

const hourMs = 60 * 60 * 1000
const dayMs = 24 * hourMs

export const toExport = (row: AccountExportRow) => ({
  id: row.id,
  state: row.state,
  sizeBytes: row.size_bytes,
  contents: row.contents ?? [],
  error: row.error,
  createdAt: row.created_at.toISOString(),
  finishedAt: row.finished_at?.toISOString() ?? null,
  expiresAt: row.expires_at?.toISOString() ?? null,
})

/**
 * Asks for an export of everything of the user's: a job builds it. One at a time, and at most
 * EXPORT_DAILY_LIMIT in 24 hours (counted under a per-user lock, so requests at once count each other).
 */
export async function requestExport(ctx: ExportContext, userId: string) {
  const row = await ctx.db.transaction().execute(async (trx) => {
    await lockUser(trx, 'exports', userId)
    const recent = await recentExports(trx, userId, firstIdAt(new Date(Date.now() - dayMs)))
    if (recent.pending) throw notificationError('export-in-progress', 'An export of yours is being built: wait for it')
    if (Number(recent.count) >= ctx.config.EXPORT_DAILY_LIMIT) {
      throw errors.tooManyRequests(`At most ${ctx.config.EXPORT_DAILY_LIMIT} exports in 24 hours`, 3600)
    }
    const created = await insertExport(trx, { id: uuidv7(), user_id: userId })
    await enqueue(
      trx,
      buildExportTask,
      { exportId: created.id },
      { jobKey: `${buildExportTask}:${created.id}`, maxAttempts: buildAttempts },
    )
    return created
  })
  return toExport(row)
}

export async function listExports(ctx: NotificationContext, userId: string, page: { cursor?: string; limit: number }) {
  const rows = await exportsOf(ctx.db, userId, page.cursor ? decodeCursor(page.cursor) : undefined, page.limit + 1)
  const { items, nextCursor } = pageOf(rows, page.limit)
  return { items: items.map(toExport), nextCursor }
}

/** The user's export, unless another's or expired (404: its file may already be gone). */
async function ownExport(ctx: NotificationContext, userId: string, id: string) {
  const row = await findExport(ctx.db, userId, id)
  if (!row || (row.expires_at !== null && row.expires_at <= new Date())) throw errors.notFound('No such export')
  return row
}

export const getExport = async (ctx: NotificationContext, userId: string, id: string) =>
  toExport(await ownExport(ctx, userId, id))

/** A short-lived link to download a ready export (a presigned GET, valid EXPORT_LINK_TTL_SECONDS). */
export async function exportLink(ctx: ExportContext, userId: string, id: string) {
  const row = await ownExport(ctx, userId, id)
  if (row.state !== 'ready' || row.object_key === null) {
    throw notificationError('export-not-ready', row.state === 'failed' ? 'This export failed' : 'Still being built')
  }
  const { url, expiresAt } = await ctx.storage.presignGet(row.object_key, {
    fileName: `focushub-export-${row.created_at.toISOString().slice(0, 10)}.zip`,
    contentType: 'application/zip',
    disposition: 'attachment',
    expiresInSeconds: ctx.config.EXPORT_LINK_TTL_SECONDS,
  })
  return { url, expiresAt: expiresAt.toISOString() }
}

/** Deletes the user's export and its file now (one being built is stopped: its job finds no row). */
export async function removeExport(ctx: ExportContext, userId: string, id: string) {
  const key = await deleteExport(ctx.db, userId, id)
  if (key === undefined) throw errors.notFound('No such export')
  if (key !== null) await ctx.storage.remove([key])
}

/** Reads every page of every part of the user's data. */
async function collect(sources: ExportSource[], userId: string): Promise<ExportedCollection[]> {
  const collections: ExportedCollection[] = []
  for (const { folder, page } of sources) {
    let after: string | undefined
    do {
      const { collection, items, next } = await page(userId, after)
      const last = collections.at(-1)
      if (last?.folder === folder && last.name === collection) last.items.push(...items)
      else collections.push({ folder, name: collection, items })
      after = next ?? undefined
    } while (after !== undefined)
  }
  return collections
}

/**
 * The job: reads the user's data from every service, writes the ZIP to the object storage, marks the
 * export ready (until EXPORT_RETENTION_HOURS from now) and tells its owner, in one transaction. A
 * failure is retried by graphile-worker; the last attempt's marks it failed.
 */
export async function buildExport(ctx: ExportContext, exportId: string, lastAttempt: boolean) {
  const row = await findExportById(ctx.db, exportId)
  if (row?.state !== 'pending') return 'skipped'
  try {
    const { zip, contents } = exportZip(
      { exportId, userId: row.user_id, createdAt: row.created_at },
      await collect(ctx.sources, row.user_id),
    )
    const key = `exports/${row.user_id}/${exportId}.zip`
    await ctx.storage.write(key, Buffer.from(zip), 'application/zip')
    const expiresAt = new Date(Date.now() + ctx.config.EXPORT_RETENTION_HOURS * hourMs)
    const stored = await inUnitOfWork(ctx.db, async (work) => {
      const current = await lockExport(work.trx, exportId)
      // Deleted, or its owner's account erased, while it was being built.
      if (current?.state !== 'pending') return false
      await updateExport(work.trx, exportId, {
        state: 'ready',
        object_key: key,
        size_bytes: zip.length,
        contents: JSON.stringify(contents),
        finished_at: new Date(),
        expires_at: expiresAt,
      })
      await tell(work, [exportReady({ userId: row.user_id, exportId, expiresAt })])
      return true
    })
    if (!stored) await ctx.storage.remove([key])
    return stored ? 'ready' : 'skipped'
  } catch (error) {
    if (!lastAttempt) throw error
    await failExport(ctx.db, exportId, new Date(Date.now() + ctx.config.EXPORT_RETENTION_HOURS * hourMs))
    ctx.log.error({ err: error, exportId }, 'an export failed for good')
    return 'failed'
  }
}
