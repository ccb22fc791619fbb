import { setTimeout as sleep } from 'node:timers/promises'
import { serviceAuthorization } from '@focushub/shared/auth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Auth, expectProblem, outboxEvents, startFocusService, type TestService } from './support.ts'

const gatewaySecret = 'a-gateway-secret-for-tests'
let service: TestService

// Two replicas sweep the same schema, often.
beforeAll(async () => {
  service = await startFocusService({
    FOCUS_ROOM_SWEEP_INTERVAL_MS: '20',
    FOCUS_INTERNAL_CALLERS: `gateway:${gatewaySecret}`,
  })
  await service.replica()
  service.clock.set('2026-12-06T10:00:00Z')
})
afterAll(() => service.close())

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await sleep(20)
  }
}

const advanceSeconds = (seconds: number) => service.clock.set(new Date(service.clock.now().getTime() + seconds * 1000))

const call = (auth: Auth, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  service.app.inject({ method, url, headers: auth, ...(payload === undefined ? {} : { payload: payload as object }) })

async function eventsOf(type: string, roomIds: string[]) {
  return (await outboxEvents(service.db, { type })).filter((event) => roomIds.includes(String(event.data.roomId)))
}

describe('the presence sweeper, two replicas sweeping', () => {
  it('marks the quiet away, takes out the long-gone, closes the empty: each once', async () => {
    const rooms: { id: string; host: { id: string; auth: Auth }; guest: { id: string; auth: Auth } }[] = []
    for (let n = 0; n < 12; n++) {
      const host = await service.user()
      const guest = await service.user()
      const created = await call(host.auth, 'POST', '/focus/rooms', { name: `Room ${n}`, visibility: 'public' })
      expect(created.statusCode, created.body).toBe(201)
      await call(guest.auth, 'POST', `/focus/rooms/${created.json().id}/join`)
      rooms.push({ id: created.json().id, host, guest })
    }
    const ids = rooms.map((room) => room.id)
    const people = rooms.flatMap((room) => [room.host.id, room.guest.id])

    // Not yet: 44 s of quiet.
    advanceSeconds(44)
    await sleep(150)
    expect(await eventsOf('focus.room.presence_changed', ids)).toEqual([])

    // 46 s: everyone is away, each published once.
    advanceSeconds(2)
    const awayCount = async () =>
      (
        await service.db
          .selectFrom('room_participants')
          .select('user_id')
          .where('room_id', 'in', ids)
          .where('away', '=', true)
          .execute()
      ).length
    await waitFor(async () => (await awayCount()) === people.length)
    await sleep(150)
    const away = await eventsOf('focus.room.presence_changed', ids)
    expect(away.map((event) => event.data.participantId).sort()).toEqual([...people].sort())
    expect(away.every((event) => event.data.away === true && (event.data.audience as string[]).length === 2)).toBe(true)

    // The first room's host comes back: present again.
    const [first] = rooms
    expect((await call(first.host.auth, 'POST', `/focus/rooms/${first.id}/presence`, {})).statusCode).toBe(204)
    const view = (await call(first.host.auth, 'GET', `/focus/rooms/${first.id}`)).json()
    expect(view.me).toMatchObject({ away: false, state: 'idle' })

    // 340 s: away and quiet for 5 minutes, they leave (timeout); the host who came back stays (away again).
    advanceSeconds(294)
    const leftCount = async () => (await eventsOf('focus.room.left', ids)).length
    await waitFor(async () => (await leftCount()) === people.length - 1)
    await sleep(150)
    const left = await eventsOf('focus.room.left', ids)
    expect(left).toHaveLength(people.length - 1)
    expect(left.every((event) => event.data.reason === 'timeout')).toBe(true)
    expect(new Set(left.map((event) => event.data.participantId)).size).toBe(people.length - 1)
    const kept = await service.db
      .selectFrom('room_participants')
      .selectAll()
      .where('room_id', 'in', ids)
      .executeTakeFirstOrThrow()
    expect(kept).toMatchObject({ user_id: first.host.id, away: true })
    // The first room's guest left, handing nothing over (the host stayed); the others emptied.
    const counts = await service.db
      .selectFrom('rooms')
      .select(['id', 'participant_count', 'empty_since', 'status'])
      .where('id', 'in', ids)
      .execute()
    for (const room of counts) {
      expect(room.status).toBe('open')
      expect(room.participant_count).toBe(room.id === first.id ? 1 : 0)
      expect(room.empty_since === null).toBe(room.id === first.id)
    }

    // 10 minutes empty: closed, each once; the first room's host has gone by then, their room just emptied.
    advanceSeconds(600)
    const closedCount = async () => (await eventsOf('focus.room.closed', ids)).length
    await waitFor(async () => (await closedCount()) === rooms.length - 1)
    await sleep(150)
    const closed = await eventsOf('focus.room.closed', ids)
    expect(closed).toHaveLength(rooms.length - 1)
    expect(closed.every((event) => event.data.reason === 'empty')).toBe(true)
    expect(closed.map((event) => event.data.roomId)).not.toContain(first.id)
    const firstRoom = await service.db
      .selectFrom('rooms')
      .selectAll()
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow()
    expect(firstRoom).toMatchObject({ status: 'open', participant_count: 0 })
    expect((await eventsOf('focus.room.left', ids)).length).toBe(people.length)

    advanceSeconds(600)
    await waitFor(async () => (await closedCount()) === rooms.length)
  })
})

const asGateway = { authorization: serviceAuthorization('gateway', gatewaySecret) }
const report = (userIds: unknown, headers: Record<string, string> = asGateway) =>
  service.app.inject({ method: 'POST', url: '/internal/rooms/presence', headers, payload: { userIds } })

async function openRoom(guests: number) {
  const host = await service.user()
  const created = await call(host.auth, 'POST', '/focus/rooms', { name: 'Presence', visibility: 'public' })
  expect(created.statusCode, created.body).toBe(201)
  const people = [host]
  for (let n = 0; n < guests; n++) {
    const guest = await service.user()
    expect((await call(guest.auth, 'POST', `/focus/rooms/${created.json().id}/join`)).statusCode).toBe(200)
    people.push(guest)
  }
  return { id: created.json().id as string, people }
}

const participantsOf = (roomId: string) =>
  service.db
    .selectFrom('room_participants')
    .select(['user_id', 'last_seen_at', 'away', 'stepped_away'])
    .where('room_id', '=', roomId)
    .execute()

const participant = async (roomId: string, userId: string) =>
  (await participantsOf(roomId)).find((row) => row.user_id === userId)

describe('POST /internal/rooms/presence (the gateways report who is connected)', () => {
  it('answers only a listed service credential; refuses a bad body (400)', async () => {
    const user = await service.user()
    expectProblem(await report([user.id], user.auth), 401)
    expectProblem(
      await report([user.id], { authorization: serviceAuthorization('gateway', 'a-wrong-secret-of-16') }),
      401,
    )
    expectProblem(await report([user.id], {}), 401)
    expectProblem(await report([]), 400)
    expectProblem(await report(['not-a-uuid']), 400)
    expectProblem(await report(Array.from({ length: 5001 }, () => user.id)), 400)
  })

  it('sees exactly the named participants now, in one go; users in no room are ignored', async () => {
    const { id, people } = await openRoom(2)
    const [host, guest, other] = people
    const joinedAt = service.clock.now()
    advanceSeconds(30)
    const stranger = await service.user()
    const response = await report([host.id, stranger.id, guest.id, host.id])
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual({ seen: 2 })
    const rows = await participantsOf(id)
    const seenAt = (userId: string) => rows.find((row) => row.user_id === userId)?.last_seen_at.getTime()
    expect(seenAt(host.id)).toBe(service.clock.now().getTime())
    expect(seenAt(guest.id)).toBe(service.clock.now().getTime())
    expect(seenAt(other.id)).toBe(joinedAt.getTime())
    expect(await report([stranger.id])).toMatchObject({ statusCode: 200 })
    expect((await report([stranger.id])).json()).toEqual({ seen: 0 })
  })

  it('marks away only after FOCUS_ROOM_AWAY_AFTER_MS unreported; a report brings one back with one event', async () => {
    const { id, people } = await openRoom(1)
    const [host, guest] = people
    // 30 s: the host is reported; 46 s: the guest (never reported) is away, the host is not.
    advanceSeconds(30)
    expect((await report([host.id])).json()).toEqual({ seen: 1 })
    advanceSeconds(16)
    await waitFor(async () => (await participant(id, guest.id))?.away === true)
    await sleep(150)
    expect((await participant(id, host.id))?.away).toBe(false)
    const flips = async () =>
      (await eventsOf('focus.room.presence_changed', [id])).map((event) => [event.data.participantId, event.data.away])
    expect(await flips()).toEqual([[guest.id, true]])
    // 76 s: 46 s since the host's report, the host is away too.
    advanceSeconds(30)
    await waitFor(async () => (await participant(id, host.id))?.away === true)

    // The guest's stream opens again: present, once, the room's version bumped.
    const { version } = await service.db
      .selectFrom('rooms')
      .select('version')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect((await report([guest.id])).json()).toEqual({ seen: 1 })
    expect((await report([guest.id])).json()).toEqual({ seen: 1 })
    expect(await participant(id, guest.id)).toMatchObject({ away: false, stepped_away: false })
    expect(await flips()).toEqual([
      [guest.id, true],
      [host.id, true],
      [guest.id, false],
    ])
    const view = (await call(guest.auth, 'GET', `/focus/rooms/${id}`)).json()
    expect(view.version).toBe(version + 1)
    expect(view.me).toMatchObject({ away: false, state: 'idle' })
  })

  it('does not bring back one who stepped away: they stay shown away, with no event', async () => {
    const { id, people } = await openRoom(0)
    const [host] = people
    expect((await call(host.auth, 'POST', `/focus/rooms/${id}/presence`, { away: true })).statusCode).toBe(204)
    advanceSeconds(10)
    expect((await report([host.id])).json()).toEqual({ seen: 1 })
    expect(await participant(id, host.id)).toMatchObject({ away: false, stepped_away: true })
    expect((await call(host.auth, 'GET', `/focus/rooms/${id}`)).json().me).toMatchObject({ away: true, state: 'away' })
    // Disconnected meanwhile, then reported again: `away` cleared, still stepped away, still no new event.
    advanceSeconds(46)
    await waitFor(async () => (await participant(id, host.id))?.away === true)
    expect((await report([host.id])).json()).toEqual({ seen: 1 })
    expect(await participant(id, host.id)).toMatchObject({ away: false, stepped_away: true })
    const flips = await eventsOf('focus.room.presence_changed', [id])
    expect(flips.map((event) => event.data.away)).toEqual([true])
  })
})

describe('the presence sweeper, with the gateways reporting', () => {
  it('times out the disconnected, never one who stepped away but is still connected', async () => {
    const { id, people } = await openRoom(1)
    const [host, guest] = people
    expect((await call(host.auth, 'POST', `/focus/rooms/${id}/presence`, { away: true })).statusCode).toBe(204)
    const leftOf = async () => (await eventsOf('focus.room.left', [id])).map((event) => event.data.participantId)
    // The host's page is hidden but their stream stays open: reported every 40 s; the guest is gone.
    for (let step = 0; step < 9; step++) {
      advanceSeconds(40)
      expect((await report([host.id])).json()).toEqual({ seen: 1 })
      if (step === 1) await waitFor(async () => (await participant(id, guest.id))?.away === true)
    }
    await waitFor(async () => (await leftOf()).length === 1)
    await sleep(150)
    expect(await leftOf()).toEqual([guest.id])
    expect((await eventsOf('focus.room.left', [id]))[0]?.data.reason).toBe('timeout')
    expect(await participant(id, host.id)).toMatchObject({ away: false, stepped_away: true })
  })
})
