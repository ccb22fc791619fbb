import { serviceAuthorization } from '@focushub/shared/auth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  call,
  expectProblem,
  join,
  ok,
  registerUser,
  startTaskService,
  type TestService,
  type TestUser,
} from './support.ts'

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

describe('GET /internal/users/{userId}/day across time zones', () => {
  type Day = { localDate: string } & Record<'dueToday' | 'overdue', { count: number; items: { title: string }[] }>
  let viewer: TestUser

  beforeAll(async () => {
    // The viewer's days start at 23:00 in Pago Pago (UTC−11): at 15:00Z it is 04:00 on the 10th, so their
    // today is 2026-06-09, from 06-10T10:00Z to 06-11T10:00Z. The project's owner writes all-day tasks in
    // Kiritimati (UTC+14), where 2026-06-09 ends at 06-09T10:00Z: a day before the viewer's today starts.
    viewer = await registerUser(service, { timezone: 'Pacific/Pago_Pago', dayStartHour: 23 })
    const owner = await registerUser(service, { timezone: 'Pacific/Kiritimati', dayStartHour: 0 })
    const projectId = (await ok<{ id: string }>(call(service, owner, 'POST', '/projects', { name: 'Zones' }), 201)).id
    await join(service, owner, projectId, viewer, 'editor')
    const create = (who: TestUser, title: string, due: string) =>
      ok(call(service, who, 'POST', '/tasks', { projectId, title, due }), 201)
    await create(owner, 'Theirs, all day today', '2026-06-09')
    await create(owner, 'Theirs, all day yesterday', '2026-06-08')
    await create(owner, 'Theirs, all day tomorrow', '2026-06-10')
    await create(viewer, 'Mine, all day today', '2026-06-09')
    await create(viewer, 'Mine, all day yesterday', '2026-06-08')
    await create(viewer, 'Just before my day', '2026-06-10T09:59:00Z')
    await create(viewer, 'As my day starts', '2026-06-10T10:00:00Z')
    await create(viewer, 'As my day ends', '2026-06-11T10:00:00Z')
  })

  it('lists and counts all-day tasks by their date whoever wrote them, timed ones by the viewer’s day', async () => {
    const answer = await ok<Day>(day(viewer.id, asNotificationService))
    expect(answer.localDate).toBe('2026-06-09')
    expect(answer.dueToday.count).toBe(3)
    expect(answer.dueToday.items.map((task) => task.title)).toEqual([
      'Theirs, all day today',
      'As my day starts',
      'Mine, all day today',
    ])
    // A timed task due earlier today is overdue too, as the Today screen shows it.
    expect(answer.overdue.count).toBe(4)
    expect(answer.overdue.items.map((task) => task.title)).toEqual([
      'Theirs, all day yesterday',
      'Just before my day',
      'Mine, all day yesterday',
      'As my day starts',
    ])
  })

  it('answers what the Today screen’s lists and /tasks/stats answer the viewer', async () => {
    const answer = await ok<Day>(day(viewer.id, asNotificationService))
    const stats = await ok<{ dueToday: number; overdue: number }>(call(service, viewer, 'GET', '/tasks/stats'))
    expect([answer.dueToday.count, answer.overdue.count]).toEqual([stats.dueToday, stats.overdue])
    for (const list of ['dueToday', 'overdue'] as const) {
      const screen = await ok<{ items: { title: string }[] }>(
        call(service, viewer, 'GET', `/tasks?${list}=true&sort=due`),
      )
      expect(screen.items.map((task) => task.title)).toEqual(answer[list].items.map((task) => task.title))
    }
  })
})
