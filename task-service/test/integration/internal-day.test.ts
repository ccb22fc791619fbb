import { serviceAuthorization } from '@focushub/shared/auth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, expectProblem, ok, registerUser, startTaskService, type TestService, type TestUser } from './support.ts'

const secret = 'a-notification-secret-for-tests'
let service: TestService
let user: TestUser

const asNotificationService = { authorization: serviceAuthorization('notification-service', secret) }
const day = (userId: string, headers: Record<string, string>, query = '') =>
  service.app.inject({ method: 'GET', url: `/internal/users/${userId}/day${query}`, headers })

beforeAll(async () => {
  service = await startTaskService({
    TASK_INTERNAL_CALLERS: `notification-service:${secret},habit-service:another-secret-of-16`,
  })
  // New York, days starting at 04:00: "today" is 2026-06-10 from 04:00 local (08:00Z) to the next 08:00Z.
  user = await registerUser(service, { timezone: 'America/New_York', dayStartHour: 4 })
  service.clock.set('2026-06-10T15:00:00Z')
  const projectId = (await ok<{ id: string }>(call(service, user, 'POST', '/projects', { name: 'Day' }), 201)).id
  const create = (body: object) => ok(call(service, user, 'POST', '/tasks', { projectId, ...body }), 201)
  await create({ title: 'Overdue bills', due: '2026-06-09', priority: 'urgent' })
  await create({ title: 'Call the bank today', due: '2026-06-10T14:00', priority: 'high' })
  await create({ title: 'Late night today', due: '2026-06-11T03:30' })
  await create({ title: 'All-day today', due: '2026-06-10' })
  await create({ title: 'Tomorrow morning', due: '2026-06-11T09:00' })
  await create({ title: 'Someday' })
})
afterAll(() => service.close())

describe('GET /internal/users/{userId}/day', () => {
  it('answers notification-service the tasks due on the user’s local today and overdue, as the Today screen lists them', async () => {
    const answer = await ok<Record<string, { count: number; items: { title: string }[] }> & { localDate: string }>(
      day(user.id, asNotificationService),
    )
    expect(answer.localDate).toBe('2026-06-10')
    expect(answer.dueToday.count).toBe(3)
    expect(answer.dueToday.items.map((task) => task.title)).toEqual([
      'Call the bank today',
      'Late night today',
      'All-day today',
    ])
    expect(answer.overdue).toEqual({
      count: 1,
      items: [expect.objectContaining({ title: 'Overdue bills', priority: 'urgent', due: '2026-06-09', allDay: true })],
    })
    expect(Object.keys(answer.overdue.items[0]).sort()).toEqual(
      ['allDay', 'due', 'dueAt', 'id', 'priority', 'projectId', 'title'].sort(),
    )
  })

  it('lists at most `limit` of each, counting them all', async () => {
    const answer = await ok<{ dueToday: { count: number; items: unknown[] } }>(
      day(user.id, asNotificationService, '?limit=1'),
    )
    expect(answer.dueToday.count).toBe(3)
    expect(answer.dueToday.items).toHaveLength(1)
  })

  it('answers an unknown user empty lists', async () => {
    const answer = await ok(day('0190a1b2-0000-7000-8000-000000000000', asNotificationService))
    expect(answer).toMatchObject({ dueToday: { count: 0, items: [] }, overdue: { count: 0, items: [] } })
  })

  it('refuses a user’s access token, no credential, and a service not listed or with the wrong secret (401)', async () => {
    const basic = (value: string) => ({ authorization: `Basic ${Buffer.from(value).toString('base64')}` })
    for (const headers of [
      { authorization: user.authorization },
      {},
      basic(`task-service:${secret}`),
      basic('notification-service:another-secret-of-16'),
    ]) {
      expectProblem(await day(user.id, headers), 401, 'unauthorized')
    }
  })

  it('validates the user id and the limit', async () => {
    expectProblem(await day('not-a-uuid', asNotificationService), 400)
    expectProblem(await day(user.id, asNotificationService, '?limit=0'), 400)
  })
})
