import { serviceAuthorization } from '@focushub/shared/auth'
import { readWholeExport } from '@focushub/shared/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkIn, createHabit, expectProblem, newUser, startHabitService, type TestService } from './support.ts'

const secret = 'a-notification-secret-for-tests'
let service: TestService
const userId = newUser()
const stranger = newUser()
let read: string
let run: string

const asNotificationService = { authorization: serviceAuthorization('notification-service', secret) }
const exportOf = (id: string, query: string, headers: Record<string, string> = asNotificationService) =>
  service.app.inject({ method: 'GET', url: `/internal/users/${id}/export${query}`, headers })

beforeAll(async () => {
  service = await startHabitService({
    HABIT_BACKFILL_DAYS: '7',
    HABIT_INTERNAL_CALLERS: `notification-service:${secret}`,
  })
  // The clock stands at 2026-03-10, 12:00Z.
  read = (await createHabit(service, userId, { name: 'Read', startDate: '2026-03-01' })).id
  run = (await createHabit(service, userId, { name: 'Run', startDate: '2026-03-01' })).id
  for (const date of ['2026-03-05', '2026-03-06', '2026-03-07']) await checkIn(service, userId, read, date)
  await checkIn(service, userId, run, '2026-03-06', 'skipped')
  await checkIn(service, userId, run, '2026-03-08')
  const theirs = (await createHabit(service, stranger, { name: 'Not yours', startDate: '2026-03-01' })).id
  await checkIn(service, stranger, theirs, '2026-03-06')
})
afterAll(() => service.close())

const get = async (url: string) =>
  (await service.app.inject({ method: 'GET', url, headers: await service.bearer(userId) })).json()

describe('GET /internal/users/{userId}/export', () => {
  it('pages through the habits, every check-in by day, the achievements and points, as the API shows them', async () => {
    const { collections } = await readWholeExport((query) => exportOf(userId, query), 2)
    expect(Object.keys(collections)).toEqual(['habits', 'check-ins', 'achievements', 'rewards'])
    expect(collections.habits).toEqual([await get(`/habits/${read}`), await get(`/habits/${run}`)])
    // By day, then habit; each check-in once.
    const expected = [
      ['2026-03-05', read, 'done'],
      ['2026-03-06', read, 'done'],
      ['2026-03-06', run, 'skipped'],
      ['2026-03-07', read, 'done'],
      ['2026-03-08', run, 'done'],
    ].sort(([dayA, habitA], [dayB, habitB]) => dayA.localeCompare(dayB) || habitA.localeCompare(habitB))
    expect(collections['check-ins'].map((item) => [item.date, item.habitId, item.status])).toEqual(expected)
    expect(collections['check-ins'][0]).toEqual({
      habitId: read,
      date: '2026-03-05',
      status: 'done',
      value: null,
      source: 'user',
    })
    const rewards = await get('/rewards')
    expect(collections.achievements).toEqual(rewards.unlocked)
    expect(collections.rewards).toEqual([{ points: rewards.points }])
    expect(JSON.stringify(collections)).not.toContain('Not yours')
  })

  it('answers only notification-service’s credential (401), and refuses a cursor it did not make (400)', async () => {
    expectProblem(await exportOf(userId, '', await service.bearer(userId)), 401, 'unauthorized')
    expectProblem(await exportOf(userId, '', {}), 401, 'unauthorized')
    const forgedKey = Buffer.from(JSON.stringify([1, ['2026-02-30', read]])).toString('base64url')
    expectProblem(await exportOf(userId, `?after=${forgedKey}`), 400, 'validation-failed')
  })
})
