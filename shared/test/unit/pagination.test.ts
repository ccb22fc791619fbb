import Type from 'typebox'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/errors.ts'
import {
  CursorId,
  CursorInt32,
  CursorTimestamp,
  decodeCursor,
  decodeKeysetCursor,
  encodeCursor,
  encodeKeysetCursor,
  pageOf,
} from '../../src/http/pagination.ts'

const id = '01937a2b-0000-7000-8000-00000000000a'

describe('page cursors', () => {
  it('round-trip an id and are URL-safe', () => {
    const cursor = encodeCursor(id)
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeCursor(cursor)).toBe(id)
  })

  it('refuse anything that is not one of ours with a 400', () => {
    const forged = [
      'garbage',
      Buffer.from('{"after":"1 or 1=1"}').toString('base64url'),
      Buffer.from('[]').toString('base64url'),
      Buffer.from('null').toString('base64url'),
    ]
    for (const cursor of forged) {
      expect(() => decodeCursor(cursor)).toThrow(AppError)
      try {
        decodeCursor(cursor)
      } catch (error) {
        expect((error as AppError).status).toBe(400)
      }
    }
  })

  it("hold a keyset cursor to its list's schema: types, ranges, no extra fields", () => {
    const schema = Type.Object(
      { at: CursorTimestamp, order: CursorInt32, id: CursorId },
      { additionalProperties: false },
    )
    const position = { at: '2026-12-06T10:00:00.000Z', order: 3, id }
    expect(decodeKeysetCursor(encodeKeysetCursor(position), schema)).toEqual(position)
    const forged = [
      { ...position, at: 'not-a-date' },
      { ...position, at: '2026-02-30T00:00:00.000Z' },
      { ...position, at: '0000-01-01T00:00:00.000Z' },
      { ...position, at: '2026-12-06' },
      { ...position, order: 2 ** 31 },
      { ...position, order: 1.5 },
      { ...position, id: 'x' },
      { ...position, extra: 1 },
    ].map((value) => encodeKeysetCursor(value))
    forged.push(Buffer.from(`{"at":"${position.at}","order":1e400,"id":"${id}"}`).toString('base64url'))
    for (const cursor of forged) expect(() => decodeKeysetCursor(cursor, schema), cursor).toThrow(AppError)
  })

  it('serve limit items and a cursor only when more remain', () => {
    const rows = ['a', 'b', 'c'].map((letter) => ({ id: `${letter}` }))
    expect(pageOf(rows, 2)).toEqual({ items: rows.slice(0, 2), nextCursor: encodeCursor('b') })
    expect(pageOf(rows, 3)).toEqual({ items: rows, nextCursor: null })
  })
})
