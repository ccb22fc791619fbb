import { serviceAuthorization } from '@focushub/shared/auth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Auth, expectProblem, startFocusService, type TestService } from './support.ts'

const secret = 'a-notification-secret-for-tests'
let service: TestService
let user: { id: string; auth: Auth }

const asNotificationService = { authorization: serviceAuthorization('notification-service', secret) }
const focusWeek = (id: string, query: string, headers: Record<string, string> = asNotificationService) =>
  service.app.inject({ method: 'GET', url: `/internal/users/${id}/focus-week${query}`, headers })

const log = (startedAt: string, minutes: number) =>
  service.app.inject({
    method: 'POST',
    url: '/focus/sessions/manual',
    headers: user.auth,
    payload: { startedAt, endedAt: new Date(new Date(startedAt).getTime() + minutes * 60_000).toISOString() },
  })

beforeAll(async () => {
  service = await startFocusService({ FOCUS_INTERNAL_CALLERS: `notification-service:${secret}` })
  service.clock.set('2026-03-30T12:00:00Z')
  user = await service.user()
  // The week of Monday 2026-03-23 (UTC days): two sessions in it, one the Sunday before and one the Monday after.
  for (const [startedAt, minutes] of [
    ['2026-03-22T10:00:00Z', 25],
    ['2026-03-23T00:00:00Z', 25],
    ['2026-03-29T23:00:00Z', 50],
    ['2026-03-30T08:00:00Z', 25],
  ] as const) {
    // Logged the day after (a manual log goes back 7 days at most).
    service.clock.set(new Date(new Date(startedAt).getTime() + 86_400_000).toISOString())
    const logged = await log(startedAt, minutes)
    expect(logged.statusCode, logged.body).toBe(201)
  }
})
afterAll(() => service.close())

describe('GET /internal/users/{userId}/focus-week', () => {
  it('sums the minutes, sessions and pomodoros of the span’s local days', async () => {
    const response = await focusWeek(user.id, '?from=2026-03-23&to=2026-03-29')
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual({
      from: '2026-03-23',
      to: '2026-03-29',
      focusedMinutes: 75,
      sessions: 2,
      pomodoros: expect.any(Number),
    })
  })

  it('answers a span without focus as zeros', async () => {
    const response = await focusWeek(user.id, '?from=2026-03-09&to=2026-03-15')
    expect(response.json()).toMatchObject({ focusedMinutes: 0, sessions: 0, pomodoros: 0 })
  })

  it('answers only notification-service’s credential (401)', async () => {
    for (const headers of [user.auth, {}]) {
      expectProblem(await focusWeek(user.id, '?from=2026-03-23&to=2026-03-29', headers), 401, 'unauthorized')
    }
  })

  it('refuses a span missing, backwards or longer than 31 days (400)', async () => {
    for (const query of ['', '?from=2026-03-29&to=2026-03-23', '?from=2026-03-01&to=2026-04-01']) {
      expectProblem(await focusWeek(user.id, query), 400)
    }
  })
})
