import { describe, expect, it } from 'vitest'
import { passwordProblems, unverifiablePassword } from '../../src/modules/accounts/password-policy.ts'

describe('password rules', () => {
  it('wants at least 8 characters, counted as code points', () => {
    expect(passwordProblems('1234567', '/p')).toHaveLength(1)
    expect(passwordProblems('12345678', '/p')).toEqual([])
    expect(passwordProblems('🌱🌱🌱🌱🌱🌱🌱', '/p')[0].message).toMatch(/8 characters/)
    expect(passwordProblems('🌱🌱🌱🌱🌱🌱🌱🌱', '/p')).toEqual([])
  })

  it('refuses more than 72 bytes of UTF-8 instead of truncating', () => {
    expect(passwordProblems('a'.repeat(72), '/p')).toEqual([])
    expect(passwordProblems('a'.repeat(73), '/p')[0]).toEqual({
      field: '/p',
      message: 'must be at most 72 bytes in UTF-8',
    })
    expect(passwordProblems('é'.repeat(36), '/p')).toEqual([])
    expect(passwordProblems('é'.repeat(37), '/p')).toHaveLength(1)
  })

  it('measures the NFC form, so composed and decomposed spellings count the same', () => {
    const decomposed = 'e\u0301'.repeat(36)
    expect(Buffer.byteLength(decomposed)).toBe(108)
    expect(passwordProblems(decomposed, '/p')).toEqual([])
  })

  it('refuses NUL, which bcrypt would treat as the end', () => {
    expect(passwordProblems('abcd\u0000efgh', '/p')[0].message).toMatch(/NUL/)
    expect(unverifiablePassword('abcd\u0000efgh')).toBe(true)
    expect(unverifiablePassword('a'.repeat(73))).toBe(true)
    expect(unverifiablePassword('a'.repeat(72))).toBe(false)
  })
})
