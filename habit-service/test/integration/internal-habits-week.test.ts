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

const asNotificationService = { authorization: serviceAuthorization('notification-service', secret) }
const habitsWeek = (id: string, query: string, headers: Record<string, string> = asNotificationService) =>
  service.app.inject({ method: 'GET', url: `/internal/users/${id}/habits-week${query}`, headers })

const checkIn = (habitId: string, date: string, status = 'done') => checkInAs(service, userId, habitId, date, status)

beforeAll(async () => {
  service = await startHabitService({
    HABIT_BACKFILL_DAYS: '7',
    HABIT_INTERNAL_CALLERS: `notification-service:${secret}`,
  })
  // The clock stands at 2026-03-10 (a Tuesday), 12:00Z; the user's profile is unknown, so UTC.
  // The week asked about: Monday 2026-03-02 to Sunday 2026-03-08.
  const habit = async (body: Record<string, unknown>) => (await createHabit(service, userId, body)).id
  const read = await habit({ name: 'Read', startDate: '2026-03-01' })
  const run = await habit({ name: 'Run', startDate: '2026-03-01', schedule: { type: 'weekdays', days: [1, 3, 5] } })
  const gym = await habit({ name: 'Gym', startDate: '2026-03-04', schedule: { type: 'times_per_week', times: 2 } })
  const water = await habit({ name: 'Plants', startDate: '2026-03-01', schedule: { type: 'every_n_days', days: 3 } })
  const later = await habit({ name: 'Later', startDate: '2026-03-09' })
  for (const date of ['2026-03-03', '2026-03-04']) await checkIn(read, date)
  await checkIn(read, '2026-03-05', 'skipped')
  await checkIn(run, '2026-03-04')
  await checkIn(run, '2026-03-07')
  for (const date of ['2026-03-05', '2026-03-06', '2026-03-07']) await checkIn(gym, date)
  await checkIn(water, '2026-03-05')
  await checkIn(later, '2026-03-09')
})
afterAll(() => service.close())

describe('GET /internal/users/{userId}/habits-week', () => {
  it('counts the done days the habits asked for in the span and those done, each period up to its quota', async () => {
    const response = await habitsWeek(userId, '?from=2026-03-02&to=2026-03-08')
    expect(response.statusCode, response.body).toBe(200)
    // Read: 7 days, 2 done (a skip is not done). Run: Mon, Wed, Fri, done Wednesday (Saturday is not
    // a Run day). Gym: 2 of a week cut by its start, done 3 times. Plants: the stretches 1–3 and 4–6
    // March end in the week, the second kept. Later had not started.
    expect(response.json()).toEqual({ from: '2026-03-02', to: '2026-03-08', habitsDue: 14, habitsKept: 6 })
  })

  it('answers a user without habits zeros', async () => {
    const response = await habitsWeek(newUser(), '?from=2026-03-02&to=2026-03-08')
    expect(response.json()).toMatchObject({ habitsDue: 0, habitsKept: 0 })
  })

  it('answers only notification-service’s credential (401)', async () => {
    for (const headers of [await service.bearer(userId), {}]) {
      expectProblem(await habitsWeek(userId, '?from=2026-03-02&to=2026-03-08', headers), 401, 'unauthorized')
    }
  })

  it('refuses a span missing, backwards or longer than 31 days (400)', async () => {
    for (const query of ['', '?from=2026-03-08&to=2026-03-02', '?from=2026-03-01&to=2026-04-01', '?from=x&to=y']) {
      expectProblem(await habitsWeek(userId, query), 400)
    }
  })
})
