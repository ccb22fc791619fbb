import { createUserDirectory } from '@focushub/shared/auth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FocusContext } from '../../src/context.ts'
import { sweepRoomPresence } from '../../src/modules/rooms/presence-sweeper.ts'
import { outboxEvents, startFocusService, type TestService } from './support.ts'

let service: TestService
let ctx: FocusContext

// The sweep is called here, once per step; the service's own job waits its full (longest) interval first.
beforeAll(async () => {
  service = await startFocusService({ FOCUS_ROOM_SWEEP_INTERVAL_MS: '60000' })
  service.clock.set('2026-12-06T10:00:00Z')
  const { config } = service
  ctx = {
    db: service.db,
    config,
    now: service.clock.now,
    users: createUserDirectory({
      authServiceUrl: config.AUTH_SERVICE_URL,
      timeoutMs: config.AUTH_LOOKUP_TIMEOUT_MS,
      service: 'focus-service',
      secret: config.FOCUS_SERVICE_INTERNAL_SECRET,
    }),
    log: service.app.log,
  }
})
afterAll(() => service.close())

const advanceSeconds = (seconds: number) => service.clock.set(new Date(service.clock.now().getTime() + seconds * 1000))

async function openRoom(people: number) {
  const host = await service.user()
  const created = await service.app.inject({
    method: 'POST',
    url: '/focus/rooms',
    headers: host.auth,
    payload: { name: 'Crowded', visibility: 'public', capacity: 50 },
  })
  expect(created.statusCode, created.body).toBe(201)
  const id: string = created.json().id
  for (let n = 1; n < people; n++) {
    const guest = await service.user()
    const joined = await service.app.inject({ method: 'POST', url: `/focus/rooms/${id}/join`, headers: guest.auth })
    expect(joined.statusCode, joined.body).toBe(200)
  }
  return id
}

async function eventsOf(type: string, roomIds: string[]) {
  return (await outboxEvents(service.db, { type })).filter((event) => roomIds.includes(String(event.data.roomId)))
}

describe('one presence sweep', () => {
  it('drains all that is due, beyond a batch of rooms and beyond the participants it looks at per batch', async () => {
    // The oldest due participants crowd 5 full rooms: those a batch looks at fill only a few rooms.
    const crowded = []
    for (let n = 0; n < 5; n++) crowded.push(await openRoom(50))
    advanceSeconds(5)
    const small = []
    for (let n = 0; n < 60; n++) small.push(await openRoom(1))
    const rooms = [...crowded, ...small]
    const people = 5 * 50 + 60

    advanceSeconds(46)
    expect(await sweepRoomPresence(ctx)).toBe(people)
    const stillHere = await service.db
      .selectFrom('room_participants')
      .select(['away'])
      .where('room_id', 'in', rooms)
      .execute()
    expect(stillHere).toHaveLength(people)
    expect(stillHere.every((participant) => participant.away)).toBe(true)
    expect(await eventsOf('focus.room.presence_changed', rooms)).toHaveLength(people)

    advanceSeconds(300)
    expect(await sweepRoomPresence(ctx)).toBe(people)
    expect(await service.db.selectFrom('room_participants').where('room_id', 'in', rooms).execute()).toEqual([])
    const left = await eventsOf('focus.room.left', rooms)
    expect(left).toHaveLength(people)
    expect(left.every((event) => event.data.reason === 'timeout')).toBe(true)

    advanceSeconds(600)
    expect(await sweepRoomPresence(ctx)).toBe(rooms.length)
    expect(await sweepRoomPresence(ctx)).toBe(0)
  })
})
