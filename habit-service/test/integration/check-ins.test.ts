import { saveUserProfile } from '@focushub/shared/events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  consumed,
  createHabit,
  expectProblem,
  newUser,
  outboxEvents,
  startHabitService,
  type TestService,
} from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startHabitService({ HABIT_BACKFILL_DAYS: '3' })
})
afterAll(() => service.close())

async function post(userId: string, habitId: string, payload: Record<string, unknown>) {
  return service.app.inject({
    method: 'POST',
    url: `/habits/${habitId}/check-ins`,
    headers: await service.bearer(userId),
    payload,
  })
}

describe('check-ins', () => {
  it('checks in today, publishes habit.checked_in with the streak, and undoes', async () => {
    const me = newUser()
    const habit = await createHabit(service, me, { startDate: '2026-03-07' })
    for (const date of ['2026-03-08', '2026-03-09'])
      expect((await post(me, habit.id, { date, status: 'done' })).statusCode).toBe(200)
    const today = await post(me, habit.id, { status: 'done' })
    expect(today.json()).toMatchObject({
      checkIn: { date: '2026-03-10', status: 'done', source: 'user' },
      habit: { summary: { currentStreak: 3, today: { status: 'done' } } },
    })
    const event = (await outboxEvents(service.db, { type: 'habit.checked_in', userId: me })).at(-1)
    expect(event?.data).toMatchObject({ habitId: habit.id, localDate: '2026-03-10', currentStreak: 3 })

    const undo = await service.app.inject({
      method: 'DELETE',
      url: `/habits/${habit.id}/check-ins/2026-03-10`,
      headers: await service.bearer(me),
    })
    expect(undo.statusCode).toBe(204)
    const after = await service.app.inject({
      method: 'GET',
      url: `/habits/${habit.id}`,
      headers: await service.bearer(me),
    })
    expect(after.json().summary).toMatchObject({ currentStreak: 2, today: null })
  })

  it('takes values for measurable habits: done at the target, partial below', async () => {
    const me = newUser()
    const habit = await createHabit(service, me, { kind: 'measurable', target: 8, unit: 'glasses' })
    expect((await post(me, habit.id, { value: 5 })).json().checkIn).toMatchObject({ status: 'partial', value: 5 })
    expect((await post(me, habit.id, { value: 8 })).json().checkIn).toMatchObject({ status: 'done', value: 8 })
    expectProblem(await post(me, habit.id, { status: 'done' }), 422, 'check-in-kind-mismatch')
    const atMost = await createHabit(service, me, { kind: 'measurable', target: 2, targetType: 'at_most' })
    expect((await post(me, atMost.id, { value: 1 })).json().checkIn.status).toBe('done')
  })

  it('keeps check-ins inside the backfill window and never after today', async () => {
    const me = newUser()
    const habit = await createHabit(service, me, { startDate: '2026-01-01' })
    expect((await post(me, habit.id, { date: '2026-03-07', status: 'done' })).statusCode).toBe(200)
    const tooOld = expectProblem(await post(me, habit.id, { date: '2026-03-06', status: 'done' }), 422)
    const notBegun = expectProblem(await post(me, habit.id, { date: '2026-03-11', status: 'done' }), 422)
    const late = await createHabit(service, me, { startDate: '2026-03-10' })
    const beforeStart = expectProblem(await post(me, late.id, { date: '2026-03-09', status: 'done' }), 422)
    // Each refusal has its own code, where all three once answered `unprocessable`.
    expect([tooOld.code, notBegun.code, beforeStart.code]).toEqual([
      'outside-backfill-window',
      'day-not-begun',
      'before-habit-start',
    ])
  })

  it("uses the user's local day: late evening in Los Angeles is still the 9th", async () => {
    const me = newUser()
    await saveUserProfile(
      service.db,
      consumed('auth.user.registered', me, {
        email: 'a@example.com',
        displayName: 'A',
        role: 'user',
        timezone: 'America/Los_Angeles',
        dayStartHour: 0,
      }),
    )
    service.clock.set('2026-03-10T06:00:00Z')
    try {
      const habit = await createHabit(service, me)
      expect(habit).toMatchObject({ startDate: '2026-03-09', today: '2026-03-09' })
      expect((await post(me, habit.id, { status: 'done' })).json().checkIn.date).toBe('2026-03-09')
      expectProblem(await post(me, habit.id, { date: '2026-03-10', status: 'done' }), 422)
    } finally {
      service.clock.set('2026-03-10T12:00:00Z')
    }
  })

  it('answers bad check-in input with 4xx problems', async () => {
    const me = newUser()
    const habit = await createHabit(service, me)
    expectProblem(await post(me, habit.id, {}), 400)
    expectProblem(await post(me, habit.id, { status: 'maybe' }), 400)
    expectProblem(await post(me, habit.id, { status: 'done', extra: true }), 400)
    expectProblem(await post(me, habit.id, { date: '2026-02-30', status: 'done' }), 400)
    expectProblem(await post(me, habit.id, { value: 3 }), 422)
    expectProblem(await post(me, habit.id, { status: 'done', value: 3 }), 422)
    const headers = await service.bearer(me)
    expectProblem(
      await service.app.inject({ method: 'DELETE', url: `/habits/${habit.id}/check-ins/nope`, headers }),
      400,
    )
    expectProblem(
      await service.app.inject({ method: 'DELETE', url: `/habits/${habit.id}/check-ins/2026-03-10`, headers }),
      404,
    )
  })

  it('refuses check-ins on an archived habit', async () => {
    const me = newUser()
    const habit = await createHabit(service, me)
    await service.app.inject({
      method: 'PATCH',
      url: `/habits/${habit.id}`,
      headers: await service.bearer(me),
      payload: { archived: true },
    })
    expectProblem(await post(me, habit.id, { status: 'done' }), 409, 'habit-archived')
  })

  it('publishes habit.streak_broken when a day passes unchecked, once', async () => {
    const me = newUser()
    const habit = await createHabit(service, me, { startDate: '2026-03-08' })
    await post(me, habit.id, { date: '2026-03-08', status: 'done' })
    await post(me, habit.id, { date: '2026-03-09', status: 'done' })
    service.clock.set('2026-03-12T12:00:00Z')
    try {
      const headers = await service.bearer(me)
      const list = await service.app.inject({ method: 'GET', url: '/habits', headers })
      expect(list.json().items[0].summary).toMatchObject({
        currentStreak: 0,
        lastBreak: { date: '2026-03-10', previousStreak: 2 },
      })
      await service.app.inject({ method: 'GET', url: `/habits/${habit.id}`, headers })
      const broken = await service.db
        .selectFrom('outbox')
        .select('envelope')
        .where('key', '=', me)
        .where('type', '=', 'habit.streak_broken')
        .execute()
      const ofThisBreak = broken.filter((row) => row.envelope.data.localDate === '2026-03-10')
      expect(ofThisBreak.map((row) => row.envelope.data)).toEqual([
        { habitId: habit.id, localDate: '2026-03-10', previousStreak: 2 },
      ])
    } finally {
      service.clock.set('2026-03-10T12:00:00Z')
    }
  })

  it('answers stats: streaks, completion, strength and heatmap', async () => {
    const me = newUser()
    const habit = await createHabit(service, me, { startDate: '2026-03-04' })
    for (const date of ['2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10'])
      await post(me, habit.id, { date, status: 'done' })
    const stats = await service.app.inject({
      method: 'GET',
      url: `/habits/${habit.id}/stats`,
      headers: await service.bearer(me),
    })
    expect(stats.statusCode, stats.body).toBe(200)
    expect(stats.json()).toMatchObject({
      currentStreak: 4,
      bestStreak: 4,
      completionRate: { last7Days: 4 / 7, last30Days: 4 / 7, last365Days: 4 / 7 },
      heatmap: { to: '2026-03-10', days: [{ date: '2026-03-07', status: 'done', level: 4 }, {}, {}, {}] },
    })
    expect(stats.json().strength).toBeCloseTo(1 - 0.5 ** (4 / 13), 4)
  })
})
