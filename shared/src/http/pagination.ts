import { errors } from '../errors.ts'

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** An opaque page cursor: the id (UUIDv7, so time-ordered) of the last item served. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ after: lastId })).toString('base64url')
}

export function decodeCursor(cursor: string): string {
  try {
    const { after } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown }
    if (typeof after === 'string' && uuid.test(after)) return after
  } catch {}
  throw errors.validation('The cursor is not valid', [{ field: '/querystring/cursor', message: 'is not a cursor' }])
}

/** Fetch `limit + 1` rows, serve `limit`; the extra one says whether a next page exists. */
export function pageOf<T extends { id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit)
  const nextCursor = rows.length > limit ? encodeCursor(items[items.length - 1].id) : null
  return { items, nextCursor }
}
