import { describe, expect, it } from 'vitest'
import { refusedRange } from '../../src/modules/webhooks/outgoing.ts'
import { nextAttemptAt } from '../../src/modules/webhooks/webhook-schedule.ts'

describe('refusedRange', () => {
  it('lets public unicast addresses through', () => {
    for (const address of ['93.184.215.14', '1.1.1.1', '2606:4700:4700::1111'])
      expect(refusedRange(address)).toBe(undefined)
  })

  it('names the range of every address a webhook may not reach', () => {
    expect(refusedRange('127.0.0.1')).toBe('loopback')
    expect(refusedRange('::1')).toBe('loopback')
    expect(refusedRange('::ffff:127.0.0.1')).toBe('loopback')
    expect(refusedRange('10.0.0.8')).toBe('private')
    expect(refusedRange('172.16.5.4')).toBe('private')
    expect(refusedRange('192.168.1.1')).toBe('private')
    expect(refusedRange('169.254.169.254')).toBe('linkLocal')
    expect(refusedRange('fe80::1')).toBe('linkLocal')
    expect(refusedRange('fd00::1')).toBe('uniqueLocal')
    expect(refusedRange('100.64.0.1')).toBe('carrierGradeNat')
    expect(refusedRange('0.0.0.0')).toBe('unspecified')
    expect(refusedRange('224.0.0.1')).toBe('multicast')
    expect(refusedRange('not an address')).toBe('invalid')
  })
})

describe('nextAttemptAt', () => {
  const policy = { firstRetryMs: 10_000, retryForMs: 24 * 3600_000 }
  const since = new Date('2026-12-07T00:00:00Z')
  const middle = () => 0.5

  it('waits 10 s, 1 min, 6 min, 36 min, 3.6 h, then every 6 h (without jitter)', () => {
    const waits: number[] = []
    let now = since
    for (let failed = 1; ; failed++) {
      const next = nextAttemptAt(policy, since, failed, now, middle)
      if (!next) break
      waits.push(next.getTime() - now.getTime())
      now = next
    }
    expect(waits.slice(0, 6)).toEqual([10_000, 60_000, 360_000, 2_160_000, 12_960_000, 21_600_000])
    // The last retry is at the window's end, and none follows it.
    expect(now.getTime()).toBe(since.getTime() + policy.retryForMs)
    expect(waits.length).toBe(9)
  })

  it('spreads each wait by ±10 %', () => {
    expect(nextAttemptAt(policy, since, 2, since, () => 0)?.getTime()).toBe(since.getTime() + 54_000)
    expect(nextAttemptAt(policy, since, 2, since, () => 1)?.getTime()).toBe(since.getTime() + 66_000)
  })

  it('counts the window from the first attempt or the replay', () => {
    const late = new Date(since.getTime() + 24 * 3600_000)
    expect(nextAttemptAt(policy, since, 5, late)).toBe(undefined)
    expect(nextAttemptAt(policy, late, 1, late, middle)?.getTime()).toBe(late.getTime() + 10_000)
  })
})
