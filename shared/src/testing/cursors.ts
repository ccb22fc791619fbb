import fc from 'fast-check'

/**
 * Page cursors for property tests of every list: shaped like any list's cursor (each list sees
 * the others' shapes) with any bytes, the JSON cursors of earlier releases with any values, and
 * anything else — random base64url text or bytes, strings that are not base64url at all.
 */

const base64url = (text: string) => Buffer.from(text).toString('base64url')
const encoded = (value: unknown) => base64url(JSON.stringify(value) ?? 'null')

const id = fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }))
const key = fc.oneof(
  fc.constant(null),
  fc.constantFrom('infinity', '-infinity', 'not-a-date', '2026-02-30T00:00:00.000Z', '0000-01-01T00:00:00.000Z'),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.jsonValue({ maxDepth: 2 }),
)
const sorts = fc.constantFrom('created', '-created', 'due', 'priority', 'position', 'other')
/** Numbers JSON.stringify never writes but JSON.parse reads: overflow to ±Infinity, below the smallest double. */
const extremeNumber = fc.constantFrom('1e400', '-1e400', '1e-400', '123456789012345678901234567890')

/** Every list's record width (pagination.ts): an int32; an id; a time and an id; a double and an id. */
const recordBytes = fc.constantFrom(4, 16, 22, 24)

/** Cursors shaped like one of any list's, filled with any values: every list sees every shape. */
const wellFormed = fc.oneof(
  recordBytes
    .chain((bytes) => fc.uint8Array({ minLength: bytes, maxLength: bytes }))
    .map((bytes) => Buffer.from(bytes).toString('base64url')),
  fc.record({ sort: sorts, key, id }).map(encoded),
  fc.record({ s: key, id }).map(encoded),
  fc.tuple(key, id).map(encoded),
  fc.record({ after: id }).map(encoded),
  key.map(encoded),
  fc
    .tuple(sorts, extremeNumber, fc.uuid())
    .map(([sort, number, uuid]) => base64url(`{"sort":"${sort}","key":${number},"id":"${uuid}"}`)),
  fc.tuple(extremeNumber, fc.uuid()).map(([number, uuid]) => base64url(`[${number},"${uuid}"]`)),
  extremeNumber.map(base64url),
)

/** Anything else: base64url of random text or bytes, and raw strings (not base64url at all). */
const malformed = fc.oneof(
  fc.string({ maxLength: 60 }).map(base64url),
  fc.uint8Array({ maxLength: 60 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
  fc.jsonValue({ maxDepth: 3 }).map(encoded),
  fc.string({ minLength: 1, maxLength: 80 }),
)

export const anyCursor = fc.oneof(wellFormed, malformed)
