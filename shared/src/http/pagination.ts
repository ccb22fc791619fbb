import Type, { type Static, type TSchema } from 'typebox'
import { errors } from '../errors.ts'
import { validatorOf } from '../validators.ts'

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export const isUuid = (value: unknown): value is string => typeof value === 'string' && uuid.test(value)

/** What cursor schemas are made of: values a query can take as they are, none Postgres would refuse. */
export const CursorId = Type.String({ pattern: uuid.source })
/** A timestamp as the server writes one (Date#toISOString), from year 1 on. */
export const CursorTimestamp = Type.String({
  format: 'date-time',
  pattern: '^(?!0000)[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$',
})
/** A Postgres `integer` column's value. */
export const CursorInt32 = Type.Integer({ minimum: -2_147_483_648, maximum: 2_147_483_647 })
/** A Postgres `double precision` column's value (a finite number: JSON has no other). */
export const CursorDouble = Type.Number({ minimum: -1e300, maximum: 1e300 })

const invalidCursor = () =>
  errors.validation('The cursor is not valid', [{ field: '/querystring/cursor', message: 'is not a cursor' }])

/** An opaque keyset cursor: where the last page ended (its sort key and id), as base64url JSON. */
export const encodeKeysetCursor = (position: unknown) => Buffer.from(JSON.stringify(position)).toString('base64url')

/**
 * Reads a keyset cursor and checks it against its list's schema: anything else — not base64url
 * JSON, another list's cursor, a value out of its column's range — answers 400. A forged cursor
 * that passes is only a position in the list, so it serves a page of the caller's own items.
 */
export function decodeKeysetCursor<T extends TSchema>(cursor: string, schema: T): Static<T> {
  let position: unknown
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw invalidCursor()
  }
  if (!validatorOf(schema).Check(position)) throw invalidCursor()
  return position as Static<T>
}

const IdCursor = Type.Object({ after: CursorId }, { additionalProperties: false })

/** An opaque page cursor: the id (UUIDv7, so time-ordered) of the last item served. */
export const encodeCursor = (lastId: string) => encodeKeysetCursor({ after: lastId })

export const decodeCursor = (cursor: string) => decodeKeysetCursor(cursor, IdCursor).after

/** Fetch `limit + 1` rows, serve `limit`; the extra one says whether a next page exists. */
export function pageOf<T extends { id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit)
  const nextCursor = rows.length > limit ? encodeCursor(items[items.length - 1].id) : null
  return { items, nextCursor }
}

const PositionCursor = Type.Tuple([CursorDouble, CursorId])

/** A page cursor over a list in manual order (position, then id): the last item's pair. */
export const encodePositionCursor = (last: { position: number; id: string }) =>
  encodeKeysetCursor([last.position, last.id])

export function decodePositionCursor(cursor: string): { position: number; id: string } {
  const [position, id] = decodeKeysetCursor(cursor, PositionCursor)
  return { position, id }
}
