import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/errors.ts'
import {
  cursorDouble,
  cursorId,
  cursorInt32,
  cursorTime,
  decodeCursor,
  encodeCursor,
  keysetCursor,
  pageOf,
} from '../../src/http/pagination.ts'

const id = '01937a2b-0000-7000-8000-00000000000a'

function expect400(decode: () => unknown) {
  try {
    decode()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).status).toBe(400)
    return
  }
  throw new Error('decoded')
}

describe('page cursors', () => {
  it('round-trip an id and are URL-safe', () => {
    const cursor = encodeCursor(id)
    expect(cursor).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(decodeCursor(cursor)).toBe(id)
  })

  it('refuse a text of another shape with a 400', () => {
    const valid = encodeCursor(id)
    for (const cursor of [
      'garbage',
      '0',
      `${valid}A`,
      valid.slice(1),
      `${valid.slice(0, 21)}B`,
      `${valid.slice(0, 21)}=`,
    ])
      expect400(() => decodeCursor(cursor))
  })

  it('round-trip every field of a keyset record', () => {
    const cursor = keysetCursor(cursorTime, cursorInt32, cursorDouble, cursorId)
    const at = new Date('2026-12-06T10:00:00.123Z')
    expect(cursor.decode(cursor.encode([at, -3, 0.5, id]))).toEqual([at, -3, 0.5, id])
    expect(cursor.decode(cursor.encode([new Date(-62_135_596_800_000), 2 ** 31 - 1, -1e15, id]))[0].getTime()).toBe(
      -62_135_596_800_000,
    )
  })

  it('declare exactly the texts they read: every one the pattern admits decodes, none other does', () => {
    for (const fields of [[cursorInt32], [cursorId], [cursorTime, cursorId], [cursorDouble, cursorId]] as const) {
      const cursor = keysetCursor(...fields)
      const shape = new RegExp(cursor.pattern)
      fc.assert(
        fc.property(fc.stringMatching(shape), (text) => {
          const values = cursor.decode(text)
          expect(cursor.decode(cursor.encode(values as never))).toEqual(values)
        }),
      )
      fc.assert(
        fc.property(fc.string({ maxLength: 40 }), (text) => {
          if (!shape.test(text)) expect400(() => cursor.decode(text))
        }),
      )
    }
  })

  it('serve limit items and a cursor only when more remain', () => {
    const rows = ['a', 'b', 'c'].map((letter) => ({ id: id.replace(/a$/, letter) }))
    expect(pageOf(rows, 2)).toEqual({ items: rows.slice(0, 2), nextCursor: encodeCursor(rows[1].id) })
    expect(pageOf(rows, 3)).toEqual({ items: rows, nextCursor: null })
  })
})
