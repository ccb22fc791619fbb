import { describe, expect, it } from 'vitest'
import {
  messageLimits,
  messagingRefusal,
  orderedPair,
  plainTextPattern,
  sendWaitSeconds,
  typingDue,
  withinEditWindow,
} from '../../src/modules/messages/messages.rules.ts'

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 7, 12, 0, 0) + seconds * 1000)

describe('a one-to-one conversation key', () => {
  it('is the pair in id order, whichever starts it and whatever the case', () => {
    const a = '0193a5e0-0000-7000-8000-00000000000a'
    const b = '0193A5E0-0000-7000-8000-00000000000B'
    expect(orderedPair(a, b)).toEqual([a, b.toLowerCase()])
    expect(orderedPair(b, a)).toEqual([a, b.toLowerCase()])
  })
})

describe('who may message', () => {
  it('refuses everyone for nobody, strangers for friends, no one for everyone', () => {
    expect(messagingRefusal('nobody', true)).toBe('messages-closed')
    expect(messagingRefusal('friends', false)).toBe('messages-friends-only')
    expect(messagingRefusal('friends', true)).toBeNull()
    expect(messagingRefusal('everyone', false)).toBeNull()
  })
})

describe('the edit window', () => {
  it('is open for 15 minutes after sending, not at the 15th minute', () => {
    expect(withinEditWindow(at(0), at(0))).toBe(true)
    expect(withinEditWindow(at(0), at(15 * 60 - 1))).toBe(true)
    expect(withinEditWindow(at(0), at(15 * 60))).toBe(false)
  })
})

describe('the send rate', () => {
  /** `count` sends a second apart, the newest at `newest` s: counted, with the oldest. */
  const sends = (count: number, newest: number) => ({ count, oldest: at(newest - count + 1) })

  it('lets the 30th message of a minute go, and answers the wait for the 31st', () => {
    expect(sendWaitSeconds(sends(29, 0), at(0))).toBe(0)
    // 30 sends at 0 s, −1 s … −29 s: the oldest leaves the minute at 31 s.
    expect(sendWaitSeconds(sends(messageLimits.perMinute, 0), at(0))).toBe(31)
    expect(sendWaitSeconds(sends(messageLimits.perMinute, 0), at(30.5))).toBe(1)
  })
})

describe('typing events', () => {
  it('go out at most once per 3 s per member', () => {
    expect(typingDue(null, at(0))).toBe(true)
    expect(typingDue(at(0), at(2.999))).toBe(false)
    expect(typingDue(at(0), at(3))).toBe(true)
  })
})

describe('a message body', () => {
  const valid = (text: string) => new RegExp(plainTextPattern).test(text)

  it('is plain text with one visible character, line breaks but no other control character', () => {
    expect(valid('<script>alert(1)</script>')).toBe(true)
    expect(valid('two\nlines\r\n')).toBe(true)
    expect(valid(' \n\t ')).toBe(false)
    expect(valid('tab\there')).toBe(false)
    expect(valid('nul\u0000')).toBe(false)
    expect(valid('c1\u0085')).toBe(false)
  })
})
