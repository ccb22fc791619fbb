import { serviceAuthorization } from '@focushub/shared/auth'
import { readWholeExport } from '@focushub/shared/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Auth, expectProblem, startFocusService, type TestService } from './support.ts'

const secret = 'a-notification-secret-for-tests'
let service: TestService
type User = { id: string; auth: Auth }
let owner: User
let other: User
let timedSessionId: string
let openRoomId: string

const asNotificationService = { authorization: serviceAuthorization('notification-service', secret) }
const exportOf = (userId: string, query: string, headers: Record<string, string> = asNotificationService) =>
  service.app.inject({ method: 'GET', url: `/internal/users/${userId}/export${query}`, headers })

async function call(user: User, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) {
  const response = await service.app.inject({ method, url, headers: user.auth, ...(payload ? { payload } : {}) })
  expect(response.statusCode, response.body).toBeLessThan(300)
  return response.statusCode === 204 ? undefined : response.json()
}

async function person(displayName: string): Promise<User> {
  const user = await service.user()
  await service.db
    .insertInto('user_profiles')
    .values({ user_id: user.id, timezone: 'UTC', day_start_hour: 0, as_of: new Date(), display_name: displayName })
    .execute()
  return user
}

const log = (user: User, startedAt: string, minutes: number) =>
  call(user, 'POST', '/focus/sessions/manual', {
    startedAt,
    endedAt: new Date(Date.parse(startedAt) + minutes * 60_000).toISOString(),
  })

const advance = (minutes: number) => service.clock.set(new Date(service.clock.now().getTime() + minutes * 60_000))

beforeAll(async () => {
  service = await startFocusService({ FOCUS_INTERNAL_CALLERS: `notification-service:${secret}` })
  service.clock.set('2026-03-30T12:00:00Z')
  owner = await person('Ada')
  other = await person('Grace')
  const plan = { workMinutes: 50, shortBreakMinutes: 10, longBreakMinutes: 20, cyclesBeforeLongBreak: 3 }
  await call(owner, 'PUT', '/focus/settings', plan)
  await call(owner, 'PUT', '/focus/goal', { minutes: 30 })
  // The 28th reaches its goal with its second session, the 29th with its one.
  await log(owner, '2026-03-28T08:00:00.000Z', 25)
  await log(owner, '2026-03-28T10:00:00.000Z', 10)
  await log(owner, '2026-03-29T08:00:00.000Z', 40)
  await log(other, '2026-03-29T08:00:00.000Z', 60)

  timedSessionId = (await call(owner, 'POST', '/focus/sessions', {})).id
  advance(5)
  await call(owner, 'POST', `/focus/sessions/${timedSessionId}/pause`, { reason: 'Phone call' })
  advance(2)
  await call(owner, 'POST', `/focus/sessions/${timedSessionId}/resume`, {})
  advance(10)
  await call(owner, 'POST', `/focus/sessions/${timedSessionId}/complete`, {})

  // A closed room's chat is gone with it; the open room's is exported, three messages at one instant.
  const closed = await call(owner, 'POST', '/focus/rooms', { name: 'Morning room', visibility: 'public' })
  await call(owner, 'POST', `/focus/rooms/${closed.id}/messages`, { body: 'gone with the room' })
  await call(owner, 'DELETE', `/focus/rooms/${closed.id}`)
  advance(1)
  openRoomId = (await call(owner, 'POST', '/focus/rooms', { name: 'Evening room', visibility: 'private' })).id
  await call(owner, 'POST', `/focus/rooms/${openRoomId}/invitations`, { userIds: [other.id] })
  await call(other, 'POST', `/focus/rooms/${openRoomId}/join`, {})
  for (const body of ['one', 'two', 'three']) await call(owner, 'POST', `/focus/rooms/${openRoomId}/messages`, { body })
  await call(other, 'POST', `/focus/rooms/${openRoomId}/messages`, { body: 'not yours' })
})
afterAll(() => service.close())

