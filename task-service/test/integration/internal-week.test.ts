import { serviceAuthorization } from '@focushub/shared/auth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  call,
  expectProblem,
  ok,
  registerUser,
  sharedProject,
  startTaskService,
  type TestService,
  type TestUser,
} from './support.ts'

const secret = 'a-notification-secret-for-tests'
let service: TestService
let owner: TestUser
let editor: TestUser

const asNotificationService = { authorization: serviceAuthorization('notification-service', secret) }
const week = (userId: string, query: string, headers: Record<string, string> = asNotificationService) =>
  service.app.inject({ method: 'GET', url: `/internal/users/${userId}/week${query}`, headers })

beforeAll(async () => {
  service = await startTaskService({ TASK_INTERNAL_CALLERS: `notification-service:${secret}` })
  // Tokyo, days starting at 05:00: the week of Monday 2026-06-08 runs from 2026-06-07T20:00Z to 2026-06-14T20:00Z.
  const profile = { timezone: 'Asia/Tokyo', dayStartHour: 5 }
  owner = await registerUser(service, profile)
  editor = await registerUser(service, profile)
  const viewer = await registerUser(service, profile)
  const project = await sharedProject(service, owner, editor, viewer)
  const doneAt = async (instant: string, body: object) => {
    service.clock.set(instant)
    const task = await ok<{ id: string }>(
      call(service, owner, 'POST', '/tasks', { projectId: project.id, ...body }),
      201,
    )
    await ok(call(service, owner, 'POST', `/tasks/${task.id}/complete`, {}))
  }
  await doneAt('2026-06-07T19:59:00Z', { title: 'Sunday night, the week before' })
  await doneAt('2026-06-07T20:00:00Z', { title: 'Monday 05:00, the first instant' })
  await doneAt('2026-06-10T12:00:00Z', { title: 'Mine, unassigned' })
  await doneAt('2026-06-11T12:00:00Z', { title: 'For the editor', assigneeId: editor.id })
  await doneAt('2026-06-14T19:59:00Z', { title: 'Monday 04:59, still Sunday' })
  await doneAt('2026-06-14T20:00:00Z', { title: 'The next week' })
  service.clock.set('2026-06-12T12:00:00Z')
  await ok(call(service, owner, 'POST', '/tasks', { projectId: project.id, title: 'Still open' }), 201)
})
afterAll(() => service.close())

describe('GET /internal/users/{userId}/week', () => {
  it('counts the tasks done in the span of local days that were the user’s: assigned to them, or unassigned and theirs', async () => {
    const range = '?from=2026-06-08&to=2026-06-14'
    expect(await ok(week(owner.id, range))).toEqual({ from: '2026-06-08', to: '2026-06-14', tasksDone: 3 })
    expect(await ok(week(editor.id, range))).toEqual({ from: '2026-06-08', to: '2026-06-14', tasksDone: 1 })
    expect(await ok(week(owner.id, '?from=2026-06-07&to=2026-06-07'))).toMatchObject({ tasksDone: 1 })
    expect(await ok(week('0190a1b2-0000-7000-8000-000000000000', range))).toMatchObject({ tasksDone: 0 })
  })

  it('answers only notification-service’s credential (401)', async () => {
    for (const headers of [{ authorization: owner.authorization }, {}] as Record<string, string>[]) {
      expectProblem(await week(owner.id, '?from=2026-06-08&to=2026-06-14', headers), 401, 'unauthorized')
    }
  })

  it('refuses a span missing, backwards, longer than 31 days or of dates that do not exist (400)', async () => {
    for (const query of [
      '',
      '?from=2026-06-08',
      '?from=2026-06-14&to=2026-06-08',
      '?from=2026-06-01&to=2026-07-02',
      '?from=2026-02-30&to=2026-03-01',
    ]) {
      expectProblem(await week(owner.id, query), 400)
    }
    expectProblem(await week('not-a-uuid', '?from=2026-06-08&to=2026-06-14'), 400)
  })
})
