import { describe, expect, it, vi } from 'vitest'
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

describe('circuit state', () => {
  it('reads closed, open, then half-open once a trial may go, and counts each opening', () => {
    let now = 0
    const onOpened = vi.fn()
    const breaker = createCircuitBreaker({ threshold: 2, openMs: 1000, onOpened, now: () => now })
    expect(breaker.state).toBe('closed')
    breaker.failed()
    breaker.failed()
    expect(breaker.state).toBe('open')
    expect(onOpened).toHaveBeenCalledTimes(1)
    now += 1000
    expect(breaker.state).toBe('half-open')
    expect(breaker.blockedFor()).toBe(0)
    expect(breaker.state).toBe('half-open')
    breaker.failed()
    expect(breaker.state).toBe('open')
    expect(onOpened).toHaveBeenCalledTimes(2)
    now += 1000
    breaker.blockedFor()
    breaker.succeeded()
    expect(breaker.state).toBe('closed')
    expect(onOpened).toHaveBeenCalledTimes(2)
  })

  it('a failure of a call sent before the circuit opened does not count as another opening', () => {
    const onOpened = vi.fn()
    const breaker = createCircuitBreaker({ threshold: 2, openMs: 1000, onOpened, now: () => 0 })
    for (let i = 0; i < 4; i++) breaker.failed()
    expect(onOpened).toHaveBeenCalledTimes(1)
  })
})
