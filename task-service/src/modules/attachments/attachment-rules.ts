/**
 * The pure rules of attachments: what a file may be called, which types are taken, where the objects
 * live, and how the quota counts. No I/O here, so each is unit-tested on its own.
 */

const imageTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const
const textTypes = ['text/plain', 'text/csv', 'text/markdown', 'application/json'] as const
const officeTypes = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
] as const

/** Every type an attachment may be declared as. */
export const allowedTypes = [...imageTypes, 'application/pdf', ...textTypes, 'application/zip', ...officeTypes] as const
export type AllowedType = (typeof allowedTypes)[number]

const includes = <T extends string>(list: readonly T[], value: string): value is T => list.includes(value as T)

export const isImage = (type: string) => includes(imageTypes, type)
export const isText = (type: string) => includes(textTypes, type)
export const isOffice = (type: string) => includes(officeTypes, type)

/**
 * A declared Content-Type as the allow-list knows it: lower case, parameters dropped
 * (`Text/Plain; charset=utf-8` is text/plain); undefined when it is not allowed.
 */
export function allowedTypeOf(declared: string): AllowedType | undefined {
  const type = declared.split(';', 1)[0]?.trim().toLowerCase() ?? ''
  return includes(allowedTypes, type) ? type : undefined
}

/** The type a download is served with: text was checked to be UTF-8, so it says so. */
export const servedTypeOf = (type: string) => (isText(type) ? `${type}; charset=utf-8` : type)

export const maxFileNameLength = 255

/**
 * Control characters, line and paragraph separators, and the bidirectional overrides that make
 * `invoice\u202Efdp.exe` read as `invoice.exe.pdf`.
 */
const forbiddenInFileName = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u

/** The display name of an upload, trimmed; a string saying what is wrong when it cannot be one. */
export function fileNameOf(raw: string): { name: string } | { problem: string } {
  const name = raw.trim()
  if (name.length === 0) return { problem: 'must not be empty' }
  if ([...name].length > maxFileNameLength) return { problem: `must be at most ${maxFileNameLength} characters` }
  if (forbiddenInFileName.test(name)) return { problem: 'must not contain control characters' }
  return { name }
}

/**
 * Object keys are made from the attachment's id alone, never from anything the client wrote. The
 * client uploads to `uploads/…`; completing copies the checked upload to `attachments/…`, which only
 * the service writes, so no bytes put after the check (the upload URL lives on) are ever served.
 */
export const uploadKeyOf = (attachmentId: string) => `uploads/${attachmentId}`
export const objectKeyOf = (attachmentId: string) => `attachments/${attachmentId}`
export const thumbnailKeyOf = (attachmentId: string) => `thumbnails/${attachmentId}.webp`

/** Every object an attachment may have: removing one that is not there is harmless. */
export const objectKeysOf = (attachmentIds: string[]) =>
  attachmentIds.flatMap((id) => [uploadKeyOf(id), objectKeyOf(id), thumbnailKeyOf(id)])

/** Bytes still free of a quota (never below zero: a lowered quota leaves some users above it). */
export const quotaLeft = (usedBytes: number, quotaBytes: number) => Math.max(0, quotaBytes - usedBytes)

/** Whether `size` more bytes fit a user's quota. */
export const fitsQuota = (usedBytes: number, size: number, quotaBytes: number) => usedBytes + size <= quotaBytes
