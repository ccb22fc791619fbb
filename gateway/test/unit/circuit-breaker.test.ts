import { describe, expect, it } from 'vitest'
import { createCircuitBreaker } from '../../src/modules/upstream/circuit-breaker.ts'

describe('circuit breaker', () => {
  const setup = () => {
    let now = 0
    const breaker = createCircuitBreaker({ threshold: 3, openMs: 5000, now: () => now })
    return { breaker, advance: (ms: number) => (now += ms) }
  }

  it('opens after the threshold of consecutive failures, and says for how long', () => {
    const { breaker, advance } = setup()
    breaker.failed()
    breaker.failed()
    expect(breaker.blockedFor()).toBe(0)
    breaker.failed()
    expect(breaker.blockedFor()).toBe(5000)
    advance(2000)
    expect(breaker.blockedFor()).toBe(3000)
  })

  it('a success in between resets the count', () => {
    const { breaker } = setup()
    breaker.failed()
    breaker.failed()
    breaker.succeeded()
    breaker.failed()
    expect(breaker.blockedFor()).toBe(0)
  })

  it('lets one trial through once open time passed; its success closes, its failure reopens', () => {
    const { breaker, advance } = setup()
    for (let i = 0; i < 3; i++) breaker.failed()
    advance(5000)
    expect(breaker.blockedFor()).toBe(0)
    expect(breaker.blockedFor()).toBe(5000)
    breaker.failed()
    expect(breaker.blockedFor()).toBe(5000)
    advance(5000)
    expect(breaker.blockedFor()).toBe(0)
    breaker.succeeded()
    expect(breaker.blockedFor()).toBe(0)
    expect(breaker.open).toBe(false)
  })
})
