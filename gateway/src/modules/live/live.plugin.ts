import websocket from '@fastify/websocket'
import { serviceAuthorization } from '@focushub/shared/auth'
import { redisUserOf } from '@focushub/shared/config'
import type { EventBus } from '@focushub/shared/events'
import { type App, openRedis } from '@focushub/shared/http'
import type { Redis } from 'ioredis'
import type { Config } from '../../config.ts'
import { runLiveConsumer } from './live.consumer.ts'
import { createHub } from './live.hub.ts'
import { createPresenceReports } from './live.presence.ts'
import { liveRoutes } from './live.routes.ts'
import { createLiveStreams } from './live.streams.ts'
import { createTicketStore } from './live.tickets.ts'

export interface LiveUpdatesOptions {
  config: Config
  bus: EventBus
  /** The steady connection: the consumer's writes wait out a Redis blip. */
  redis: Redis
  /** The request path's fail-fast connection: tickets and resume reads. */
  edgeRedis: Redis
}

/**
 * Live updates: consumer group `gateway-live` writes each event to its recipients' Redis Streams
 * and the channel; this replica's hub delivers from the channel to the streams it holds.
 */
export async function liveUpdates(app: App, options: LiveUpdatesOptions) {
  const { config } = options
  const streamOptions = {
    prefix: config.LIVE_REDIS_PREFIX,
    maxLength: config.LIVE_RESUME_MAX_EVENTS,
    ttlMs: config.LIVE_RESUME_WINDOW_MS,
  }
  const writer = createLiveStreams(options.redis, streamOptions)
  runLiveConsumer(app, options.bus, writer, config, config.LIVE_RESUME_WINDOW_MS)
  const hub = createHub({
    subscriber: openRedis(app, config.REDIS_URL, { user: redisUserOf(config, 'GATEWAY'), name: 'live-subscriber' }),
    channel: writer.channel,
    heartbeatMs: config.LIVE_HEARTBEAT_MS,
    log: app.log,
    metrics: app.metrics,
  })
  const presence = createPresenceReports({
    hub,
    focusServiceUrl: config.FOCUS_SERVICE_URL,
    authorization: serviceAuthorization('gateway', config.GATEWAY_INTERNAL_SECRET),
    reportMs: config.LIVE_PRESENCE_REPORT_MS,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    log: app.log,
  })
  app.addHook('onReady', async () => {
    await hub.start()
    presence.start()
  })
  // Before the server waits for its connections to end: streams never end by themselves. The clients
  // reconnect to another replica, which reports them.
  app.addHook('preClose', async () => {
    await presence.stop()
    await hub.stop()
  })

  await app.register(async (scope) => {
    await scope.register(websocket, { options: { maxPayload: 4096 } })
    await scope.register(liveRoutes, {
      tickets: createTicketStore(options.edgeRedis, {
        prefix: config.LIVE_REDIS_PREFIX,
        ttlMs: config.LIVE_TICKET_TTL_MS,
      }),
      streams: createLiveStreams(options.edgeRedis, streamOptions),
      hub,
      maxBufferedBytes: config.LIVE_MAX_BUFFERED_BYTES,
      maxStreamsPerUser: config.LIVE_MAX_STREAMS_PER_USER,
      retryMs: 3000,
    })
  })
  return { hub, streams: writer }
}
