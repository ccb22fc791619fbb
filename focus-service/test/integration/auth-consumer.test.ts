import { setTimeout as sleep } from 'node:timers/promises'
import { createEvent, type EventData, type EventType, writeToOutbox } from '@focushub/shared/events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFocusService, type TestService } from './support.ts'

let service: TestService

// The relay runs here: auth events written to this schema's outbox travel through real Kafka
// (topics of this file's own prefix) back to the service's consumer group.
beforeAll(async () => {
  service = await startFocusService({ OUTBOX_RELAY_ENABLED: 'true' })
  service.clock.set('2026-08-01T10:00:00Z')
})
afterAll(() => service.close())

async function publishAuthEvent<T extends EventType>(type: T, userId: string, data: EventData<T>) {
  const { topic, event } = createEvent(type, data, { producer: 'auth-service', userId, requestId: 'test' })
  await writeToOutbox(service.db, topic, event)
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await sleep(100)
  }
}

const count = async (query: { execute(): Promise<unknown[]> }) => (await query.execute()).length
const profiles = (userId: string) =>
  count(service.db.selectFrom('user_profiles').select('user_id').where('user_id', '=', userId))
const sessionsOf = (userId: string) =>
  count(service.db.selectFrom('focus_sessions').select('id').where('user_id', '=', userId))
const totalsOf = (userId: string) =>
  count(service.db.selectFrom('daily_totals').select('user_id').where('user_id', '=', userId))
const sharesTo = (userId: string) =>
  count(service.db.selectFrom('session_shares').select('session_id').where('recipient_id', '=', userId))

describe('auth events', () => {
  it('keeps the profile from auth.user.registered, then erases everything on auth.user.deleted', {
    timeout: 60_000,
  }, async () => {
    const user = await service.user()
    const friend = await service.user()
    await publishAuthEvent('auth.user.registered', user.id, {
      email: 'ada@example.com',
      displayName: 'Ada',
      role: 'user',
      timezone: 'Asia/Tokyo',
      dayStartHour: 5,
    })
    await waitFor(async () => (await profiles(user.id)) === 1)
    const logged = await service.app.inject({
      method: 'POST',
      url: '/focus/sessions/manual',
      headers: user.auth,
      payload: { startedAt: '2026-07-31T19:00:00Z', endedAt: '2026-07-31T19:30:00Z' }, // 04:00 in Tokyo, before 05:00
    })
    expect(logged.json().localDate).toBe('2026-07-31')
    const other = await service.app.inject({
      method: 'POST',
      url: '/focus/sessions/manual',
      headers: friend.auth,
      payload: { startedAt: '2026-07-31T19:00:00Z', endedAt: '2026-07-31T19:30:00Z' },
    })
    const shared = await service.app.inject({
      method: 'POST',
      url: `/focus/sessions/${other.json().id}/shares`,
      headers: friend.auth,
      payload: { userIds: [user.id] },
    })
    // The recipient is shown by the display name their registration carried.
    expect(shared.json().recipients).toEqual([{ userId: user.id, displayName: 'Ada' }])

    await publishAuthEvent('auth.user.deleted', user.id, {})
    await waitFor(async () => (await profiles(user.id)) === 0)
    expect(await sessionsOf(user.id)).toBe(0)
    expect(await totalsOf(user.id)).toBe(0)
    expect(await sharesTo(user.id)).toBe(0)
    expect(await sessionsOf(friend.id)).toBe(1)
    const processed = await service.db.selectFrom('processed_events').selectAll().execute()
    expect(processed.length).toBeGreaterThanOrEqual(2)
  })
})
