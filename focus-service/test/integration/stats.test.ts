import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Auth, expectProblem, startFocusService, type TestService } from './support.ts'

let service: TestService

beforeAll(async () => {
  // Stats reach back beyond the default backfill window: wide enough to log 2026-07-01.
  service = await startFocusService({ FOCUS_BACKFILL_DAYS: '30' })
  service.clock.set('2026-07-10T20:00:00Z')
})
afterAll(() => service.close())

const log = (auth: Auth, startedAt: string, minutes: number, taskId?: string) =>
  service.app.inject({
    method: 'POST',
    url: '/focus/sessions/manual',
    headers: auth,
    payload: { startedAt, endedAt: new Date(new Date(startedAt).getTime() + minutes * 60_000).toISOString(), taskId },
  })

describe('stats', () => {
  it('answers per-day minutes, totals, best day, streaks, by task, by hour and the heatmap', async () => {
    const { auth } = await service.user()
    await service.app.inject({ method: 'PUT', url: '/focus/goal', headers: auth, payload: { minutes: 30 } })
    const task = randomUUID()
    await log(auth, '2026-07-08T09:00:00Z', 40, task)
    await log(auth, '2026-07-09T09:00:00Z', 30, task)
    await log(auth, '2026-07-10T14:00:00Z', 50)
    await log(auth, '2026-07-10T15:00:00Z', 10)
    await log(auth, '2026-07-01T09:00:00Z', 90)
    const stats = (await service.app.inject({ method: 'GET', url: '/focus/stats?range=7d', headers: auth })).json()
    expect(stats).toMatchObject({ range: '7d', from: '2026-07-04', to: '2026-07-10' })
    expect(stats.days.map((d: { focusedMinutes: number }) => d.focusedMinutes)).toEqual([0, 0, 0, 0, 40, 30, 60])
    expect(stats.totals).toMatchObject({
      focusedMinutes: 130,
      sessions: 4,
      bestDay: { localDate: '2026-07-10', focusedMinutes: 60 },
    })
    expect(stats.totals.averageMinutesPerDay).toBeCloseTo(18.6)
    expect(stats.goal).toEqual({ minutes: 30, currentStreak: 3, bestStreak: 3 })
    expect(stats.byTask).toEqual(
      expect.arrayContaining([
        { taskId: task, focusedMinutes: 70, sessions: 2 },
        { taskId: null, focusedMinutes: 60, sessions: 2 },
      ]),
    )
    expect(stats.byHour[9].focusedMinutes).toBe(70)
    expect(stats.byHour[14].focusedMinutes).toBe(50)
    expect(stats.heatmap.minutes).toHaveLength(365)
    expect(stats.heatmap.minutes.at(-10)).toBe(90)
    const month = (await service.app.inject({ method: 'GET', url: '/focus/stats?range=30d', headers: auth })).json()
    expect(month.totals.focusedMinutes).toBe(220)
    expect(month.goal.bestStreak).toBe(3)
  })

  it('rejects an unknown range', async () => {
    const { auth } = await service.user()
    expectProblem(await service.app.inject({ method: 'GET', url: '/focus/stats?range=2d', headers: auth }), 400)
    expectProblem(await service.app.inject({ method: 'GET', url: '/focus/stats?range=7d&x=1', headers: auth }), 400)
  })
})
