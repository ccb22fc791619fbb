import { randomUUID } from 'node:crypto'
import { requireServiceCaller, serviceAuthorization } from '@focushub/shared/auth'
import { errors } from '@focushub/shared/errors'
import { type App, createApp } from '@focushub/shared/http'
import { testTopicPrefix } from '@focushub/shared/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPresenceReports, presenceChunkSize } from '../../src/modules/live/live.presence.ts'
import { openSse, openWs } from './live-clients.ts'
import { allServicesAt, startGateway, startJwks, startUpstream, testRedisPrefix, waitFor } from './support.ts'

const secret = 'gateway-presence-test-secret'
const kafkaPrefix = testTopicPrefix('live-presence')
const livePrefix = `${testRedisPrefix()}live:`

interface Report {
  userIds: string[]
  at: number
}

/**
 * A focus-service stand-in on port 0: answers only the gateway's Basic credential (401 otherwise, so a
 * recorded report proves the gateway sent it), records each report, can fail with 503.
 */
async function startFocusService() {
  const app = createApp({ service: 'focus-service', logLevel: 'silent' })
  const reports: Report[] = []
  const state = { failing: false, refused: 0 }
  app.post('/internal/rooms/presence', { onRequest: requireServiceCaller(`gateway:${secret}`) }, async (request) => {
    const { userIds } = request.body as { userIds: string[] }
    if (state.failing) {
      state.refused++
      throw errors.unavailable('The database is down', 1)
    }
    reports.push({ userIds, at: Date.now() })
    return { seen: userIds.length }
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
  return {
    app,
    url,
    reports,
    state,
    /** The users named in the reports received after `since`. */
    namedSince: (since: number) => new Set(reports.filter((r) => r.at > since).flatMap((r) => r.userIds)),
  }
}

let jwks: Awaited<ReturnType<typeof startJwks>>
let upstream: Awaited<ReturnType<typeof startUpstream>>
const standIns: Awaited<ReturnType<typeof startFocusService>>[] = []
const gateways: App[] = []

/** A gateway whose focus-service is a stand-in of its own; `reportMs` is its full-report interval. */
async function gatewayReporting(reportMs: number) {
  const focus = await startFocusService()
  standIns.push(focus)
  const app = await startGateway({
    ...allServicesAt(upstream.url),
    ...jwks.env,
    FOCUS_SERVICE_URL: focus.url,
    GATEWAY_INTERNAL_SECRET: secret,
    LIVE_PRESENCE_REPORT_MS: String(reportMs),
    KAFKA_TOPIC_PREFIX: kafkaPrefix,
    LIVE_REDIS_PREFIX: livePrefix,
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  gateways.push(app)
  return { focus, url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` }
}

const sseFor = async (url: string, userId: string) =>
  openSse(`${url}/api/v1/events`, { authorization: await jwks.bearer(userId) })

async function wsFor(url: string, userId: string) {
  const response = await fetch(`${url}/api/v1/events/ticket`, {
    method: 'POST',
    headers: { authorization: await jwks.bearer(userId) },
  })
  const { ticket } = (await response.json()) as { ticket: string }
  return openWs(`${url.replace('http', 'ws')}/api/v1/ws?ticket=${ticket}`)
}

let full: Awaited<ReturnType<typeof gatewayReporting>>
let arrivalsOnly: Awaited<ReturnType<typeof gatewayReporting>>

beforeAll(async () => {
  jwks = await startJwks()
  upstream = await startUpstream()
  full = await gatewayReporting(1000)
  // Its full report is an hour away: whatever it reports within seconds is an arrival.
  arrivalsOnly = await gatewayReporting(3_600_000)
})

afterAll(async () => {
  // Every stream is closed by now; fetch may still hold a connection that never carried a request
  // (opened as an SSE read was aborted), which a closing server would wait out.
  for (const app of gateways) app.server.closeAllConnections()
  await Promise.all(gateways.map((app) => app.close()))
  await Promise.all([...standIns.map((focus) => focus.app.close()), upstream.app.close(), jwks.close()])
})

describe('live presence: reports to focus-service', () => {
  it('names exactly the users with an open SSE or WebSocket stream, and no longer one who closed them', async () => {
    const [alice, bob] = [randomUUID(), randomUUID()]
    const aliceSse = await sseFor(full.url, alice)
    const aliceWs = await wsFor(full.url, alice)
    const bobSse = await sseFor(full.url, bob)
    await Promise.all([aliceSse.named('ready'), bobSse.named('ready')])

    const opened = Date.now()
    await waitFor(async () => full.focus.reports.some((r) => r.at > opened && r.userIds.length === 2))
    const report = full.focus.reports.find((r) => r.at > opened && r.userIds.length === 2) as Report
    expect(report.userIds.sort()).toEqual([alice, bob].sort())

    await aliceSse.close()
    const halfClosed = Date.now()
    await waitFor(async () => full.focus.reports.some((r) => r.at > halfClosed + 100))
    expect(full.focus.namedSince(halfClosed + 100)).toEqual(new Set([alice, bob]))

    aliceWs.close()
    await aliceWs.closed()
    const closed = Date.now()
    await waitFor(async () => full.focus.reports.some((r) => r.at > closed + 100))
    expect(full.focus.namedSince(closed + 100)).toEqual(new Set([bob]))

    await bobSse.close()
    const empty = Date.now()
    // Nothing is sent while no one is connected: two full intervals pass without a report.
    await new Promise((resolve) => setTimeout(resolve, 2500))
    expect(full.focus.reports.filter((r) => r.at > empty + 100)).toEqual([])
  })

  it("reports a user's first stream within about a second, batched, and not their second one", async () => {
    const [carol, dave] = [randomUUID(), randomUUID()]
    const started = Date.now()
    const streams = await Promise.all([sseFor(arrivalsOnly.url, carol), sseFor(arrivalsOnly.url, dave)])
    await waitFor(async () => arrivalsOnly.focus.namedSince(started).size === 2, 2500)
    expect(arrivalsOnly.focus.namedSince(started)).toEqual(new Set([carol, dave]))

    const again = Date.now()
    const second = await wsFor(arrivalsOnly.url, carol)
    // More than an arrivals tick: a second stream is no arrival.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(arrivalsOnly.focus.namedSince(again)).toEqual(new Set())
    second.close()
    await Promise.all(streams.map((stream) => stream.close()))
  })

  it('survives a failing focus-service: the streams stay open and the next report names everyone', async () => {
    const erin = randomUUID()
    full.focus.state.failing = true
    const stream = await sseFor(full.url, erin)
    await stream.named('ready')
    await waitFor(async () => full.focus.state.refused >= 2)
    expect(stream.state.ended).toBe(false)

    full.focus.state.failing = false
    const mended = Date.now()
    await waitFor(async () => full.focus.namedSince(mended).has(erin))
    expect(stream.state.ended).toBe(false)
    await stream.close()
  })

  it('sends at most 5000 users per request, with the gateway credential', async () => {
    const focus = await startFocusService()
    standIns.push(focus)
    const users = Array.from({ length: 2 * presenceChunkSize + 1 }, () => randomUUID())
    const presence = createPresenceReports({
      hub: { connectedUsers: () => users, takeArrivals: () => [] },
      focusServiceUrl: focus.url,
      authorization: serviceAuthorization('gateway', secret),
      reportMs: 1000,
      timeoutMs: 5000,
      log: focus.app.log,
    })
    presence.start()
    await waitFor(async () => focus.reports.length >= 3)
    await presence.stop()
    expect(focus.reports.slice(0, 3).map((r) => r.userIds.length)).toEqual([5000, 5000, 1])
    expect(focus.reports.slice(0, 3).flatMap((r) => r.userIds)).toEqual(users)
  })
})
