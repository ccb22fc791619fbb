import { parseIfMatch } from '@focushub/shared/http'
import { describe, expect, it } from 'vitest'
import { displayNameProblems, timezoneProblems } from '../../src/modules/accounts/profile-fields.ts'
import { canonicalTimezone } from '../../src/modules/accounts/timezone.ts'

describe('time zones', () => {
  it('accept IANA names Intl knows and refuse the rest', () => {
    expect(canonicalTimezone('UTC')).toBe('UTC')
    expect(canonicalTimezone('Europe/Berlin')).toBe('Europe/Berlin')
    expect(canonicalTimezone('America/Argentina/Buenos_Aires')).toBeDefined()
    for (const name of ['Mars/Base', '+01:00', '-0500', '', 'Europe/../etc', 'UTC; drop']) {
      expect(canonicalTimezone(name)).toBeUndefined()
    }
    expect(timezoneProblems('Nowhere/Land', '/tz')).toHaveLength(1)
  })

  it('come back under their current IANA name, never a legacy alias', () => {
    expect(canonicalTimezone('Asia/Kolkata')).toBe('Asia/Kolkata')
    expect(canonicalTimezone('Asia/Calcutta')).toBe('Asia/Kolkata')
    expect(canonicalTimezone('Europe/Kyiv')).toBe('Europe/Kyiv')
    expect(canonicalTimezone('Asia/Saigon')).toBe('Asia/Ho_Chi_Minh')
    expect(canonicalTimezone('America/Nuuk')).toBe('America/Nuuk')
    expect(canonicalTimezone('US/Pacific')).toBe('America/Los_Angeles')
    expect(canonicalTimezone('europe/berlin')).toBe('Europe/Berlin')
    expect(canonicalTimezone('Etc/UTC')).toBe('UTC')
  })
})

describe('display names', () => {
  it('refuse blank names and control characters, keep any script', () => {
    expect(displayNameProblems('  ', '/n')).toHaveLength(1)
    expect(displayNameProblems('a\u0007b', '/n')).toHaveLength(1)
    expect(displayNameProblems('Ζωή 🌱', '/n')).toEqual([])
  })
})

describe('If-Match versions', () => {
  it('read "9", W/"4" or 5; * names none; anything else is refused', () => {
    expect(parseIfMatch('"9"')).toBe(9)
    expect(parseIfMatch('W/"4"')).toBe(4)
    expect(parseIfMatch('5')).toBe(5)
    expect(parseIfMatch('*')).toBeUndefined()
    expect(() => parseIfMatch('tomorrow')).toThrow()
  })
})
