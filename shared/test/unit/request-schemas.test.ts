import fc from 'fast-check'
import Type from 'typebox'
import { describe, expect, it } from 'vitest'
import { Defaulted, IfMatchHeaders, LocalDate, Text } from '../../src/http/schemas.ts'
import { parseIfMatch } from '../../src/http/versions.ts'

const patternOf = (schema: unknown) => new RegExp((schema as { pattern: string }).pattern, 'u')

describe('request schema primitives', () => {
  it('Text admits any text but NUL; notBlank also wants a character that is not white space', () => {
    const text = patternOf(Text({ maxLength: 10 }))
    const name = patternOf(Text({ maxLength: 10, notBlank: true }))
    for (const value of ['', ' ', 'a b', 'é\n']) expect(text.test(value), value).toBe(true)
    expect(text.test('a\u0000b')).toBe(false)
    for (const value of ['a', ' a ', '\u00e9']) expect(name.test(value), value).toBe(true)
    for (const value of ['', '   ', '\n\t', 'a\u0000']) expect(name.test(value), JSON.stringify(value)).toBe(false)
  })

  it('Defaulted leaves a parameter out of `required` (the validator fills its default in)', () => {
    const query = Type.Object({ limit: Defaulted(Type.Integer({ default: 50 })), q: Type.String() })
    expect(query.required).toEqual(['q'])
  })

  it('If-Match declares exactly the values parseIfMatch reads', () => {
    const declared = patternOf(IfMatchHeaders.properties['if-match'])
    const reads = (value: string) => {
      try {
        parseIfMatch(value)
        return true
      } catch {
        return false
      }
    }
    const versionLike = fc.stringMatching(/^(W\/)?"?[0-9]{0,11}"?\*?$/)
    fc.assert(
      fc.property(fc.oneof(versionLike, fc.string({ maxLength: 14 })), (value) => {
        // Node trims a header's surrounding white space before the route sees it.
        if (value !== value.trim()) return
        expect(declared.test(value), value).toBe(reads(value))
      }),
    )
  })

  it('LocalDate admits the calendar days that exist, 29 February of leap years only, from year 1', () => {
    const date = patternOf(LocalDate)
    for (const value of ['2026-12-06', '2028-02-29', '2000-02-29', '2026-04-30', '0001-01-01', '0400-02-29'])
      expect(date.test(value), value).toBe(true)
    for (const value of [
      '2026-02-29',
      '1900-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-1-1',
      '0000-01-01',
    ])
      expect(date.test(value), value).toBe(false)
  })
})
