import { createBackgroundJob } from '@focushub/shared/jobs'
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
}

/**
 * This replica's open streams by user. Every replica subscribes to the one channel and delivers
 * each event to the streams it holds for that user; one timer beats every stream's heartbeat.
 */
export function createHub(options: HubOptions) {
  const byUser = new Map<string, Set<LiveConnection>>()
  /** Users whose first stream here opened since the last `takeArrivals` (presence reports them early). */
  const arrivals = new Set<string>()

  function onMessage(channel: string, message: string) {
    if (channel !== options.channel) return
    const parsed = parseChannelMessage(message)
    if (parsed?.kind === 'event') {
      for (const { userId, id } of parsed.entries)
        for (const connection of [...(byUser.get(userId) ?? [])]) connection.deliver(id, parsed.json)
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
