import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, expectProblem, ok, registerUser, startTaskService, type TestService, type TestUser } from './support.ts'

let service: TestService
let user: TestUser
let projectId: string
let taskId: string
let labelId: string

beforeAll(async () => {
  service = await startTaskService()
  user = await registerUser(service)
  projectId = (await ok<{ id: string }>(call(service, user, 'POST', '/projects', { name: 'P' }), 201)).id
  taskId = (await ok<{ id: string }>(call(service, user, 'POST', '/tasks', { projectId, title: 'T' }), 201)).id
  labelId = (await ok<{ id: string }>(call(service, user, 'POST', '/labels', { name: 'L' }), 201)).id
})
afterAll(() => service.close())

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
interface BadCase {
  name: string
  method: Method
  url: () => string
  payload?: object
  headers?: Record<string, string>
  status?: number
}

const someone = crypto.randomUUID()
const long = (n: number) => 'x'.repeat(n)
/** The shape cursors had before they were fixed-width records: not one the list declares. */
const jsonCursor = Buffer.from(JSON.stringify({ sort: 'due', key: 'infinity', id: crypto.randomUUID() })).toString(
  'base64url',
)

/** Bad input on every route: 4xx problem+json, never 500. */
const cases: BadCase[] = [
  { name: 'project without a name', method: 'POST', url: () => '/projects', payload: {} },
  { name: 'project with a blank name', method: 'POST', url: () => '/projects', payload: { name: '   ' } },
  {
    name: 'project with an unknown field',
    method: 'POST',
    url: () => '/projects',
    payload: { name: 'x', owner: 'me' },
  },
  { name: 'project with a bad colour', method: 'POST', url: () => '/projects', payload: { name: 'x', color: 'red' } },
  { name: 'project name with NUL', method: 'POST', url: () => '/projects', payload: { name: 'a\u0000b' } },
  { name: 'label name with NUL', method: 'POST', url: () => '/labels', payload: { name: 'a\u0000b' } },
  { name: 'task title with NUL', method: 'POST', url: () => '/tasks', payload: { title: 'a\u0000b' } },
  { name: 'tasks search with NUL', method: 'GET', url: () => '/tasks?q=a%00b' },
  { name: 'task due on 31 April', method: 'POST', url: () => '/tasks', payload: { title: 'x', due: '2026-04-31' } },
  { name: 'task due at 24:00', method: 'POST', url: () => '/tasks', payload: { title: 'x', due: '2026-04-30T24:00' } },
  { name: 'projects limit 0', method: 'GET', url: () => '/projects?limit=0' },
  { name: 'projects limit 201', method: 'GET', url: () => '/projects?limit=201' },
  { name: 'projects garbage cursor', method: 'GET', url: () => '/projects?cursor=abc' },
  { name: 'project id not a uuid', method: 'GET', url: () => '/projects/42' },
  { name: 'project patch with nothing', method: 'PATCH', url: () => `/projects/${projectId}`, payload: {} },
  {
    name: 'project patch version 0',
    method: 'PATCH',
    url: () => `/projects/${projectId}`,
    payload: { name: 'x', version: 0 },
  },
  {
    name: 'project patch bad If-Match',
    method: 'PATCH',
    url: () => `/projects/${projectId}`,
    payload: { name: 'x' },
    headers: { 'if-match': 'yesterday' },
  },
  {
    name: 'project delete bad If-Match',
    method: 'DELETE',
    url: () => `/projects/${projectId}`,
    headers: { 'if-match': 'v1' },
  },
  { name: 'members bad limit', method: 'GET', url: () => `/projects/${projectId}/members?limit=x` },
  { name: 'invitations bad limit', method: 'GET', url: () => `/projects/${projectId}/invitations?limit=0` },
  { name: 'received invitations bad cursor', method: 'GET', url: () => '/invitations?cursor=forged' },
  { name: 'invitation id not a uuid', method: 'POST', url: () => '/invitations/x/accept' },
  {
    name: 'invitation as owner',
    method: 'POST',
    url: () => `/projects/${projectId}/invitations`,
    payload: { userId: someone, role: 'owner' },
  },
  {
    name: 'invitation naming nobody',
    method: 'POST',
    url: () => `/projects/${projectId}/invitations`,
    payload: { role: 'viewer' },
  },
  {
    name: 'invitation naming twice',
    method: 'POST',
    url: () => `/projects/${projectId}/invitations`,
    payload: { role: 'viewer', userId: someone, email: 'a@example.com' },
  },
  {
    name: 'invitation bad e-mail',
    method: 'POST',
    url: () => `/projects/${projectId}/invitations`,
    payload: { role: 'viewer', email: 'nope' },
  },
  {
    name: 'member bad role',
    method: 'PATCH',
    url: () => `/projects/${projectId}/members/${user.id}`,
    payload: { role: 'boss' },
  },
  { name: 'member id not a uuid', method: 'DELETE', url: () => `/projects/${projectId}/members/me` },
  { name: 'task without a title', method: 'POST', url: () => '/tasks', payload: {} },
  { name: 'task title too long', method: 'POST', url: () => '/tasks', payload: { title: long(501) } },
  {
    name: 'task description too long',
    method: 'POST',
    url: () => '/tasks',
    payload: { title: 'x', description: long(20_001) },
  },
  { name: 'task bad priority', method: 'POST', url: () => '/tasks', payload: { title: 'x', priority: 'asap' } },
  { name: 'task due in words', method: 'POST', url: () => '/tasks', payload: { title: 'x', due: 'tomorrow' } },
  { name: 'task due on 30 February', method: 'POST', url: () => '/tasks', payload: { title: 'x', due: '2026-02-30' } },
  { name: 'task created done', method: 'POST', url: () => '/tasks', payload: { title: 'x', status: 'done' } },
  {
    name: 'task negative estimate',
    method: 'POST',
    url: () => '/tasks',
    payload: { title: 'x', estimatePomodoros: -1 },
  },
  {
    name: 'task duplicate observers',
    method: 'POST',
    url: () => '/tasks',
    payload: { title: 'x', observerIds: [someone, someone] },
  },
  {
    name: 'task hourly recurrence',
    method: 'POST',
    url: () => '/tasks',
    payload: { title: 'x', due: '2026-01-01', recurrence: { rrule: 'FREQ=HOURLY' } },
  },
  {
    name: 'task recurrence without a frequency',
    method: 'POST',
    url: () => '/tasks',
    payload: { title: 'x', due: '2026-01-01', recurrence: { rrule: 'INTERVAL=2' } },
    status: 422,
  },
  {
    name: 'task recurrence outside the RRULE grammar',
    method: 'POST',
    url: () => '/tasks',
    payload: { title: 'x', due: '2026-01-01', recurrence: { rrule: 'FREQ=DAILY;COLOR=RED' } },
  },
  {
    name: 'task recurrence from nowhere',
    method: 'POST',
    url: () => '/tasks',
    payload: { title: 'x', due: '2026-01-01', recurrence: { rrule: 'FREQ=DAILY', from: 'birth' } },
  },
  {
    name: 'task recurrence without due',
    method: 'POST',
    url: () => '/tasks',
    payload: { title: 'x', recurrence: { rrule: 'FREQ=DAILY' } },
    status: 422,
  },
  {
    name: 'task in an unknown project',
    method: 'POST',
    url: () => '/tasks',
    payload: { title: 'x', projectId: crypto.randomUUID() },
    status: 404,
  },
  { name: 'tasks bad status', method: 'GET', url: () => '/tasks?status=later' },
  { name: 'tasks bad sort', method: 'GET', url: () => '/tasks?sort=random' },
  { name: 'tasks bad dueBefore', method: 'GET', url: () => '/tasks?dueBefore=yesterday' },
  { name: 'tasks empty search', method: 'GET', url: () => '/tasks?q=' },
  { name: 'tasks overdue maybe', method: 'GET', url: () => '/tasks?overdue=maybe' },
  { name: 'tasks unknown filter', method: 'GET', url: () => '/tasks?owner=me' },
  { name: 'tasks JSON cursor', method: 'GET', url: () => `/tasks?sort=priority&cursor=${jsonCursor}` },
  { name: 'tasks forged cursor', method: 'GET', url: () => '/tasks?cursor=bm90LWpzb24' },
  { name: 'stats bad project', method: 'GET', url: () => '/tasks/stats?projectId=abc' },
  { name: 'task id not a uuid', method: 'GET', url: () => '/tasks/abc' },
  { name: 'reminders of a task id not a uuid', method: 'GET', url: () => '/tasks/abc/reminders' },
  { name: 'reminders not a list', method: 'PUT', url: () => `/tasks/${taskId}/reminders`, payload: { reminders: {} } },
  {
    name: 'reminder neither at nor before',
    method: 'PUT',
    url: () => `/tasks/${taskId}/reminders`,
    payload: { reminders: [{ in: 5 }] },
  },
  {
    name: 'reminder before a task without a due',
    method: 'PUT',
    url: () => `/tasks/${taskId}/reminders`,
    payload: { reminders: [{ before: 5 }] },
    status: 422,
  },
  { name: 'task patch with nothing', method: 'PATCH', url: () => `/tasks/${taskId}`, payload: {} },
  { name: 'task patch bad status', method: 'PATCH', url: () => `/tasks/${taskId}`, payload: { status: 'finished' } },
  {
    name: 'task patch version as text',
    method: 'PATCH',
    url: () => `/tasks/${taskId}`,
    payload: { title: 'x', version: 'one' },
  },
  { name: 'task patch createdBy', method: 'PATCH', url: () => `/tasks/${taskId}`, payload: { createdBy: someone } },
  {
    name: 'task patch focusedMinutes',
    method: 'PATCH',
    url: () => `/tasks/${taskId}`,
    payload: { focusedMinutes: 500 },
  },
  {
    name: 'complete with an unknown field',
    method: 'POST',
    url: () => `/tasks/${taskId}/complete`,
    payload: { force: true },
  },
  {
    name: 'complete bad If-Match',
    method: 'POST',
    url: () => `/tasks/${taskId}/complete`,
    headers: { 'if-match': 'abc' },
  },
  { name: 'task delete id not a uuid', method: 'DELETE', url: () => '/tasks/abc' },
  { name: 'label without a name', method: 'POST', url: () => '/labels', payload: {} },
  { name: 'label name too long', method: 'POST', url: () => '/labels', payload: { name: long(51) } },
  { name: 'labels bad limit', method: 'GET', url: () => '/labels?limit=-1' },
  { name: 'label id not a uuid', method: 'GET', url: () => '/labels/abc' },
  { name: 'label patch with nothing', method: 'PATCH', url: () => `/labels/${labelId}`, payload: {} },
  {
    name: 'label delete bad If-Match',
    method: 'DELETE',
    url: () => `/labels/${labelId}`,
    headers: { 'if-match': 'x' },
  },
]

describe('bad input answers 4xx problem+json on every route', () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const response = await call(service, user, testCase.method, testCase.url(), testCase.payload, testCase.headers)
      expectProblem(response, testCase.status ?? 400)
    })
  }

  it('a body that is not JSON', async () => {
    const response = await service.app.inject({
      method: 'POST',
      url: '/tasks',
      headers: { authorization: user.authorization, 'content-type': 'application/json' },
      payload: '{"title":',
    })
    expectProblem(response, 400)
  })

  it('names the offending field', async () => {
    const problem = expectProblem(await call(service, user, 'POST', '/tasks', { title: 'x', priority: 'asap' }), 400)
    expect(JSON.stringify(problem.errors)).toContain('priority')
  })
})
