import { randomUUID } from 'node:crypto'
import { type ConsumedEvent, createEventApplier } from '@focushub/shared/events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consumerGroup, eventHandlers } from '../../src/consumers/index.ts'
import { type Auth, expectProblem, outboxEvents, startFocusService, type TestService } from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startFocusService()
  service.clock.set('2026-03-30T12:00:00Z')
})
afterAll(() => service.close())

async function setProfile(userId: string, timezone: string, dayStartHour: number) {
  const event: ConsumedEvent<'auth.user.profile_updated'> = {
    id: randomUUID(),
    type: 'auth.user.profile_updated',
    version: 1,
    occurredAt: new Date().toISOString(),
    producer: 'auth-service',
    userId,
    requestId: 'test',
    data: { displayName: 'Ada', timezone, dayStartHour },
  }
  await createEventApplier({ groupId: consumerGroup, handlers: eventHandlers(), db: service.db })([event])
}

const log = (auth: Auth, startedAt: string, minutes: number) =>
  service.app.inject({
    method: 'POST',
    url: '/focus/sessions/manual',
    headers: auth,
    payload: { startedAt, endedAt: new Date(new Date(startedAt).getTime() + minutes * 60_000).toISOString() },
  })

const totalsOf = (userId: string) =>
  service.db.selectFrom('daily_totals').selectAll().where('user_id', '=', userId).orderBy('local_date').execute()

describe('daily totals and the daily goal', () => {
  it('counts sessions for the local day of their start, with dayStartHour and across a DST change', async () => {
    const user = await service.user()
    await setProfile(user.id, 'Europe/Berlin', 4)
    // 2026-03-29: Berlin moves from +01:00 to +02:00 at 02:00 local, a 23-hour calendar day.
    const beforeStart = (await log(user.auth, '2026-03-29T01:30:00Z', 20)).json() // 03:30 CEST, before the day starts
    const afterStart = (await log(user.auth, '2026-03-29T04:30:00Z', 20)).json() // 06:30 CEST
    const lateNight = (await log(user.auth, '2026-03-30T01:00:00Z', 10)).json() // 03:00 CEST next night
    expect([beforeStart.localDate, afterStart.localDate, lateNight.localDate]).toEqual([
      '2026-03-28',
      '2026-03-29',
      '2026-03-29',
    ])
    expect((await totalsOf(user.id)).map((row) => [row.local_date, row.focused_seconds, row.sessions])).toEqual([
      ['2026-03-28', 1200, 1],
      ['2026-03-29', 1800, 2],
    ])
  })

  it('keeps each session on the day fixed when written when the timezone changes', async () => {
    const user = await service.user()
    await setProfile(user.id, 'America/New_York', 0)
    const before = (await log(user.auth, '2026-03-30T02:00:00Z', 15)).json() // 22:00 on the 29th in New York
    await setProfile(user.id, 'Asia/Tokyo', 0)
    const after = (await log(user.auth, '2026-03-30T03:00:00Z', 15)).json() // 12:00 on the 30th in Tokyo
    expect([before.localDate, after.localDate]).toEqual(['2026-03-29', '2026-03-30'])
    const stored = await service.app.inject({ method: 'GET', url: `/focus/sessions/${before.id}`, headers: user.auth })
    expect(stored.json().localDate).toBe('2026-03-29')
    const goal = (await service.app.inject({ method: 'GET', url: '/focus/goal', headers: user.auth })).json()
    expect(goal.today).toMatchObject({ localDate: '2026-03-30', focusedMinutes: 15 })
  })

  it('publishes focus.daily_goal.achieved once per local day; the award stands after a delete', async () => {
    const user = await service.user()
    await setProfile(user.id, 'Europe/Berlin', 0)
    const put = await service.app.inject({
      method: 'PUT',
      url: '/focus/goal',
      headers: user.auth,
      payload: { minutes: 30 },
    })
    expect(put.json()).toMatchObject({ minutes: 30, today: { localDate: '2026-03-30', achieved: false } })
    await log(user.auth, '2026-03-30T06:00:00Z', 20)
    const second = (await log(user.auth, '2026-03-30T07:00:00Z', 15)).json()
    await log(user.auth, '2026-03-30T08:00:00Z', 15)
    const awards = await outboxEvents(service.db, { type: 'focus.daily_goal.achieved', userId: user.id })
    expect(awards.map((e) => e.data)).toEqual([{ localDate: '2026-03-30', goalMinutes: 30, focusedMinutes: 35 }])

    const removed = await service.app.inject({
      method: 'DELETE',
      url: `/focus/sessions/${second.id}`,
      headers: user.auth,
    })
    expect(removed.statusCode).toBe(204)
    const goal = (await service.app.inject({ method: 'GET', url: '/focus/goal', headers: user.auth })).json()
    expect(goal.today).toMatchObject({ focusedMinutes: 50 - 15, achieved: true })
    await log(user.auth, '2026-03-30T09:00:00Z', 30)
    expect(await outboxEvents(service.db, { type: 'focus.daily_goal.achieved', userId: user.id })).toHaveLength(1)
  })

  it('gives the award at once when the goal is lowered to what today holds', async () => {
    const user = await service.user()
    await log(user.auth, '2026-03-30T06:00:00Z', 45)
    const put = await service.app.inject({
      method: 'PUT',
      url: '/focus/goal',
      headers: user.auth,
      payload: { minutes: 40 },
    })
    expect(put.json().today).toMatchObject({ focusedMinutes: 45, achieved: true })
    expect(await outboxEvents(service.db, { type: 'focus.daily_goal.achieved', userId: user.id })).toHaveLength(1)
  })

  it('validates the goal and the settings', async () => {
    const { auth } = await service.user()
    expectProblem(
      await service.app.inject({ method: 'PUT', url: '/focus/goal', headers: auth, payload: { minutes: 0 } }),
      400,
    )
    expectProblem(await service.app.inject({ method: 'PUT', url: '/focus/goal', headers: auth, payload: {} }), 400)
    const settings = { workMinutes: 50, shortBreakMinutes: 10, longBreakMinutes: 30, cyclesBeforeLongBreak: 2 }
    expect((await service.app.inject({ method: 'GET', url: '/focus/settings', headers: auth })).json()).toEqual({
      workMinutes: 25,
      shortBreakMinutes: 5,
      longBreakMinutes: 15,
      cyclesBeforeLongBreak: 4,
    })
    const saved = await service.app.inject({ method: 'PUT', url: '/focus/settings', headers: auth, payload: settings })
    expect(saved.json()).toEqual(settings)
    expectProblem(
      await service.app.inject({
        method: 'PUT',
        url: '/focus/settings',
        headers: auth,
        payload: { ...settings, workMinutes: 181 },
      }),
      400,
    )
    const started = await service.app.inject({ method: 'POST', url: '/focus/sessions', headers: auth, payload: {} })
    expect(started.json().plan).toEqual(settings)
  })
})
