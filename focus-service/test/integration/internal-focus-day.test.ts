import { serviceAuthorization } from '@focushub/shared/auth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Auth, expectProblem, startFocusService, type TestService } from './support.ts'

const secret = 'a-notification-secret-for-tests'
let service: TestService
let user: { id: string; auth: Auth }

const asNotificationService = { authorization: serviceAuthorization('notification-service', secret) }
const focusDay = (id: string, headers: Record<string, string>, query = '') =>
  service.app.inject({ method: 'GET', url: `/internal/users/${id}/focus-day${query}`, headers })

const log = (startedAt: string, minutes: number) =>
  service.app.inject({
    method: 'POST',
    url: '/focus/sessions/manual',
    headers: user.auth,
    payload: { startedAt, endedAt: new Date(new Date(startedAt).getTime() + minutes * 60_000).toISOString() },
  })

beforeAll(async () => {
  service = await startFocusService({
    FOCUS_INTERNAL_CALLERS: `notification-service:${secret},task-service:another-secret-of-16`,
  })
  service.clock.set('2026-03-30T12:00:00Z')
  user = await service.user()
  await service.app.inject({ method: 'PUT', url: '/focus/goal', headers: user.auth, payload: { minutes: 30 } })
  for (const startedAt of ['2026-03-29T08:00:00Z', '2026-03-29T10:00:00Z']) {
    expect((await log(startedAt, 25)).statusCode).toBe(201)
  }
})
afterAll(() => service.close())

describe('GET /internal/users/{userId}/focus-day', () => {
  it('answers a named local day’s minutes, sessions and whether its goal was reached', async () => {
    const response = await focusDay(user.id, asNotificationService, '?date=2026-03-29')
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual({
      localDate: '2026-03-29',
      focusedMinutes: 50,
      sessions: 2,
      pomodoros: expect.any(Number),
      goalMinutes: 30,
      goalReached: true,
    })
  })

  it('answers the user’s local today when no date is named, a day without focus as zeros', async () => {
    const response = await focusDay(user.id, asNotificationService)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({
      localDate: '2026-03-30',
      focusedMinutes: 0,
      sessions: 0,
      goalReached: false,
    })
  })

  it('refuses a user’s access token, no credential, and a service not listed or with the wrong secret (401)', async () => {
    const basic = (value: string) => ({ authorization: `Basic ${Buffer.from(value).toString('base64')}` })
    for (const headers of [
      user.auth,
      {},
      basic(`task-service:${secret}`),
      basic('notification-service:another-secret-of-16'),
    ]) {
      expectProblem(await focusDay(user.id, headers), 401, 'unauthorized')
    }
  })

  it('validates the user id and the date', async () => {
    expectProblem(await focusDay('nope', asNotificationService), 400)
    expectProblem(await focusDay(user.id, asNotificationService, '?date=2026-02-30'), 400)
    expectProblem(await focusDay(user.id, asNotificationService, '?date=yesterday'), 400)
  })
})