describe('GET /internal/users/{userId}/export', () => {
  it("pages through the user's settings, sessions with pauses, goal days, rooms and room messages", async () => {
    const { collections, pages } = await readWholeExport((query) => exportOf(owner.id, query), 2)
    expect(Object.keys(collections)).toEqual(['settings', 'sessions', 'daily-goals', 'rooms', 'room-messages'])
    expect(pages).toBe(10)

    expect(collections.settings).toEqual([
      { workMinutes: 50, shortBreakMinutes: 10, longBreakMinutes: 20, cyclesBeforeLongBreak: 3, dailyGoalMinutes: 30 },
    ])

    const { sessions } = collections
    expect(sessions.map((session) => [session.kind, session.startedAt])).toEqual([
      ['manual', '2026-03-28T08:00:00.000Z'],
      ['manual', '2026-03-28T10:00:00.000Z'],
      ['manual', '2026-03-29T08:00:00.000Z'],
      ['timer', '2026-03-30T12:00:00.000Z'],
    ])
    const detail = await call(owner, 'GET', `/focus/sessions/${timedSessionId}`)
    expect(sessions[3]).toEqual(detail)
    expect(detail).toMatchObject({
      status: 'completed',
      focusedMinutes: 15,
      pauses: [{ startedAt: '2026-03-30T12:05:00.000Z', endedAt: '2026-03-30T12:07:00.000Z', reason: 'Phone call' }],
    })

    expect(collections['daily-goals']).toEqual([
      { localDate: '2026-03-28', goalMinutes: 30, focusedMinutes: 35, achievedAt: '2026-03-30T12:00:00.000Z' },
      { localDate: '2026-03-29', goalMinutes: 30, focusedMinutes: 40, achievedAt: '2026-03-30T12:00:00.000Z' },
    ])

    const { rooms } = collections
    expect(rooms.map((room) => [room.name, room.status])).toEqual([
      ['Morning room', 'closed'],
      ['Evening room', 'open'],
    ])
    expect(rooms[1]).toEqual({
      id: openRoomId,
      name: 'Evening room',
      visibility: 'private',
      tags: [],
      capacity: 10,
      participantCount: 2,
      hostId: owner.id,
      hostName: 'Ada',
      timer: expect.objectContaining({ status: 'idle' }),
      anyoneControls: false,
      plan: { workMinutes: 50, shortBreakMinutes: 10, longBreakMinutes: 20, cyclesBeforeLongBreak: 3 },
      status: 'open',
      createdAt: '2026-03-30T12:18:00.000Z',
      closedAt: null,
    })
    expect(rooms[0].closedAt).toBe('2026-03-30T12:17:00.000Z')

    const chat = (await call(owner, 'GET', `/focus/rooms/${openRoomId}/messages`)).items as { userId: string }[]
    const mine = chat.filter((message) => message.userId === owner.id).reverse()
    expect(collections['room-messages']).toEqual(mine.map((message) => ({ roomId: openRoomId, ...message })))
    expect(collections['room-messages'].map((message) => message.body)).toEqual(['one', 'two', 'three'])
    expect(collections['room-messages'][0]).toEqual({
      roomId: openRoomId,
      id: expect.any(String),
      userId: owner.id,
      displayName: 'Ada',
      body: 'one',
      createdAt: '2026-03-30T12:18:00.000Z',
    })
  })

  it("leaves out another user's data", async () => {
    const { collections } = await readWholeExport((query) => exportOf(owner.id, query), 2)
    const text = JSON.stringify(collections)
    expect(text).not.toContain('not yours')
    expect(text).not.toContain('gone with the room')
    expect(collections.sessions.map((session) => session.focusedMinutes)).toEqual([25, 10, 40, 15])
    const theirs = await readWholeExport((query) => exportOf(other.id, query), 2)
    expect(theirs.collections.sessions.map((session) => session.focusedMinutes)).toEqual([60])
    expect(theirs.collections.rooms).toEqual([])
    expect(theirs.collections['room-messages'].map((message) => message.body)).toEqual(['not yours'])
  })

  it('answers only a listed service (401 for an access token or no credential)', async () => {
    for (const headers of [owner.auth, {}]) {
      expectProblem(await exportOf(owner.id, '?limit=2', headers), 401, 'unauthorized')
    }
  })

  it('refuses a cursor it did not make (400)', async () => {
    expectProblem(await exportOf(owner.id, '?after=bm90LWEtY3Vyc29y'), 400, 'validation-failed')
  })
})
