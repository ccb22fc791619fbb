import { saveUserProfile } from '@focushub/shared/events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { refreshDueSummaries } from '../../src/modules/stats/summary-refresher.ts'
import { checkIn as checkInAs, consumed, createHabit, newUser, startHabitService, type TestService } from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startHabitService()
})
afterAll(() => service.close())

async function livingIn(timezone: string) {
  const userId = newUser()
  await saveUserProfile(
    service.db,
    consumed('auth.user.registered', userId, {
      email: `${userId}@example.com`,
      displayName: 'U',
      role: 'user',
      timezone,
      dayStartHour: 0,
    }),
  )
  return userId
}

const checkIn = (userId: string, habitId: string, date: string) => checkInAs(service, userId, habitId, date)

async function summaryDates(habitIds: string[]) {
  const rows = await service.db
    .selectFrom('habits')
    .select(['id', 'summary_as_of'])
    .where('id', 'in', habitIds)
    .execute()
  return Object.fromEntries(rows.map((row) => [row.id, row.summary_as_of]))
}

async function streakBreaks(userId: string) {
  const rows = await service.db
    .selectFrom('outbox')
    .select('envelope')
    .where('key', '=', userId)
    .where('type', '=', 'habit.streak_broken')
    .execute()
  return rows.map((row) => row.envelope.data)
}

/** Each test moves the clock forward from where the last one left it, as real days do. */
describe('summary refresher', () => {
  it('refreshes only the habits of users whose local day has turned over', async () => {
    service.clock.set('2026-03-10T12:00:00Z')
    const east = await livingIn('Australia/Brisbane') // UTC+10: 22:00 on the 10th
    const west = await livingIn('America/Bogota') // UTC−5: 07:00 on the 10th
    const eastHabit = await createHabit(service, east)
    const westHabit = await createHabit(service, west)
    const ids = [eastHabit.id, westHabit.id]
    expect(await summaryDates(ids)).toEqual({ [eastHabit.id]: '2026-03-10', [westHabit.id]: '2026-03-10' })

    service.clock.set('2026-03-10T14:30:00Z') // 00:30 on the 11th in Brisbane, 09:30 on the 10th in Bogotá
    expect(await refreshDueSummaries(service.ctx)).toBe(1)
    expect(await summaryDates(ids)).toEqual({ [eastHabit.id]: '2026-03-11', [westHabit.id]: '2026-03-10' })
    expect(await refreshDueSummaries(service.ctx)).toBe(0)

    service.clock.set('2026-03-11T05:30:00Z') // 00:30 on the 11th in Bogotá
    expect(await refreshDueSummaries(service.ctx)).toBe(1)
    expect(await summaryDates(ids)).toEqual({ [eastHabit.id]: '2026-03-11', [westHabit.id]: '2026-03-11' })
  })

  it('publishes a missed day once, with GET /habits racing the refresher, and a second pass does nothing', async () => {
    service.clock.set('2026-03-11T12:00:00Z')
    const me = newUser() // no profile: UTC, days from midnight
    const habits = []
    for (let i = 0; i < 12; i++) {
      const habit = await createHabit(service, me, { startDate: '2026-03-10' })
      await checkIn(me, habit.id, '2026-03-10')
      habits.push(habit)
    }
    service.clock.set('2026-03-13T00:30:00Z') // the 11th and 12th went by unchecked
    const headers = await service.bearer(me)
    const [, ...reads] = await Promise.all([
      refreshDueSummaries(service.ctx),
      service.app.inject({ method: 'GET', url: '/habits', headers }),
      service.app.inject({ method: 'GET', url: `/habits/${habits[0]?.id}`, headers }),
      service.app.inject({ method: 'GET', url: '/habits?limit=5', headers }),
    ])
    for (const read of reads) expect(read.statusCode).toBe(200)
    const list = reads[0]?.json() as { items: { summary: Record<string, unknown> }[] }
    for (const item of list.items) {
      expect(item.summary).toMatchObject({ currentStreak: 0, lastBreak: { date: '2026-03-11', previousStreak: 1 } })
    }
    const breaks = await streakBreaks(me)
    expect(breaks).toHaveLength(habits.length)
    expect(new Set(breaks.map((data) => data.habitId))).toEqual(new Set(habits.map((habit) => habit.id)))

    expect(await refreshDueSummaries(service.ctx)).toBe(0)
    await service.app.inject({ method: 'GET', url: '/habits', headers })
    expect(await streakBreaks(me)).toHaveLength(habits.length)
  })

  it('publishes a break found by time alone without anyone reading', async () => {
    service.clock.set('2026-03-13T12:00:00Z')
    const me = newUser()
    const habit = await createHabit(service, me, { startDate: '2026-03-12' })
    await checkIn(me, habit.id, '2026-03-12')
    service.clock.set('2026-03-15T00:10:00Z')
    expect(await refreshDueSummaries(service.ctx)).toBeGreaterThanOrEqual(1)
    expect(await streakBreaks(me)).toEqual([{ habitId: habit.id, localDate: '2026-03-13', previousStreak: 1 }])
  })

  it('leaves archived habits to the read path, which still refreshes them', async () => {
    service.clock.set('2026-03-15T12:00:00Z')
    const me = newUser()
    const habit = await createHabit(service, me, { startDate: '2026-03-14' })
    await checkIn(me, habit.id, '2026-03-14')
    const headers = await service.bearer(me)
    const archive = await service.app.inject({
      method: 'PATCH',
      url: `/habits/${habit.id}`,
      headers,
      payload: { archived: true },
    })
    expect(archive.statusCode, archive.body).toBe(200)
    service.clock.set('2026-03-18T12:00:00Z')
    await refreshDueSummaries(service.ctx)
    expect(await summaryDates([habit.id])).toEqual({ [habit.id]: '2026-03-15' })
    expect(await streakBreaks(me)).toEqual([])

    const read = await service.app.inject({ method: 'GET', url: `/habits/${habit.id}`, headers })
    expect(read.json()).toMatchObject({ archived: true, summary: { currentStreak: 0 } })
    expect(await summaryDates([habit.id])).toEqual({ [habit.id]: '2026-03-18' })
  })
})
