import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/errors.ts'
import { decodeCursor, encodeCursor, pageOf } from '../../src/http/pagination.ts'

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

  it('serve limit items and a cursor only when more remain', () => {
    const rows = ['a', 'b', 'c'].map((letter) => ({ id: `${letter}` }))
    expect(pageOf(rows, 2)).toEqual({ items: rows.slice(0, 2), nextCursor: encodeCursor('b') })
    expect(pageOf(rows, 3)).toEqual({ items: rows, nextCursor: null })
  })
})
