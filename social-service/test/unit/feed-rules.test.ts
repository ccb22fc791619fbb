import { describe, expect, it } from 'vitest'
import { dayMs, normalizeTags, quotaWaitSeconds } from '../../src/modules/feed/feed.rules.ts'

describe('feed rules', () => {
  it('stores tags lower-cased, each once, in the order first written', () => {
    expect(normalizeTags(['Focus', 'deep', 'FOCUS', 'a-b_1'])).toEqual(['focus', 'deep', 'a-b_1'])
  })

  it('waits until the oldest write of a full day leaves it', () => {
    const now = new Date('2026-12-07T12:00:00Z')
    const ago = (ms: number) => new Date(now.getTime() - ms)
    expect(quotaWaitSeconds([ago(1000)], 2, now)).toBe(0)
    expect(quotaWaitSeconds([ago(1000), ago(dayMs - 90_000)], 2, now)).toBe(90)
    expect(quotaWaitSeconds([ago(1000), ago(dayMs - 10)], 2, now)).toBe(1)
  })
})
