import { describe, expect, it } from 'vitest'
import { budgetOnJoin, refillWindowMs, spendChatToken } from '../../src/modules/room-chat/chat-budget.ts'
import { plainTextSchema } from '../../src/modules/room-chat/plain-text.ts'

const rule = { burst: 5, refillMs: 2000 }
const t0 = new Date('2026-03-01T09:00:00Z')
const at = (ms: number) => new Date(t0.getTime() + ms)

describe('chat budget (token bucket)', () => {
  it('starts a (re)joining participant with the burst less what they sent over one full refill', () => {
    expect(refillWindowMs(rule)).toBe(10_000)
    expect(budgetOnJoin(0, t0, rule)).toEqual({ tokens: 5, refilledAt: t0 })
    expect(budgetOnJoin(3, t0, rule)).toEqual({ tokens: 2, refilledAt: t0 })
    expect(budgetOnJoin(9, t0, rule)).toEqual({ tokens: 0, refilledAt: t0 })
  })

  it('spends a burst at once, then refuses until one token has refilled', () => {
    let budget = { tokens: 5, refilledAt: t0 }
    for (let n = 0; n < 5; n++) {
      const spent = spendChatToken(budget, t0, rule)
      if (!spent.allowed) throw new Error(`message ${n + 1} refused`)
      budget = spent.budget
    }
    expect(budget).toEqual({ tokens: 0, refilledAt: t0 })
    expect(spendChatToken(budget, t0, rule)).toEqual({ allowed: false, retryAfterMs: 2000 })
    expect(spendChatToken(budget, at(500), rule)).toEqual({ allowed: false, retryAfterMs: 1500 })
    expect(spendChatToken(budget, at(2000), rule)).toEqual({
      allowed: true,
      budget: { tokens: 0, refilledAt: at(2000) },
    })
  })

  it('refills one token per interval up to the burst, never more', () => {
    const empty = { tokens: 0, refilledAt: t0 }
    expect(spendChatToken(empty, at(5000), rule)).toEqual({
      allowed: true,
      budget: { tokens: 1.5, refilledAt: at(5000) },
    })
    expect(spendChatToken(empty, at(3_600_000), rule)).toEqual({
      allowed: true,
      budget: { tokens: 4, refilledAt: at(3_600_000) },
    })
  })

  it('earns nothing from a clock that went back', () => {
    expect(spendChatToken({ tokens: 0.5, refilledAt: t0 }, at(-60_000), rule)).toEqual({
      allowed: false,
      retryAfterMs: 1000,
    })
  })
})

describe('plain text of a room', () => {
  const pattern = new RegExp(plainTextSchema.pattern, 'u')
  const accepted = (text: string) =>
    pattern.test(text) && [...text].length >= plainTextSchema.minLength && [...text].length <= plainTextSchema.maxLength

  it('takes any text with something not white space in it, line breaks and markup included', () => {
    expect(accepted('  <script>x</script>\r\n  & more \n')).toBe(true)
    expect(accepted('😀'.repeat(500))).toBe(true)
  })

  it.each([
    ['blank', ' \n '],
    ['too long', 'x'.repeat(501)],
    ['a tab', 'a\tb'],
    ['NUL', 'a\u0000b'],
    ['an escape', '\u001b[2J'],
    ['DEL', 'a\u007fb'],
    ['a C1 control', 'a\u009bb'],
  ])('refuses %s', (_, text) => {
    expect(accepted(text)).toBe(false)
  })
})
