import { randomBytes, randomUUID } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { createEvent, createKafka, createKafkaBus } from '@focushub/shared/events'
import { type App, createApp } from '@focushub/shared/http'
import { testTopicPrefix } from '@focushub/shared/testing'
import type { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveStreams, type LiveStreams } from '../../src/modules/live/live.streams.ts'
import { publicEventOf } from '../../src/modules/live/live-event.ts'
import { openSse, openWs } from './live-clients.ts'
import {
  allServicesAt,
  gatewayRedis,
  metricValue,
  startGateway,
  startJwks,
  startUpstream,
  testRedisPrefix,
} from './support.ts'

const kafkaPrefix = testTopicPrefix('live')
const livePrefix = `${testRedisPrefix()}live:`
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'

let jwks: Awaited<ReturnType<typeof startJwks>>
let upstream: Awaited<ReturnType<typeof startUpstream>>
let redis: Redis
let writer: LiveStreams
const replicas: { app: App; url: string }[] = []

const achievement = (userId: string, name = 'First focus') =>
  createEvent(
    'habit.achievement.unlocked',
    { achievementId: 'focus-1', name, points: 10, totalPoints: 10, level: 1, unlockedAt: new Date().toISOString() },
    { producer: 'habit-service', userId, requestId: 'req-live' },
  ).event

/** Writes an event straight through the fan-out (what the consumer does with a Kafka message). */
async function push(userId: string, name?: string) {
  const event = achievement(userId, name)
  const [[id]] = await writer.append([{ eventId: event.id, json: publicEventOf(event), recipients: [userId] }])
  return { event, id }
}

async function ticketFor(url: string, authorization: string) {
  const response = await fetch(`${url}/api/v1/events/ticket`, { method: 'POST', headers: { authorization } })
  expect(response.status).toBe(201)
  return ((await response.json()) as { ticket: string }).ticket
}

const wsUrl = (url: string, query: string) => `${url.replace('http', 'ws')}/api/v1/ws?${query}`

/** The status of a WebSocket upgrade the gateway refused. */
function upgradeStatus(url: string) {
  return new Promise<number>((resolve, reject) => {
    const request = httpRequest(url, {
      headers: {
        connection: 'upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
      },
    })
    request.on('response', (response) => resolve(response.statusCode ?? 0))
    request.on('upgrade', () => resolve(101))
    request.on('error', reject)
    request.end()
  })
}

