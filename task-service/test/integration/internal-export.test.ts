import { serviceAuthorization } from '@focushub/shared/auth'
import { readWholeExport } from '@focushub/shared/testing'
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
let stranger: TestUser
let reminded: string

const asNotificationService = { authorization: serviceAuthorization('notification-service', secret) }
const exportOf = (userId: string, query: string, headers: Record<string, string> = asNotificationService) =>
  service.app.inject({ method: 'GET', url: `/internal/users/${userId}/export${query}`, headers })

type Item = Record<string, unknown>
const ids = (items: Item[]) => items.map((item) => item.id)

beforeAll(async () => {
  service = await startTaskService({ TASK_INTERNAL_CALLERS: `notification-service:${secret}` })
  owner = await registerUser(service)
  editor = await registerUser(service)
  stranger = await registerUser(service)
  const team = await sharedProject(service, owner, editor, await registerUser(service))
  const solo = await ok<{ id: string }>(call(service, owner, 'POST', '/projects', { name: 'Solo' }), 201)
  const label = await ok<{ id: string }>(call(service, owner, 'POST', '/labels', { name: 'deep' }), 201)
  for (const [projectId, title] of [
    [team.id, 'Plan'],
    [team.id, 'Ship'],
    [team.id, 'Review'],
    [solo.id, 'Read'],
    [solo.id, 'Write'],
  ]) {
    await ok(call(service, owner, 'POST', '/tasks', { projectId, title, labelIds: [label.id] }), 201)
  }
  const [first] = (await ok<{ items: { id: string }[] }>(call(service, owner, 'GET', `/tasks?projectId=${solo.id}`)))
    .items
  reminded = first.id
  await ok(call(service, owner, 'PUT', `/tasks/${reminded}/reminders`, { reminders: [{ at: '2031-01-01T09:00:00Z' }] }))
  const theirs = await ok<{ id: string }>(call(service, stranger, 'POST', '/projects', { name: 'Not yours' }), 201)
  await ok(call(service, stranger, 'POST', '/tasks', { projectId: theirs.id, title: 'Secret' }), 201)
})
afterAll(() => service.close())

describe('GET /internal/users/{userId}/export', () => {
  it('pages through the projects a user is a member of, their tasks and the user’s labels, as the API shows them', async () => {
    const { collections, pages } = await readWholeExport((query) => exportOf(owner.id, query), 2)
    expect(Object.keys(collections)).toEqual(['projects', 'tasks', 'labels', 'reminders'])

    const projects = (await ok<{ items: Item[] }>(call(service, owner, 'GET', '/projects?limit=100'))).items
    expect(collections.projects).toEqual([...projects].sort((a, b) => String(a.id).localeCompare(String(b.id))))
    expect(collections.projects.map((project) => project.name).sort()).toEqual(['Inbox', 'Solo', 'Team'])

    // Every task once, in (project, id) order, each as GET /tasks/{id} shows it.
    const tasks = collections.tasks
    expect(tasks.map((task) => task.title).sort()).toEqual(['Plan', 'Read', 'Review', 'Ship', 'Write'])
    const order = [...tasks].sort((a, b) => `${a.projectId}${a.id}`.localeCompare(`${b.projectId}${b.id}`))
    expect(ids(tasks)).toEqual(ids(order))
    expect(tasks[0]).toEqual(await ok(call(service, owner, 'GET', `/tasks/${tasks[0].id}`)))
    expect(collections.labels).toMatchObject([{ name: 'deep' }])
    expect(collections.reminders).toEqual([{ taskId: reminded, reminders: [{ at: '2031-01-01T09:00:00.000Z' }] }])
    // Pages of 2: 2 of projects, 3 of tasks, 1 of labels, 1 of reminders.
    expect(pages).toBe(7)

    // An editor of the shared project has its tasks, not the owner's own projects, nor the owner's labels.
    const theirs = await readWholeExport((query) => exportOf(editor.id, query), 2)
    expect(theirs.collections.tasks.map((task) => task.title).sort()).toEqual(['Plan', 'Review', 'Ship'])
    expect(theirs.collections.labels).toEqual([])
    expect(theirs.collections.reminders).toEqual([])
    const all = JSON.stringify(theirs.collections)
    expect(all).not.toContain('Secret')
    expect(all).not.toContain('Solo')
  })

  it('answers only notification-service’s credential (401), and refuses a cursor it did not make (400)', async () => {
    for (const headers of [{ authorization: owner.authorization }, {}] as Record<string, string>[]) {
      expectProblem(await exportOf(owner.id, '', headers), 401, 'unauthorized')
    }
    expectProblem(await exportOf(owner.id, '?after=bm90LWEtY3Vyc29y'), 400, 'validation-failed')
    const forgedKey = Buffer.from(JSON.stringify([1, ['not-a-uuid', 'x']])).toString('base64url')
    expectProblem(await exportOf(owner.id, `?after=${forgedKey}`), 400, 'validation-failed')
  })
})
