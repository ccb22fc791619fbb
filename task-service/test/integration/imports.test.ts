import { createEvent } from '@focushub/shared/events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  deliverEvents,
  expectProblem,
  ok,
  outboxEvents,
  registerUser,
  startTaskService,
  type TestService,
  type TestUser,
} from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startTaskService()
})
afterAll(() => service.close())

const header = 'TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE'
const csvOf = (...titles: string[]) => [header, ...titles.map((title) => `task,${title},,4,1,,,,,`)].join('\n')

interface Report {
  projects: { projectId: string; new: boolean; tasks: number; alreadyImported: number }[]
  created: { projects: number; tasks: number; labels: number }
}

const importCsv = (user: TestUser, csv: string, query = 'project=Imported') =>
  service.app.inject({
    method: 'POST',
    url: `/imports/todoist?${query}`,
    headers: { authorization: user.authorization, 'content-type': 'text/csv' },
    payload: csv,
  })

const tasksIn = (projectId: string) =>
  service.db.selectFrom('tasks').select(['id', 'title']).where('project_id', '=', projectId).execute()

describe('Todoist import', () => {
  it('makes the file once however many imports of it run at once', async () => {
    const user = await registerUser(service)
    const csv = csvOf('one', 'two', 'three')
    const answers = await Promise.all(Array.from({ length: 4 }, () => importCsv(user, csv)))
    const reports = answers.map((answer) => {
      expect(answer.statusCode, answer.body).toBe(200)
      return answer.json() as Report
    })
    expect(reports.map((report) => report.created.tasks).sort()).toEqual([0, 0, 0, 3])
    const projectIds = new Set(reports.map((report) => report.projects[0].projectId))
    expect(projectIds.size).toBe(1)
    expect(await tasksIn([...projectIds][0])).toHaveLength(3)
  })

  it('publishes task.created for each task made, to the project’s members', async () => {
    const user = await registerUser(service)
    const report = await ok<Report>(importCsv(user, csvOf('published')))
    const events = await outboxEvents(service.db, { type: 'task.created', userId: user.id })
    const created = events.find((event) => (event.data as { title: string }).title === 'published')
    expect(created?.data).toMatchObject({ projectId: report.projects[0].projectId, audience: [user.id] })
  })

  it('makes a new project when the one it made before is archived, deleted, or not writable', async () => {
    const user = await registerUser(service)
    const first = await ok<Report>(importCsv(user, csvOf('kept')))
    const projectId = first.projects[0].projectId
    await ok(
      service.app.inject({
        method: 'PATCH',
        url: `/projects/${projectId}`,
        headers: { authorization: user.authorization },
        payload: { archived: true },
      }),
    )
    const added = await ok<Report>(importCsv(user, `${csvOf('kept')}\ntask,new one,,,1`))
    expect(added.projects[0]).toMatchObject({ new: true, tasks: 1, alreadyImported: 1 })
    expect(added.projects[0].projectId).not.toBe(projectId)
    expect((await tasksIn(added.projects[0].projectId)).map((task) => task.title)).toEqual(['new one'])
  })

  it('refuses more than 2,000 tasks, and a body of another type', async () => {
    const user = await registerUser(service)
    const many = csvOf(...Array.from({ length: 2001 }, (_, index) => `task ${index}`))
    expectProblem(await importCsv(user, many), 400, 'import-too-large')
    const json = await service.app.inject({
      method: 'POST',
      url: '/imports/todoist',
      headers: { authorization: user.authorization, 'content-type': 'application/json' },
      payload: { csv: many },
    })
    expect(json.statusCode).toBe(415)
  })

  it('forgets what a deleted account imported', async () => {
    const user = await registerUser(service)
    await ok(importCsv(user, csvOf('gone')))
    const { event } = createEvent(
      'auth.user.deleted',
      {},
      { producer: 'auth-service', userId: user.id, requestId: 'test' },
    )
    await deliverEvents(service, [event])
    const records = await service.db.selectFrom('import_records').selectAll().where('user_id', '=', user.id).execute()
    expect(records).toEqual([])
  })
})
