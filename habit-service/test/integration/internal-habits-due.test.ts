import { serviceAuthorization } from '@focushub/shared/auth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  checkIn as checkInAs,
  createHabit,
  expectProblem,
  newUser,
  startHabitService,
  type TestService,
} from './support.ts'

const secret = 'a-notification-secret-for-tests'
let service: TestService
const userId = newUser()
const habits: Record<string, string> = {}

const asNotificationService = { authorization: serviceAuthorization('notification-service', secret) }
const habitsDue = (id: string, headers: Record<string, string>, query = '') =>
  service.app.inject({ method: 'GET', url: `/internal/users/${id}/habits-due${query}`, headers })

const checkIn = (habitId: string, date: string, status = 'done') => checkInAs(service, userId, habitId, date, status)

beforeAll(async () => {
  service = await startHabitService({
    HABIT_BACKFILL_DAYS: '7',
    HABIT_INTERNAL_CALLERS: `notification-service:${secret},task-service:another-secret-of-16`,
  })
  // The clock stands at 2026-03-10 (a Tuesday), 12:00Z; the user's profile is unknown, so UTC.
  habits.read = (await createHabit(service, userId, { name: 'Read', startDate: '2026-03-01' })).id
  habits.run = (
    await createHabit(service, userId, {
      name: 'Run',
      startDate: '2026-03-01',
      schedule: { type: 'weekdays', days: [1, 3, 5] },
    })
  ).id
  habits.write = (await createHabit(service, userId, { name: 'Write', startDate: '2026-03-01' })).id
  for (const date of ['2026-03-07', '2026-03-08', '2026-03-09']) await checkIn(habits.read, date)
  await checkIn(habits.write, '2026-03-10')
})
afterAll(() => service.close())

describe('GET /internal/users/{userId}/habits-due', () => {
  it('answers the habits due on the user’s local today, with streak and that day’s check-in', async () => {
    const response = await habitsDue(userId, asNotificationService)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual({
      localDate: '2026-03-10',
      count: 2,
      items: [
        { id: habits.read, name: 'Read', unit: 'days', currentStreak: 3, checkIn: null },
        { id: habits.write, name: 'Write', unit: 'days', currentStreak: 1, checkIn: 'done' },
      ],
    })
  })

  it('answers for a named local date (a Wednesday: Run is due), `limit` of them listed', async () => {
    const response = await habitsDue(userId, asNotificationService, '?date=2026-03-11&limit=2')
    expect(response.statusCode, response.body).toBe(200)
    const answer = response.json()
    expect(answer).toMatchObject({ localDate: '2026-03-11', count: 3 })
    expect(answer.items.map((habit: { name: string }) => habit.name)).toEqual(['Read', 'Run'])
  })

  it('refuses a user’s access token, no credential, and a service not listed or with the wrong secret (401)', async () => {
    const basic = (value: string) => ({ authorization: `Basic ${Buffer.from(value).toString('base64')}` })
    for (const headers of [
      await service.bearer(userId),
      {},
      basic(`task-service:${secret}`),
      basic('notification-service:another-secret-of-16'),
    ]) {
      expectProblem(await habitsDue(userId, headers), 401, 'unauthorized')
    }
  })

  it('validates the user id, the date and the limit', async () => {
    expectProblem(await habitsDue('nope', asNotificationService), 400)
    expectProblem(await habitsDue(userId, asNotificationService, '?date=2026-02-30'), 400)
    expectProblem(await habitsDue(userId, asNotificationService, '?limit=51'), 400)
  })
})
