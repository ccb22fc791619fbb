import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import '../../src/events/kafka.ts'

const RequestQueue = createRequire(import.meta.url)('kafkajs/src/network/requestQueue/index.js')

const queue = () =>
  new RequestQueue({
    maxInFlightRequests: 1,
    requestTimeout: 1000,
    enforceRequestTimeout: true,
    clientId: 'test',
    broker: 'test:9092',
    logger: { debug() {}, warn() {}, error() {}, info() {} },
    isConnected: () => true,
  })

describe("kafkajs's request queue (as shared/src/events/kafka.ts leaves it)", () => {
  it('arms no timer when nothing is pending and nothing throttles it', () => {
    const idle = queue()
    idle.checkPendingRequests()
    expect(idle.throttleCheckTimeoutId).toBeNull()
  })

  it('still checks again when the broker throttles it', () => {
    const throttled = queue()
    throttled.throttledUntil = Date.now() + 60_000
    throttled.checkPendingRequests()
    expect(throttled.throttleCheckTimeoutId).not.toBeNull()
    clearTimeout(throttled.throttleCheckTimeoutId)
  })

  it('still checks again when a request waits', () => {
    const waiting = queue()
    waiting.pending.push({})
    waiting.inflight.set(1, {})
    waiting.checkPendingRequests()
    expect(waiting.throttleCheckTimeoutId).not.toBeNull()
    clearTimeout(waiting.throttleCheckTimeoutId)
  })
})
