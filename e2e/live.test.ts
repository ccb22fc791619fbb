import { createEvent, createKafka, createKafkaBus } from '@focushub/shared/events'
import { createApp } from '@focushub/shared/http'
import { describe, expect, it } from 'vitest'
import { openSse, openWs } from '../gateway/test/integration/live-clients.ts'
import { signUp } from './client.ts'
import { edgeUrl, processes } from './stack.ts'

const api = `${edgeUrl}/api/v1`

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

async function ticket(base: string, authorization: string) {
  const response = await post(`${base}/api/v1/events/ticket`, {}, { authorization })
  expect(response.status).toBe(201)
  return ((await response.json()) as { ticket: string }).ticket
}

/** habit-service's events are produced by the real service once it unlocks one; here one is published as it would. */
async function publishAchievement(userId: string) {
  const log = createApp({ service: 'e2e-live', logLevel: 'silent' }).log
  const bus = createKafkaBus(createKafka(process.env.KAFKA_BROKERS ?? '127.0.0.1:9092', 'e2e-live', log), {
    prefix: process.env.KAFKA_TOPIC_PREFIX ?? '',
    partitions: 6,
    log,
  })
  const { topic, event } = createEvent(
    'habit.achievement.unlocked',
    {
      achievementId: 'e2e-live',
      name: 'Live e2e',
      points: 1,
      totalPoints: 1,
      level: 1,
      unlockedAt: new Date().toISOString(),
    },
    { producer: 'habit-service', userId, requestId: 'e2e-live' },
  )
  const publisher = bus.publisher()
  await publisher.send([{ topic, key: userId, value: JSON.stringify(event), headers: {} }])
  await publisher.close()
  return event
}

const wsOf = (base: string, query: string) => `${base.replace(/^http/, 'ws')}/api/v1/ws?${query}`

describe('live updates on the running stack', () => {
  it('refuses a stream without a token and a reused ticket, through NGINX', async () => {
    expect((await fetch(`${api}/events`)).status).toBe(401)
    const { authorization } = await signUp()
    const once = await ticket(edgeUrl, authorization)
    const first = await openSse(`${api}/events?ticket=${once}`)
    expect(first.response.status).toBe(200)
    await first.close()
    const again = await fetch(`${api}/events?ticket=${once}`)
    expect(again.status).toBe(401)
    expect(again.headers.get('content-type')).toContain('application/problem+json')
  })

  it('delivers an event to SSE and WebSocket clients through NGINX and on both gateway replicas', async () => {
    const { userId, authorization } = await signUp()
    const [first, second] = [processes['gateway-1'], processes['gateway-2']]
    const sse = await openSse(`${api}/events`, { authorization })
    const ws = await openWs(wsOf(edgeUrl, `ticket=${await ticket(edgeUrl, authorization)}`))
    const sseOnFirst = await openSse(`${first}/api/v1/events`, { authorization })
    const wsOnSecond = await openWs(wsOf(second, `ticket=${await ticket(second, authorization)}`))
    await Promise.all([sse.named('ready'), sseOnFirst.named('ready')])

    const event = await publishAchievement(userId)
    for (const client of [sse, sseOnFirst]) {
      const received = await client.until(() => client.events().find((e) => e.id === event.id), 15_000)
      expect(received).toMatchObject({ type: 'habit.achievement.unlocked', userId, data: { name: 'Live e2e' } })
    }
    for (const client of [ws, wsOnSecond]) {
      const received = await client.until(() => client.events().find((m) => m.event?.id === event.id), 5000)
      expect(received.event).toMatchObject({ type: 'habit.achievement.unlocked', userId })
    }

    // Resume through NGINX: an event missed while disconnected arrives after Last-Event-ID.
    const lastId = sse.messages.filter((m) => m.event === 'message').at(-1)?.id as string
    await sse.close()
    const missed = await publishAchievement(userId)
    await sseOnFirst.until(() => sseOnFirst.events().find((e) => e.id === missed.id), 15_000)
    const resumed = await openSse(`${api}/events`, { authorization, 'last-event-id': lastId })
    await resumed.until(() => resumed.events().find((e) => e.id === missed.id), 5000)
    await Promise.all([resumed.close(), sseOnFirst.close()])
    ws.close()
    wsOnSecond.close()
  })
})
