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

let service: TestService
let owner: TestUser
let editor: TestUser
let viewer: TestUser
let stranger: TestUser
let newcomer: TestUser

beforeAll(async () => {
  service = await startTaskService()
  ;[owner, editor, viewer, stranger, newcomer] = await Promise.all(
    Array.from({ length: 5 }, () => registerUser(service)),
  )
})
afterAll(() => service.close())

type Role = 'owner' | 'editor' | 'viewer' | 'stranger'
interface Fixture {
  projectId: string
  taskId: string
}
interface Case {
  route: string
  request: (f: Fixture) => { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; payload?: object }
  expected: Record<Role, number>
}

const read = { owner: 200, editor: 200, viewer: 200, stranger: 404 }
const write = { owner: 200, editor: 200, viewer: 403, stranger: 404 }
const manage = { owner: 200, editor: 403, viewer: 403, stranger: 404 }
const as = (status: number, base: Record<Role, number>) =>
  Object.fromEntries(Object.entries(base).map(([role, s]) => [role, s === 200 ? status : s])) as Record<Role, number>

/** Every route of a project's world, and who may call it. */
const cases: Case[] = [
  { route: 'GET /projects/{id}', request: (f) => ({ method: 'GET', url: `/projects/${f.projectId}` }), expected: read },
  {
    route: 'PATCH /projects/{id}',
    request: (f) => ({ method: 'PATCH', url: `/projects/${f.projectId}`, payload: { name: 'Renamed' } }),
    expected: write,
  },
  {
    route: 'PATCH /projects/{id} (archive)',
    request: (f) => ({ method: 'PATCH', url: `/projects/${f.projectId}`, payload: { archived: true } }),
    expected: write,
  },
  {
    route: 'DELETE /projects/{id}',
    request: (f) => ({ method: 'DELETE', url: `/projects/${f.projectId}` }),
    expected: as(204, manage),
  },
  {
    route: 'GET /projects/{id}/members',
    request: (f) => ({ method: 'GET', url: `/projects/${f.projectId}/members` }),
    expected: read,
  },
  {
    route: 'POST /projects/{id}/invitations',
    request: (f) => ({
      method: 'POST',
      url: `/projects/${f.projectId}/invitations`,
      payload: { userId: newcomer.id, role: 'viewer' },
    }),
    expected: as(202, manage),
  },
  {
    route: 'GET /projects/{id}/invitations',
    request: (f) => ({ method: 'GET', url: `/projects/${f.projectId}/invitations` }),
    expected: manage,
  },
  {
    route: 'PATCH /projects/{id}/members/{userId}',
    request: (f) => ({
      method: 'PATCH',
      url: `/projects/${f.projectId}/members/${viewer.id}`,
      payload: { role: 'editor' },
    }),
    expected: manage,
  },
  {
    route: 'DELETE /projects/{id}/members/{userId} (the editor: the owner removes, the editor leaves)',
    request: (f) => ({ method: 'DELETE', url: `/projects/${f.projectId}/members/${editor.id}` }),
    expected: { owner: 204, editor: 204, viewer: 403, stranger: 404 },
  },
  {
    route: 'POST /tasks',
    request: (f) => ({ method: 'POST', url: '/tasks', payload: { projectId: f.projectId, title: 'New' } }),
    expected: as(201, write),
  },
  {
    route: 'GET /tasks?projectId',
    request: (f) => ({ method: 'GET', url: `/tasks?projectId=${f.projectId}` }),
    expected: read,
  },
  {
    route: 'GET /tasks/stats?projectId',
    request: (f) => ({ method: 'GET', url: `/tasks/stats?projectId=${f.projectId}` }),
    expected: read,
  },
  { route: 'GET /tasks/{id}', request: (f) => ({ method: 'GET', url: `/tasks/${f.taskId}` }), expected: read },
  {
    route: 'PATCH /tasks/{id}',
    request: (f) => ({ method: 'PATCH', url: `/tasks/${f.taskId}`, payload: { title: 'Edited' } }),
    expected: write,
  },
  {
    route: 'POST /tasks/{id}/complete',
    request: (f) => ({ method: 'POST', url: `/tasks/${f.taskId}/complete` }),
    expected: write,
  },
  {
    route: 'DELETE /tasks/{id}',
    request: (f) => ({ method: 'DELETE', url: `/tasks/${f.taskId}` }),
    expected: as(204, write),
  },
  {
    route: 'GET /tasks/{id}/reminders',
    request: (f) => ({ method: 'GET', url: `/tasks/${f.taskId}/reminders` }),
    expected: read,
  },
  {
    route: 'PUT /tasks/{id}/reminders (personal: whoever reads the task sets their own)',
    request: (f) => ({
      method: 'PUT',
      url: `/tasks/${f.taskId}/reminders`,
      payload: { reminders: [{ at: '2030-01-01T09:00:00Z' }] },
    }),
    expected: read,
  },
]

async function fixture(): Promise<Fixture> {
  const project = await sharedProject(service, owner, editor, viewer)
  const task = await ok<{ id: string }>(
    call(service, owner, 'POST', '/tasks', { projectId: project.id, title: 'T' }),
    201,
  )
  return { projectId: project.id, taskId: task.id }
}

describe('permission matrix: owner, editor, viewer and stranger × every route', () => {
  const users = () => ({ owner, editor, viewer, stranger })
  for (const testCase of cases) {
    for (const role of ['owner', 'editor', 'viewer', 'stranger'] as const) {
      it(`${testCase.route} as ${role} → ${testCase.expected[role]}`, async () => {
        const request = testCase.request(await fixture())
        const response = await call(service, users()[role], request.method, request.url, request.payload)
        const status = testCase.expected[role]
        if (status >= 400) expectProblem(response, status)
        else expect(response.statusCode, response.body).toBe(status)
      })
    }
  }

  it("a stranger's lists never show the project or its tasks", async () => {
    const { projectId, taskId } = await fixture()
    const projects = await ok<{ items: { id: string }[] }>(call(service, stranger, 'GET', '/projects'))
    const tasks = await ok<{ items: { id: string }[] }>(call(service, stranger, 'GET', '/tasks?limit=200'))
    expect(projects.items.map((p) => p.id)).not.toContain(projectId)
    expect(tasks.items.map((t) => t.id)).not.toContain(taskId)
  })

  it('every route wants a token', async () => {
    const f = await fixture()
    for (const testCase of cases) {
      const request = testCase.request(f)
      expectProblem(await call(service, null, request.method, request.url, request.payload), 401)
    }
  })
})
