import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHabit, expectProblem, newUser, startHabitService, type TestService } from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startHabitService()
})
afterAll(() => service.close())

describe('habits', () => {
  it('creates a daily yes/no habit starting today, with an empty summary', async () => {
    const habit = await createHabit(service, newUser(), { color: '#aabbcc', icon: '📚' })
    expect(habit).toMatchObject({
      kind: 'boolean',
      schedule: { type: 'daily' },
      startDate: '2026-03-10',
      today: '2026-03-10',
      version: 1,
      summary: { currentStreak: 0, bestStreak: 0, dueToday: true, today: null, unit: 'days' },
    })
  })

  it('lists my habits in my order, paged, never another user’s', async () => {
    const me = newUser()
    const first = await createHabit(service, me, { name: 'A' })
    const second = await createHabit(service, me, { name: 'B' })
    await createHabit(service, newUser(), { name: 'Theirs' })
    const headers = await service.bearer(me)
    const page1 = await service.app.inject({ method: 'GET', url: '/habits?limit=1', headers })
    expect(page1.json().items.map((h: { id: string }) => h.id)).toEqual([first.id])
    const page2 = await service.app.inject({
      method: 'GET',
      url: `/habits?limit=1&cursor=${page1.json().nextCursor}`,
      headers,
    })
    expect(page2.json()).toMatchObject({ items: [{ id: second.id }], nextCursor: null })
  })

  it('reorders, archives and restores with versions; a stale version answers 412', async () => {
    const me = newUser()
    const habit = await createHabit(service, me)
    const headers = await service.bearer(me)
    const moved = await service.app.inject({
      method: 'PATCH',
      url: `/habits/${habit.id}`,
      headers,
      payload: { position: 7, archived: true, version: 1 },
    })
    expect(moved.json()).toMatchObject({ position: 7, archived: true, version: 2 })
    const stale = await service.app.inject({
      method: 'PATCH',
      url: `/habits/${habit.id}`,
      headers: { ...headers, 'if-match': '"1"' },
      payload: { name: 'Again' },
    })
    expectProblem(stale, 412)
    const archived = await service.app.inject({ method: 'GET', url: '/habits?archived=true', headers })
    expect(archived.json().items.map((h: { id: string }) => h.id)).toEqual([habit.id])
  })

  it('makes a focus-linked habit measurable in minutes', async () => {
    const habit = await createHabit(service, newUser(), { focusLinked: true, target: 60 })
    expect(habit).toMatchObject({ kind: 'measurable', unit: 'minutes', targetType: 'at_least', target: 60 })
  })

  it('answers 404 for another user’s habit on every route', async () => {
    const habit = await createHabit(service, newUser())
    const headers = await service.bearer(newUser())
    const attempts = [
      { method: 'GET' as const, url: `/habits/${habit.id}` },
      { method: 'PATCH' as const, url: `/habits/${habit.id}`, payload: { name: 'Mine now' } },
      { method: 'DELETE' as const, url: `/habits/${habit.id}` },
      { method: 'POST' as const, url: `/habits/${habit.id}/check-ins`, payload: { status: 'done' } },
      { method: 'DELETE' as const, url: `/habits/${habit.id}/check-ins/2026-03-10` },
      { method: 'GET' as const, url: `/habits/${habit.id}/stats` },
    ]
    for (const attempt of attempts) expectProblem(await service.app.inject({ ...attempt, headers }), 404)
  })

  it('refuses requests without a token', async () => {
    expectProblem(await service.app.inject({ method: 'GET', url: '/habits' }), 401)
    expectProblem(await service.app.inject({ method: 'GET', url: '/achievements' }), 401)
    expectProblem(await service.app.inject({ method: 'GET', url: '/rewards' }), 401)
  })

  it('answers bad input with 4xx problems naming the field', async () => {
    const me = newUser()
    const headers = await service.bearer(me)
    const cases: [Record<string, unknown>, number][] = [
      [{}, 400],
      [{ name: '' }, 400],
      [{ name: ' \t ' }, 400],
      [{ name: 'x', extra: 1 }, 400],
      [{ name: 'x', color: 'red' }, 400],
      [{ name: 'x', schedule: { type: 'weekdays', days: [8] } }, 400],
      [{ name: 'x', schedule: { type: 'times_per_week', times: 0 } }, 400],
      [{ name: 'x', startDate: '2026-02-30' }, 400],
      // The kind and target rules are the create schema's, so a client can know them.
      [{ name: 'x', kind: 'measurable' }, 400],
      [{ name: 'x', kind: 'boolean', target: 3 }, 400],
      [{ name: 'x', unit: 'km' }, 400],
      [{ name: 'x', focusLinked: true }, 400],
      [{ name: 'x', focusLinked: true, target: 30, targetType: 'at_most' }, 400],
      [{ name: 'x', focusLinked: true, target: 30.5 }, 400],
      [{ name: 'x', focusLinked: true, target: 1441 }, 400],
    ]
    for (const [payload, status] of cases) {
      expectProblem(await service.app.inject({ method: 'POST', url: '/habits', headers, payload }), status)
    }
    const blank = await service.app.inject({ method: 'POST', url: '/habits', headers, payload: { name: '   ' } })
    expect(expectProblem(blank, 400).errors?.map((e) => e.field)).toEqual(['/body/name'])
    const habit = await createHabit(service, me)
    const renamed = await service.app.inject({
      method: 'PATCH',
      url: `/habits/${habit.id}`,
      headers,
      payload: { name: ' ' },
    })
    expect(expectProblem(renamed, 400).errors?.map((e) => e.field)).toEqual(['/body/name'])
    expectProblem(await service.app.inject({ method: 'GET', url: '/habits/not-a-uuid', headers }), 400)
    expectProblem(await service.app.inject({ method: 'GET', url: '/habits?limit=500', headers }), 400)
    expectProblem(await service.app.inject({ method: 'GET', url: '/habits?cursor=abc', headers }), 400)
  })

  it('keeps a start date within HABIT_START_DATE_RANGE_DAYS of today (422 naming /body/startDate)', async () => {
    const me = newUser()
    const headers = await service.bearer(me)
    // Today is 2026-03-10; the range is 366 days either way. Stats walk every day from the start.
    for (const startDate of ['1000-01-01', '2025-03-08', '2027-03-12']) {
      const created = await service.app.inject({
        method: 'POST',
        url: '/habits',
        headers,
        payload: { name: 'x', startDate },
      })
      expect(expectProblem(created, 422).errors?.map((e) => e.field)).toEqual(['/body/startDate'])
    }
    const habit = await createHabit(service, me, { startDate: '2025-03-09' })
    const moved = await service.app.inject({
      method: 'PATCH',
      url: `/habits/${habit.id}`,
      headers,
      payload: { startDate: '1900-01-01' },
    })
    expect(expectProblem(moved, 422).errors?.map((e) => e.field)).toEqual(['/body/startDate'])
    expect((await createHabit(service, me, { startDate: '2027-03-11' })).id).toBeDefined()
  })

  it('deletes a habit', async () => {
    const me = newUser()
    const habit = await createHabit(service, me)
    const headers = await service.bearer(me)
    const deleted = await service.app.inject({ method: 'DELETE', url: `/habits/${habit.id}`, headers })
    expect(deleted.statusCode).toBe(204)
    expectProblem(await service.app.inject({ method: 'GET', url: `/habits/${habit.id}`, headers }), 404)
  })
})