beforeAll(async () => {
  jwks = await startJwks()
  upstream = await startUpstream()
  redis = gatewayRedis('live-test')
  writer = createLiveStreams(redis, { prefix: livePrefix, maxLength: 10, ttlMs: 60_000 })
  for (let i = 0; i < 2; i++) {
    const app = await startGateway({
      ...allServicesAt(upstream.url),
      ...jwks.env,
      KAFKA_TOPIC_PREFIX: kafkaPrefix,
      LIVE_REDIS_PREFIX: livePrefix,
      LIVE_RESUME_MAX_EVENTS: '10',
      LIVE_HEARTBEAT_MS: '100',
      LIVE_TICKET_TTL_MS: '1000',
      LIVE_MAX_BUFFERED_BYTES: '65536',
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    replicas.push({ app, url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` })
  }
})

afterAll(async () => {
  await Promise.all(replicas.map(({ app }) => app.close()))
  await Promise.all([upstream.app.close(), jwks.close()])
  await redis.quit()
})

describe('live updates: authentication', () => {
  it('refuses a stream or a ticket without a token (401), and a suspended account (403)', async () => {
    const [a] = replicas
    expect((await fetch(`${a.url}/api/v1/events`)).status).toBe(401)
    expect((await fetch(`${a.url}/api/v1/events/ticket`, { method: 'POST' })).status).toBe(401)
    expect(await upgradeStatus(`${a.url}/api/v1/ws`)).toBe(401)
    const user = randomUUID()
    await redis.set(`focushub:gateway:refused-user:${user}`, 'suspended')
    const refused = await fetch(`${a.url}/api/v1/events`, { headers: { authorization: await jwks.bearer(user) } })
    await redis.del(`focushub:gateway:refused-user:${user}`)
    expect(refused.status).toBe(403)
    expect(refused.headers.get('content-type')).toContain('application/problem+json')
  })

  it('answers a malformed ticket or Last-Event-ID with 400, and HEAD with 405 (Allow: GET)', async () => {
    const [a] = replicas
    const head = await fetch(`${a.url}/api/v1/events`, {
      method: 'HEAD',
      headers: { authorization: await jwks.bearer() },
    })
    expect(head.status).toBe(405)
    expect(head.headers.get('allow')).toBe('GET')
    expect((await fetch(`${a.url}/api/v1/events?ticket=not-a-ticket`)).status).toBe(400)
    const headers = { authorization: await jwks.bearer(), 'last-event-id': 'yesterday' }
    expect((await fetch(`${a.url}/api/v1/events`, { headers })).status).toBe(400)
  })

  it('accepts a ticket once, refuses its reuse and refuses it once expired', async () => {
    const [a, b] = replicas
    const authorization = await jwks.bearer()
    const ticket = await ticketFor(a.url, authorization)
    const stream = await openSse(`${b.url}/api/v1/events?ticket=${ticket}`)
    expect(stream.response.status).toBe(200)
    const reused = await fetch(`${a.url}/api/v1/events?ticket=${ticket}`)
    expect(reused.status).toBe(401)
    expect(reused.headers.get('content-type')).toContain('application/problem+json')
    await stream.close()

    const expiring = await ticketFor(a.url, authorization)
    await new Promise((resolve) => setTimeout(resolve, 1100))
    expect((await fetch(`${a.url}/api/v1/events?ticket=${expiring}`)).status).toBe(401)
  })
})

describe('live updates: delivery', () => {
  it('delivers an event published to Kafka to an SSE client on one replica and a WebSocket client on the other', async () => {
    const [a, b] = replicas
    const user = randomUUID()
    const authorization = await jwks.bearer(user)
    const sse = await openSse(`${a.url}/api/v1/events`, { authorization })
    const ws = await openWs(wsUrl(b.url, `ticket=${await ticketFor(b.url, authorization)}`))
    await sse.named('ready')

    const log = createApp({ service: 'live-test', logLevel: 'silent' }).log
    const bus = createKafkaBus(createKafka(brokers, 'live-test', log), { prefix: kafkaPrefix, partitions: 3, log })
    const publisher = bus.publisher()
    const event = achievement(user, 'Kafka to the edge')
    await bus.ensureTopics()
    await publisher.send([{ topic: 'focushub.habit.events', key: user, value: JSON.stringify(event), headers: {} }])
    await publisher.close()

    // The first event waits for consumer group `gateway-live` to form; later ones take milliseconds.
    const viaSse = await sse.until(() => sse.events().find((e) => e.id === event.id), 25_000)
    const viaWs = await ws.until(() => ws.events().find((m) => m.event?.id === event.id), 5000)
    expect(viaSse).toMatchObject({
      type: 'habit.achievement.unlocked',
      userId: user,
      data: { name: 'Kafka to the edge' },
    })
    expect(viaSse).not.toHaveProperty('requestId')
    expect(viaWs.id).toMatch(/^\d+-\d+$/)
    expect(viaWs.event).toMatchObject({ type: 'habit.achievement.unlocked', data: { name: 'Kafka to the edge' } })
    await sse.close()
    ws.close()
  }, 30_000)

  it('gives an event for several users to each, on every replica, once even when it is delivered again', async () => {
    const [a, b] = replicas
    const [ada, bob, eve] = [randomUUID(), randomUUID(), randomUUID()]
    const adaStream = await openSse(`${a.url}/api/v1/events`, { authorization: await jwks.bearer(ada) })
    const bobStream = await openWs(wsUrl(b.url, `ticket=${await ticketFor(b.url, await jwks.bearer(bob))}`))
    const eveStream = await openSse(`${b.url}/api/v1/events`, { authorization: await jwks.bearer(eve) })
    await Promise.all([adaStream.named('ready'), eveStream.named('ready')])
    const event = achievement(ada, 'For the room')
    const delivery = { eventId: event.id, json: publicEventOf(event), recipients: [ada, bob] }

    const [ids] = await writer.append([delivery])
    expect(ids).toHaveLength(2)
    await adaStream.until(() => adaStream.events().find((e) => e.id === event.id))
    await bobStream.until(() => bobStream.events().find((m) => m.event?.id === event.id))
    expect(adaStream.messages.find((m) => m.event === 'message')?.id).toBe(ids[0])
    expect(bobStream.events()[0].id).toBe(ids[1])

    // A redelivered Kafka message (the consumer retried its batch) appends and announces nothing.
    expect(await writer.append([delivery, { ...delivery, eventId: randomUUID(), recipients: [] }])).toEqual([[], []])
    const marker = await push(ada, 'after')
    await adaStream.until(() => adaStream.events().find((e) => e.id === marker.event.id))
    expect(adaStream.events().filter((e) => e.id === event.id)).toHaveLength(1)
    expect(bobStream.events()).toHaveLength(1)
    expect(eveStream.events()).toEqual([])
    await Promise.all([adaStream.close(), eveStream.close()])
    bobStream.close()
  })

  it('counts the open streams by transport, and observes each event’s fan-out lag', async () => {
    const [a] = replicas
    const open = (transport: string) => metricValue(a.app, 'gateway_live_connections', { transport })
    const lag = 'gateway_live_fanout_lag_seconds'
    const fannedOut = () => metricValue(a.app, lag, {}, `${lag}_count`)
    // The earlier tests' streams closed on their side; the server counts them off as their sockets close.
    await expect.poll(() => open('sse'), { timeout: 5000 }).toBe(0)
    await expect.poll(() => open('ws'), { timeout: 5000 }).toBe(0)
    const before = await fannedOut()
    const user = randomUUID()
    const authorization = await jwks.bearer(user)
    const sse = await openSse(`${a.url}/api/v1/events`, { authorization })
    const ws = await openWs(wsUrl(a.url, `ticket=${await ticketFor(a.url, authorization)}`))
    await sse.named('ready')
    await expect.poll(() => open('ws'), { timeout: 5000 }).toBe(1)
    expect(await open('sse')).toBe(1)

    const { event } = await push(user, 'Counted')
    await sse.until(() => sse.events().find((e) => e.id === event.id))
    await ws.until(() => ws.events().find((m) => m.event?.id === event.id))
    // Two streams here received it: one observation, of an event that occurred moments ago.
    expect(await fannedOut()).toBe(before + 1)
    expect(await metricValue(a.app, lag, {}, `${lag}_sum`)).toBeLessThan(60)

    await sse.close()
    ws.close()
    await expect.poll(() => open('sse'), { timeout: 5000 }).toBe(0)
    await expect.poll(() => open('ws'), { timeout: 5000 }).toBe(0)
  })

  it('sends nothing of one user to another, and heartbeats keep the stream alive', async () => {
    const [a] = replicas
    const watcher = await openSse(`${a.url}/api/v1/events`, { authorization: await jwks.bearer() })
    await watcher.named('ready')
    await push(randomUUID())
    await watcher.until(() => watcher.state.comments >= 2, 2000)
    expect(watcher.events()).toEqual([])
    await watcher.close()
  })

  it('resumes after Last-Event-ID, and tells a client whose id left the window to refetch (reset)', async () => {
    const [a, b] = replicas
    const user = randomUUID()
    const authorization = await jwks.bearer(user)
    const first = await openSse(`${a.url}/api/v1/events`, { authorization })
    await first.named('ready')
    const sent = [await push(user, 'one'), await push(user, 'two')]
    await first.until(() => first.events().length === 2 || undefined)
    const lastSeen = first.messages.filter((m) => m.event === 'message').at(-1)?.id as string
    expect(lastSeen).toBe(sent[1].id)
    await first.close()

    const missed = [await push(user, 'three'), await push(user, 'four')]
    const resumed = await openSse(`${b.url}/api/v1/events`, { authorization, 'last-event-id': lastSeen })
    await resumed.until(() => resumed.events().length === 2 || undefined)
    expect(resumed.events().map((e) => e.data.name)).toEqual(['three', 'four'])
    expect(resumed.messages.some((m) => m.event === 'reset')).toBe(false)
    const live = await push(user, 'five')
    await resumed.until(() => resumed.events().some((e) => e.id === live.event.id) || undefined)
    await resumed.close()

    // A WebSocket resumes with ?lastEventId= (what a browser does, as it cannot send the header).
    const viaWs = await openWs(
      wsUrl(a.url, `ticket=${await ticketFor(a.url, authorization)}&lastEventId=${missed[0].id}`),
    )
    await viaWs.until(() => viaWs.events().length === 2 || undefined)
    expect(viaWs.events().map((m) => m.event?.data.name)).toEqual(['four', 'five'])
    viaWs.close()

    // The window holds about 10 entries: after 250 more, the first id is gone.
    for (let i = 0; i < 250; i++) await push(user, `flood ${i}`)
    const tooOld = await openSse(`${a.url}/api/v1/events`, { authorization, 'last-event-id': lastSeen })
    await tooOld.named('reset')
    await tooOld.close()
    const unknown = await openSse(`${a.url}/api/v1/events`, {
      authorization: await jwks.bearer(),
      'last-event-id': lastSeen,
    })
    await unknown.named('reset')
    await unknown.close()
  })
})

describe('live updates: ending streams', () => {
  it('drops a client that stops reading instead of buffering without end', async () => {
    const [a] = replicas
    const user = randomUUID()
    const { port } = new URL(a.url)
    const socket = connect(Number(port), '127.0.0.1')
    socket.write(`GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: ${await jwks.bearer(user)}\r\n\r\n`)
    let received = ''
    socket.on('data', (chunk) => {
      received += chunk.toString()
    })
    await new Promise<void>((resolve) => socket.once('data', () => resolve()))
    socket.pause()
    // Cut by the gateway: a reset (ECONNRESET) or a plain close, whichever the kernel delivers.
    socket.on('error', () => {})
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()))
    // 10 MB: more than the kernel's socket buffers hold, far past the 64 KiB bound.
    const big = 'x'.repeat(64 * 1024)
    for (let i = 0; i < 160 && !socket.destroyed; i++) await push(user, big)
    socket.resume()
    await ended
    expect(received).toMatch(/^HTTP\/1.1 200 OK/)
    expect(received).toContain('event: ready')
    const delivered = received.split('\ndata: ').length - 2
    expect(delivered).toBeLessThan(160)
    expect(received).not.toContain('event: token-expired')
  })

  it('ends the stream with token-expired (SSE) and close code 4001 (WebSocket) when the token expires', async () => {
    const [a, b] = replicas
    const authorization = await jwks.bearer(randomUUID(), { expiresIn: '2s' })
    const sse = await openSse(`${a.url}/api/v1/events`, { authorization })
    const ws = await openWs(wsUrl(b.url, `ticket=${await ticketFor(b.url, authorization)}`))
    const expired = await sse.named('token-expired', 5000)
    expect(JSON.parse(expired.data).detail).toContain('expired')
    await sse.until(() => sse.state.ended, 1000)
    expect(await ws.closed(5000)).toMatchObject({ code: 4001, reason: expect.stringContaining('token-expired') })
  })

  it('ends a user’s streams on every replica when their account is refused', async () => {
    const [a, b] = replicas
    const user = randomUUID()
    const authorization = await jwks.bearer(user)
    const sse = await openSse(`${a.url}/api/v1/events`, { authorization })
    const ws = await openWs(wsUrl(b.url, `ticket=${await ticketFor(b.url, authorization)}`))
    await sse.named('ready')
    await writer.end(user, 'account-refused')
    await sse.named('account-refused')
    expect(await ws.closed()).toMatchObject({ code: 4003 })
  })

  it('ends only the streams opened in a revoked sign-in, on every replica', async () => {
    const [a, b] = replicas
    const user = randomUUID()
    const [revoked, kept] = [randomUUID(), randomUUID()]
    const revokedAuthorization = await jwks.bearer(user, { sessionId: revoked })
    const keptAuthorization = await jwks.bearer(user, { sessionId: kept })
    const sse = await openSse(`${a.url}/api/v1/events`, { authorization: revokedAuthorization })
    const ws = await openWs(wsUrl(b.url, `ticket=${await ticketFor(b.url, revokedAuthorization)}`))
    const other = await openSse(`${b.url}/api/v1/events`, { authorization: keptAuthorization })
    await Promise.all([sse.named('ready'), other.named('ready')])
    await writer.end(user, 'session-revoked', [revoked])
    await sse.named('session-revoked')
    expect(await ws.closed()).toMatchObject({ code: 4004, reason: expect.stringContaining('session-revoked') })
    const { event } = await push(user, 'Still here')
    await other.until(() => other.events().find((received) => received.id === event.id), 5000)
    expect(other.state.ended).toBe(false)
    await other.close()
  })

  it('closes open streams with shutdown when the gateway closes', async () => {
    const [b] = replicas.splice(1, 1)
    const sse = await openSse(`${b.url}/api/v1/events`, { authorization: await jwks.bearer() })
    await sse.named('ready')
    await b.app.close()
    await sse.named('shutdown')
    await sse.until(() => sse.state.ended, 1000)
  })
})
