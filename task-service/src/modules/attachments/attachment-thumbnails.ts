import type { UnitOfWork } from '@focushub/shared/events'
import type { ObjectStorage } from '@focushub/shared/storage'
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import sharp from 'sharp'
import type { TaskAttachmentRow } from '../../db/tables/task-attachments.ts'
import type { Database } from '../../db/tables.ts'
import { isImage, objectKeyOf, thumbnailKeyOf } from './attachment-rules.ts'
import { lockAttachment, markThumbnail, markThumbnailFailed } from './attachments.repository.ts'

/** The longest side of a thumbnail, in pixels. */
const thumbnailEdge = 320

/**
 * The most pixels an image may have to be decoded (a 25 MB PNG can declare billions: a
 * decompression bomb). 40 megapixels covers every camera photo.
 */
const maxInputPixels = 40_000_000

/** A WebP of at most 320 × 320 px, turned as its EXIF says, never enlarged; an animation's first frame. */
const makeThumbnail = (image: Buffer) =>
  sharp(image, { limitInputPixels: maxInputPixels })
    .rotate()
    .resize(thumbnailEdge, thumbnailEdge, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer()

export interface ThumbnailMaker {
  storage: ObjectStorage
  log: FastifyBaseLogger
}

/**
 * Makes the thumbnail of one ready image, its row locked by the caller. An image sharp cannot decode,
 * or one too large, is marked `thumbnail_failed` and not tried again; a storage failure throws.
 */
export async function makeThumbnailOf(trx: Kysely<Database>, maker: ThumbnailMaker, row: TaskAttachmentRow) {
  const image = await maker.storage.read(objectKeyOf(row.id))
  const thumbnail = await makeThumbnail(image).catch((error: unknown) => {
    maker.log.warn({ err: error, attachmentId: row.id }, 'no thumbnail: the image cannot be decoded')
  })
  if (!thumbnail) return markThumbnailFailed(trx, row.id)
  await maker.storage.write(thumbnailKeyOf(row.id), thumbnail, 'image/webp')
  await markThumbnail(trx, row.id)
}

/**
 * Makes the thumbnail of each added image still there and without one, under its row's lock (a
 * deletion waits; a redelivery finds it made). A storage failure throws, so that the event is tried
 * again; if its tries run out, the cleanup job makes it later (attachments-cleanup.ts).
 */
export async function makeThumbnails(
  work: UnitOfWork<Database>,
  maker: ThumbnailMaker,
  added: { attachmentId: string; taskId: string; contentType: string }[],
) {
  for (const { attachmentId, taskId, contentType } of added) {
    if (!isImage(contentType)) continue
    const row = await lockAttachment(work.trx, taskId, attachmentId)
    if (row?.status !== 'ready' || row.thumbnail || row.thumbnail_failed) continue
    await makeThumbnailOf(work.trx, maker, row)
  }
}
