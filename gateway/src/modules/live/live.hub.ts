import { createBackgroundJob } from '@focushub/shared/jobs'
import { histogramIn, type Registry } from '@focushub/shared/metrics'
import type { FastifyBaseLogger } from 'fastify'
import type { Redis } from 'ioredis'
import type { LiveConnection } from './live.connection.ts'
import { parseChannelMessage } from './live.streams.ts'

export interface HubOptions {
  /** A connection of its own: a subscribed Redis connection can do nothing else. */
  subscriber: Redis
  channel: string
  heartbeatMs: number
  log: FastifyBaseLogger
  metrics: Registry
}

/** From 10 ms to a minute: an event through the outbox, Kafka, the consumer and Redis, to a stalled relay. */
const fanoutLagBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

/** When the event happened (its `occurredAt`, set by the service in the transaction that wrote it). */
const occurredAtOf = (json: string) => Date.parse((JSON.parse(json) as { occurredAt: string }).occurredAt)

/**
 * This replica's open streams by user. Every replica subscribes to the one channel and delivers
 * each event to the streams it holds for that user; one timer beats every stream's heartbeat.
 */
export function createHub(options: HubOptions) {
  const byUser = new Map<string, Set<LiveConnection>>()
  /** Users whose first stream here opened since the last `takeArrivals` (presence reports them early). */
  const arrivals = new Set<string>()
  const fanoutLag = histogramIn(options.metrics, {
    name: 'gateway_live_fanout_lag_seconds',
    help:
      "Time from an event's occurredAt (its commit in the producing service) to its delivery to this " +
      "replica's live streams: outbox relay, Kafka, the gateway-live consumer and Redis pub/sub. Once per " +
      'event and replica holding a stream of a recipient; resumed backlogs are not counted',
    buckets: fanoutLagBuckets,
  })

  function onMessage(channel: string, message: string) {
    if (channel !== options.channel) return
    const parsed = parseChannelMessage(message)
    if (parsed?.kind === 'event') {
      let delivered = false
      for (const { userId, id } of parsed.entries)
        for (const connection of [...(byUser.get(userId) ?? [])]) {
          connection.deliver(id, parsed.json)
          delivered = true
        }
      const lagMs = delivered ? Date.now() - occurredAtOf(parsed.json) : Number.NaN
      if (Number.isFinite(lagMs)) fanoutLag.observe(Math.max(0, lagMs) / 1000)
    } else if (parsed?.kind === 'end') {
      for (const connection of [...(byUser.get(parsed.userId) ?? [])])
        if (!parsed.sessionIds || (connection.sessionId && parsed.sessionIds.includes(connection.sessionId)))
          connection.end(parsed.reason)
    }
  }

  const each = (visit: (connection: LiveConnection) => void) => {
    for (const connections of byUser.values()) for (const connection of [...connections]) visit(connection)
  }
  const heartbeats = createBackgroundJob({
    name: 'live heartbeat',
    intervalMs: options.heartbeatMs,
    pass: async () => each((connection) => connection.heartbeat()),
    log: options.log,
  })

  return {
    /** Subscribes (again after each reconnect, in case the first try failed) and starts the heartbeats. */
    async start() {
      const subscribe = () =>
        options.subscriber.subscribe(options.channel).then(
          () => undefined,
          (error: Error) => options.log.warn({ err: error.message }, 'live updates: channel subscription failed'),
        )
      options.subscriber.on('message', onMessage)
      options.subscriber.on('ready', () => void subscribe())
      await subscribe()
      heartbeats.start()
    },
    /** Registers a stream; the returned function removes it. */
    add(connection: LiveConnection) {
      const connections = byUser.get(connection.userId) ?? new Set()
      if (connections.size === 0) arrivals.add(connection.userId)
      connections.add(connection)
      byUser.set(connection.userId, connections)
      return () => {
        connections.delete(connection)
        if (connections.size === 0 && byUser.get(connection.userId) === connections) byUser.delete(connection.userId)
      }
    },
    streamsOf: (userId: string) => byUser.get(userId)?.size ?? 0,
    /** The users with at least one open stream here. */
    connectedUsers: () => [...byUser.keys()],
    /** The users whose first stream here opened since the last call, if still connected. */
    takeArrivals() {
      const users = [...arrivals].filter((userId) => byUser.has(userId))
      arrivals.clear()
      return users
    },
    get size() {
      let total = 0
      for (const connections of byUser.values()) total += connections.size
      return total
    },
    /** Stops the heartbeats and ends every stream with `shutdown` (clients reconnect to another replica). */
    async stop() {
      await heartbeats.stop()
      each((connection) => connection.end('shutdown'))
    },
  }
}

export type Hub = ReturnType<typeof createHub>
