import Type, { type TString } from 'typebox'
import { errors } from '../errors.ts'

/**
 * Page cursors are opaque to clients: base64url of a fixed-width binary record (where the last
 * page ended: its sort key, then its id). Every string of the right length over that alphabet is
 * one such record, and every record is a position the list can start after, so the pattern each
 * list declares for `?cursor=` is exactly what it accepts: a cursor outside it answers 400, a
 * forged one inside it serves a page of the caller's own items. (Base64url JSON would need a
 * second, undeclared check, which a generated client could not know of.)
 */

/** One field of a cursor record: its width in bytes, and how it is written and read. */
export interface CursorField<T> {
  bytes: number
  write(buffer: Buffer, offset: number, value: T): void
  read(buffer: Buffer, offset: number): T
}

/** A UUID (every 16 bytes are one, as Postgres reads them). */
export const cursorId: CursorField<string> = {
  bytes: 16,
  write: (buffer, offset, id) => void buffer.write(id.replaceAll('-', ''), offset, 16, 'hex'),
  read: (buffer, offset) =>
    buffer.toString('hex', offset, offset + 16).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
}

/** A `double precision` value; NaN and ±Infinity included, which Postgres orders too. */
export const cursorDouble: CursorField<number> = {
  bytes: 8,
  write: (buffer, offset, value) => void buffer.writeDoubleBE(value, offset),
  read: (buffer, offset) => buffer.readDoubleBE(offset),
}

/** An `integer` value. */
export const cursorInt32: CursorField<number> = {
  bytes: 4,
  write: (buffer, offset, value) => void buffer.writeInt32BE(value, offset),
  read: (buffer, offset) => buffer.readInt32BE(offset),
}

/** A time to the millisecond within ±4,459 years of 1970: inside both JavaScript's and Postgres's range. */
export const cursorTime: CursorField<Date> = {
  bytes: 6,
  write: (buffer, offset, time) => void buffer.writeIntBE(time.getTime(), offset, 6),
  read: (buffer, offset) => new Date(buffer.readIntBE(offset, 6)),
}

type ValuesOf<Fields extends readonly CursorField<unknown>[]> = {
  [K in keyof Fields]: Fields[K] extends CursorField<infer T> ? T : never
}

const alphabet = '[A-Za-z0-9_-]'
/** The last character of a base64url text whose record ends 1 or 2 bytes into a group: its unused bits are 0. */
const lastCharacter = ['', '[AQgw]', '[AEIMQUYcgkosw048]']

/** The base64url texts (unpadded, canonical) of every `bytes`-byte record. */
function base64urlPattern(bytes: number) {
  const rest = bytes % 3
  const free = Math.floor(bytes / 3) * 4 + rest
  return `^${alphabet}{${free}}${lastCharacter[rest]}$`
}

const invalidCursor = () =>
  errors.validation('The cursor is not valid', [{ field: '/querystring/cursor', message: 'is not a cursor' }])

/** A list's cursor: the record's fields in order, the `?cursor=` schema that declares it, its codec. */
export function keysetCursor<const Fields extends readonly CursorField<unknown>[]>(...fields: Fields) {
  const bytes = fields.reduce((total, field) => total + field.bytes, 0)
  const pattern = base64urlPattern(bytes)
  const shape = new RegExp(pattern)
  const schema: TString = Type.String({
    pattern,
    description: "The previous page's `nextCursor`, as it was given (opaque)",
  })
  return {
    schema,
    pattern,
    encode(values: ValuesOf<Fields>): string {
      const buffer = Buffer.alloc(bytes)
      let offset = 0
      fields.forEach((field, index) => {
        field.write(buffer, offset, values[index])
        offset += field.bytes
      })
      return buffer.toString('base64url')
    },
    /** 400 for a text of another shape (routes validate it first; this keeps a caller that did not safe). */
    decode(text: string): ValuesOf<Fields> {
      if (!shape.test(text)) throw invalidCursor()
      const buffer = Buffer.from(text, 'base64url')
      let offset = 0
      return fields.map((field) => {
        const value = field.read(buffer, offset)
        offset += field.bytes
        return value
      }) as ValuesOf<Fields>
    },
  }
}

/** An opaque page cursor: the id (UUIDv7, so time-ordered) of the last item served. */
export const IdCursor = keysetCursor(cursorId)

export const encodeCursor = (lastId: string) => IdCursor.encode([lastId])

export const decodeCursor = (cursor: string) => IdCursor.decode(cursor)[0]

/** Fetch `limit + 1` rows, serve `limit`; the extra one says whether a next page exists. */
export function pageOf<T extends { id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit)
  const nextCursor = rows.length > limit ? encodeCursor(items[items.length - 1].id) : null
  return { items, nextCursor }
}

/** A page cursor over a list in manual order (position, then id): the last item's pair. */
export const PositionCursor = keysetCursor(cursorDouble, cursorId)

export const encodePositionCursor = (last: { position: number; id: string }) =>
  PositionCursor.encode([last.position, last.id])

export function decodePositionCursor(cursor: string): { position: number; id: string } {
  const [position, id] = PositionCursor.decode(cursor)
  return { position, id }
}
