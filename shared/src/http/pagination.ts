import { errors } from '../errors.ts'

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export const isUuid = (value: unknown): value is string => typeof value === 'string' && uuid.test(value)

const invalidCursor = () =>
  errors.validation('The cursor is not valid', [{ field: '/querystring/cursor', message: 'is not a cursor' }])

/** An opaque keyset cursor: where the last page ended (its sort key and id), as base64url JSON. */
export const encodeKeysetCursor = (position: unknown) => Buffer.from(JSON.stringify(position)).toString('base64url')

/** Reads a keyset cursor; `read` returns the position, or undefined when it is not one: a forged cursor answers 400. */
export function decodeKeysetCursor<T>(cursor: string, read: (position: unknown) => T | undefined): T {
  let position: T | undefined
  try {
    position = read(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')))
  } catch {}
  if (position === undefined) throw invalidCursor()
  return position
}

/** An opaque page cursor: the id (UUIDv7, so time-ordered) of the last item served. */
export const encodeCursor = (lastId: string) => encodeKeysetCursor({ after: lastId })

export const decodeCursor = (cursor: string) =>
  decodeKeysetCursor(cursor, (position) => {
    const { after } = (position ?? {}) as { after?: unknown }
    return isUuid(after) ? after : undefined
  })

/** Fetch `limit + 1` rows, serve `limit`; the extra one says whether a next page exists. */
export function pageOf<T extends { id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit)
  const nextCursor = rows.length > limit ? encodeCursor(items[items.length - 1].id) : null
  return { items, nextCursor }
}
