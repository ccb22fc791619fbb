import { EventEmitter } from 'node:events'
import { createLogger } from '@focushub/shared/logger'
import { createMetricsRegistry } from '@focushub/shared/metrics'
import type { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import type { LiveConnection } from '../../src/modules/live/live.connection.ts'
import { createHub, type Hub } from '../../src/modules/live/live.hub.ts'

const channel = 'live:channel'

/** A subscriber that delivers what the test publishes, as Redis pub/sub would. */
function fakeSubscriber() {
  const subscriber = new EventEmitter() as EventEmitter & { subscribe: () => Promise<number> }
  subscriber.subscribe = async () => 1
  return subscriber
}

function connectionOf(userId: string) {
  const delivered: string[] = []
  const connection: LiveConnection = {
    userId,
    deliver: (id) => delivered.push(id),
    heartbeat: () => {},
    end: () => {},
  }
  return { connection, delivered }
}

let hub: Hub | undefined
afterEach(() => hub?.stop())

async function startHub() {
  const metrics = createMetricsRegistry({ service: 'gateway', instance: 'test', processMetrics: false })
  const subscriber = fakeSubscriber()
  hub = createHub({
    subscriber: subscriber as unknown as Redis,
    channel,
    heartbeatMs: 60_000,
    log: createLogger('gateway', 'silent'),
    metrics,
  })
  await hub.start()
  const publish = (userId: string, occurredAt: Date) =>
    subscriber.emit('message', channel, `e ${userId}=1-0 ${JSON.stringify({ id: 'e1', occurredAt })}`)
  /** The histogram's `_count` or `_sum`. */
  const lag = async (sample: 'count' | 'sum') => {
    const histogram = metrics.getSingleMetric('gateway_live_fanout_lag_seconds')
    const values = ((await histogram?.get())?.values ?? []) as Array<{ value: number; metricName?: string }>
    return values.find((value) => value.metricName === `gateway_live_fanout_lag_seconds_${sample}`)?.value
  }
  return { hub, publish, lag }
}

describe('live fan-out lag', () => {
  it('observes, once per event, the time from its occurredAt to its delivery here', async () => {
    const { hub, publish, lag } = await startHub()
    const first = connectionOf('u1')
    const second = connectionOf('u1')
    hub.add(first.connection)
    hub.add(second.connection)
    publish('u1', new Date(Date.now() - 2000))
    expect(first.delivered).toEqual(['1-0'])
    expect(second.delivered).toEqual(['1-0'])
    expect(await lag('count')).toBe(1)
    expect(await lag('sum')).toBeGreaterThanOrEqual(2)
    expect(await lag('sum')).toBeLessThan(3)
  })

  it('observes nothing for an event none of its streams here receives', async () => {
    const { hub, publish, lag } = await startHub()
    hub.add(connectionOf('u1').connection)
    publish('u2', new Date())
    expect(await lag('count')).toBe(0)
  })
})
