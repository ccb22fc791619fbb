import { serviceAuthorization } from '@focushub/shared/auth'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkInsOfHabits } from '../../src/modules/check-ins/check-ins.repository.ts'
import { shapeOf } from '../../src/modules/stats/summaries.service.ts'
import { summarize } from '../../src/modules/stats/summary.ts'
import { checkIn as checkInAs, createHabit, newUser, startHabitService, type TestService } from './support.ts'

// The route answers a user's today from the habits' stored summaries: these tests hold its streaks to
// what summarizing every check-in gives (the route's answer before it read the stored ones).
const secret = 'a-notification-secret-for-tests'
let service: TestService
const userId = newUser()
const habits: Record<string, string> = {}

const asNotificationService = { authorization: serviceAuthorization('notification-service', secret) }

interface DueAnswer {
  localDate: string
  count: number
  items: { id: string; name: string; unit: string; currentStreak: number; checkIn: string | null }[]
}

async function habitsDue(query = ''): Promise<DueAnswer> {
  const response = await service.app.inject({
    method: 'GET',
    url: `/internal/users/${userId}/habits-due?limit=50${query}`,
    headers: asNotificationService,
  })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

const checkIn = (habitId: string, date: string, status = 'done') => checkInAs(service, userId, habitId, date, status)

/** The answer as summarizing every check-in of every active habit gives it, for a local date. */
async function fromEveryCheckIn(localDate: string): Promise<DueAnswer> {
  const rows = await service.db
    .selectFrom('habits')
    .selectAll()
    .where('user_id', '=', userId)
    .where('archived_at', 'is', null)
    .orderBy('position')
    .orderBy('id')
    .execute()
  const checkIns = await checkInsOfHabits(
    service.db,
    rows.map((row) => row.id),
  )
  const items = rows.flatMap((habit) => {
    const facts = (checkIns.get(habit.id) ?? []).map((c) => ({
      localDate: c.local_date,
      status: c.status,
      value: c.value,
    }))
    const summary = summarize(shapeOf(habit), facts, localDate)
    if (!summary.dueToday) return []
    const { unit, currentStreak, today } = summary
    return [{ id: habit.id, name: habit.name, unit, currentStreak, checkIn: today?.status ?? null }]
  })
  return { localDate, count: items.length, items }
}

const storedAsOf = async (habitId: string) =>
  await service.db
    .selectFrom('habits')
    .select(['summary', 'summary_as_of'])
    .where('id', '=', habitId)
    .executeTakeFirstOrThrow()

beforeAll(async () => {
  service = await startHabitService({
    HABIT_BACKFILL_DAYS: '60',
    HABIT_INTERNAL_CALLERS: `notification-service:${secret}`,
  })
  // The clock stands at 2026-03-10 (a Tuesday), 12:00Z; the user's profile is unknown, so UTC.
  const habit = async (name: string, body: Record<string, unknown> = {}) =>
    (await createHabit(service, userId, { name, startDate: '2026-02-01', ...body })).id
  habits.meditate = await habit('Meditate')
  habits.gym = await habit('Gym', { schedule: { type: 'times_per_week', times: 3 } })
  habits.run = await habit('Run', { schedule: { type: 'weekdays', days: [1, 3, 5] } })
  habits.plants = await habit('Plants', { schedule: { type: 'every_n_days', days: 3 } })
  // Meditate: five weeks done but for a day (a freeze covers it), two days missed in a row (freezes spent,
  // then a break), a skip, and today done.
  for (let day = 1; day <= 37; day++) {
    const date = new Date(Date.UTC(2026, 1, day)).toISOString().slice(0, 10)
    if (['2026-02-10', '2026-02-24', '2026-02-25'].includes(date)) continue
    await checkIn(habits.meditate, date, date === '2026-03-03' ? 'skipped' : 'done')
  }
  await checkIn(habits.meditate, '2026-03-10')
  for (const date of ['2026-02-23', '2026-02-25', '2026-02-27', '2026-03-02', '2026-03-04', '2026-03-06', '2026-03-09'])
    await checkIn(habits.gym, date)
  for (const date of ['2026-02-27', '2026-03-02', '2026-03-04', '2026-03-06']) await checkIn(habits.run, date)
  for (const date of ['2026-03-02', '2026-03-05', '2026-03-08']) await checkIn(habits.plants, date)
})
afterAll(() => service.close())

describe('GET /internal/users/{userId}/habits-due: streaks from the stored summaries', () => {
  it('answers today what summarizing every check-in answers (freezes, breaks, skips, weekly quotas)', async () => {
    const expected = await fromEveryCheckIn('2026-03-10')
    expect(expected.items.find((item) => item.id === habits.meditate)?.currentStreak).toBeGreaterThan(7)
    expect(await habitsDue()).toEqual(expected)
  })

  it('refreshes a summary stored for an earlier day, and stores it for today', async () => {
    await sql`update habits set summary = jsonb_set(summary, '{currentStreak}', '99'), summary_as_of = '2026-03-09'
      where id = ${habits.meditate}`.execute(service.db)
    expect(await habitsDue()).toEqual(await fromEveryCheckIn('2026-03-10'))
    const stored = await storedAsOf(habits.meditate)
    expect(stored.summary_as_of).toBe('2026-03-10')
    expect(stored.summary?.currentStreak).not.toBe(99)
  })

  it('answers another day from the check-ins, storing nothing', async () => {
    const before = await storedAsOf(habits.gym)
    for (const date of ['2026-03-11', '2026-03-09', '2026-02-20']) {
      expect(await habitsDue(`&date=${date}`)).toEqual(await fromEveryCheckIn(date))
    }
    expect(await storedAsOf(habits.gym)).toEqual(before)
  })

  it('answers a check-in written after an ask at the next one', async () => {
    await habitsDue()
    await checkIn(habits.run, '2026-03-09', 'skipped')
    await checkIn(habits.plants, '2026-03-10')
    const answer = await habitsDue()
    expect(answer).toEqual(await fromEveryCheckIn('2026-03-10'))
    expect(answer.items.find((item) => item.id === habits.plants)).toBeUndefined()
  })
})
