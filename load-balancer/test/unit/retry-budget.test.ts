import { describe, expect, it } from 'vitest'
import { RetryBudget } from '../../src/retry-budget.ts'

describe('RetryBudget', () => {
  it('allows retries up to the share of requests in the window', () => {
    const budget = new RetryBudget({ percent: 20, minimum: 0, windowMs: 10_000 })
    for (let i = 0; i < 50; i++) budget.request(1_000)
    const granted = Array.from({ length: 20 }, () => budget.tryRetry(1_000)).filter(Boolean).length
    expect(granted).toBe(10)
    expect(budget.denied).toBe(10)
  })

  it('keeps a floor for quiet periods', () => {
    const budget = new RetryBudget({ percent: 20, minimum: 3, windowMs: 10_000 })
    budget.request(0)
    expect([1, 2, 3, 4].map(() => budget.tryRetry(0))).toEqual([true, true, true, false])
  })

  it('forgets requests and retries older than the window', () => {
    const budget = new RetryBudget({ percent: 50, minimum: 0, windowMs: 10_000 })
    for (let i = 0; i < 4; i++) budget.request(0)
    expect(budget.tryRetry(0)).toBe(true)
    expect(budget.tryRetry(0)).toBe(true)
    expect(budget.tryRetry(0)).toBe(false)
    expect(budget.tryRetry(11_000)).toBe(false)
    budget.request(11_000)
    budget.request(11_000)
    expect(budget.tryRetry(11_000)).toBe(true)
  })
})
