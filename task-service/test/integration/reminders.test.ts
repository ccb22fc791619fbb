import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  call,
  expectProblem,
  ok,
  outboxEvents,
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
let projectId: string

beforeAll(async () => {
  service = await startTaskService()
  ;[owner, editor, viewer, stranger] = await Promise.all([
    registerUser(service, { timezone: 'Europe/Berlin' }),
    registerUser(service),
    registerUser(service),
    registerUser(service),
  ])
  projectId = (await sharedProject(service, owner, editor, viewer)).id
})
afterAll(() => service.close())

interface Task {
  id: string
  dueAt: string | null
  nextOccurrenceId: string | null
}
type Reminders = { taskId: string; reminders: ({ at: string } | { before: number })[] }

const create = (body: object) => ok<Task>(call(service, owner, 'POST', '/tasks', { projectId, ...body }), 201)
const put = (user: TestUser, taskId: string, reminders: unknown) =>
  call(service, user, 'PUT', `/tasks/${taskId}/reminders`, { reminders })
const remindersOf = (user: TestUser, taskId: string) =>
  ok<Reminders>(call(service, user, 'GET', `/tasks/${taskId}/reminders`))
const remindersSet = async (taskId: string, userId: string) =>
  (await outboxEvents(service.db, { type: 'task.reminders_set' })).filter(
    (event) => event.data.taskId === taskId && event.userId === userId,
  )

describe('my reminders for a task', () => {
  it('are personal: each member sets and reads their own, and each change is published', async () => {
    const task = await create({ title: 'Report', due: '2026-03-10T09:00:00Z' })
    const mine = await ok<Reminders>(
      put(viewer, task.id, [{ before: 30 }, { at: '2026-03-09T18:00:00+01:00' }, { before: 30 }]),
    )
    expect(mine).toEqual({ taskId: task.id, reminders: [{ before: 30 }, { at: '2026-03-09T17:00:00.000Z' }] })
    expect(await remindersOf(viewer, task.id)).toEqual(mine)
    expect((await remindersOf(editor, task.id)).reminders).toEqual([])

    const [event] = await remindersSet(task.id, viewer.id)
    expect(event.data).toMatchObject({
      taskId: task.id,
      projectId,
      title: 'Report',
      status: 'todo',
      dueAt: '2026-03-10T09:00:00.000Z',
      dueDate: null,
      reminders: mine.reminders,
    })
    expect(event.data).not.toHaveProperty('audience')

    expect(await ok<Reminders>(put(viewer, task.id, []))).toEqual({ taskId: task.id, reminders: [] })
    expect((await remindersOf(viewer, task.id)).reminders).toEqual([])
    expect((await remindersSet(task.id, viewer.id)).at(-1)?.data.reminders).toEqual([])
  })

  it('answer 404 for a task one cannot read, as for a missing one', async () => {
    const task = await create({ title: 'Private to the team' })
    expectProblem(await call(service, stranger, 'GET', `/tasks/${task.id}/reminders`), 404, 'not-found')
    expectProblem(await put(stranger, task.id, [{ at: '2026-03-09T18:00:00Z' }]), 404, 'not-found')
    expectProblem(await put(owner, crypto.randomUUID(), []), 404, 'not-found')
  })

  it('reject bad input with problem+json naming the field', async () => {
    const task = await create({ title: 'Bounds', due: '2026-03-10' })
    const cases: [unknown, string][] = [
      [[{ before: -1 }], '/body/reminders/0'],
      [[{ before: 10081 }], '/body/reminders/0'],
      [[{ at: 'tomorrow' }], '/body/reminders/0'],
      [[{ at: '2026-03-09T18:00:00Z', before: 5 }], '/body/reminders/0'],
      [[{ before: 1 }, { before: 2 }, { before: 3 }, { before: 4 }, { before: 5 }, { before: 6 }], '/body/reminders'],
    ]
    for (const [reminders, field] of cases) {
      const problem = expectProblem(await put(owner, task.id, reminders), 400, 'validation-failed')
      expect(problem.errors?.map((error) => error.field).join(' ')).toContain(field)
    }
    const extra = await call(service, owner, 'PUT', `/tasks/${task.id}/reminders`, { reminders: [], more: 1 })
    expectProblem(extra, 400, 'validation-failed')
  })

  it('a reminder before the due needs a due (422 naming the reminder)', async () => {
    const task = await create({ title: 'Someday' })
    const problem = expectProblem(
      await put(owner, task.id, [{ at: '2026-03-09T18:00:00Z' }, { before: 10 }]),
      422,
      'reminder-needs-due-date',
    )
    expect(problem.errors?.[0]?.field).toBe('/body/reminders/1/before')
    await ok(put(owner, task.id, [{ at: '2026-03-09T18:00:00Z' }]))
  })
})

describe('what happens to reminders', () => {
  it('go with their task', async () => {
    const task = await create({ title: 'Short-lived', due: '2026-03-10' })
    await ok(put(owner, task.id, [{ before: 60 }]))
    await ok(call(service, owner, 'DELETE', `/tasks/${task.id}`), 204)
    const rows = await service.db.selectFrom('task_reminders').selectAll().where('task_id', '=', task.id).execute()
    expect(rows).toEqual([])
  })

  it('a member removed from the project loses theirs there, published as an empty list', async () => {
    const [leaving, other] = await Promise.all([registerUser(service), registerUser(service)])
    const project = await sharedProject(service, owner, leaving, other)
    const task = await ok<Task>(
      call(service, owner, 'POST', '/tasks', { projectId: project.id, title: 'Shared', due: '2026-04-01' }),
      201,
    )
    await ok(put(leaving, task.id, [{ before: 15 }]))
    await ok(put(other, task.id, [{ before: 20 }]))
    await ok(call(service, owner, 'DELETE', `/projects/${project.id}/members/${leaving.id}`), 204)
    expect((await remindersSet(task.id, leaving.id)).at(-1)?.data.reminders).toEqual([])
    expect((await remindersOf(other, task.id)).reminders).toEqual([{ before: 20 }])
    const left = await service.db.selectFrom('task_reminders').selectAll().where('user_id', '=', leaving.id).execute()
    expect(left).toEqual([])
  })

  it('a task moved to another project keeps only the reminders of its members', async () => {
    const task = await create({ title: 'Moving', due: '2026-04-01' })
    await ok(put(viewer, task.id, [{ before: 15 }]))
    await ok(put(owner, task.id, [{ before: 30 }]))
    const solo = await ok<{ id: string }>(call(service, owner, 'POST', '/projects', { name: 'Solo' }), 201)
    await ok(call(service, owner, 'PATCH', `/tasks/${task.id}`, { projectId: solo.id }))
    expect((await remindersSet(task.id, viewer.id)).at(-1)?.data.reminders).toEqual([])
    expect((await remindersOf(owner, task.id)).reminders).toEqual([{ before: 30 }])
    const rows = await service.db
      .selectFrom('task_reminders')
      .select('user_id')
      .where('task_id', '=', task.id)
      .execute()
    expect(rows).toEqual([{ user_id: owner.id }])
  })

  it('carry over to the next occurrence of a recurring task, an `at` keeping its distance to the due', async () => {
    const task = await create({ title: 'Daily', due: '2026-03-28T08:00:00Z', recurrence: { rrule: 'FREQ=DAILY' } })
    await ok(put(owner, task.id, [{ before: 10 }, { at: '2026-03-28T07:00:00Z' }]))
    await ok(put(editor, task.id, [{ before: 5 }]))
    const done = await ok<Task>(call(service, owner, 'POST', `/tasks/${task.id}/complete`))
    const next = await ok<Task>(call(service, owner, 'GET', `/tasks/${done.nextOccurrenceId}`))
    // Berlin moves to summer time on 29 March: the next 08:00 UTC-recurrence keeps the owner's wall clock.
    const shift = Date.parse(next.dueAt ?? '') - Date.parse('2026-03-28T08:00:00Z')
    const at = new Date(Date.parse('2026-03-28T07:00:00Z') + shift).toISOString()
    expect((await remindersOf(owner, next.id)).reminders).toEqual([{ before: 10 }, { at }])
    expect((await remindersOf(editor, next.id)).reminders).toEqual([{ before: 5 }])
    const [carried] = await remindersSet(next.id, owner.id)
    expect(carried.data).toMatchObject({ taskId: next.id, dueAt: next.dueAt, status: 'todo' })
  })

  it('task events carry the due instant and date', async () => {
    const task = await create({ title: 'All day', due: '2026-03-29' })
    await ok(call(service, owner, 'PATCH', `/tasks/${task.id}`, { due: '2026-03-30' }))
    const updated = (await outboxEvents(service.db, { type: 'task.updated' })).find(
      (event) => event.data.taskId === task.id,
    )
    // The end of 30 March in Berlin (summer time): 22:00 UTC.
    expect(updated?.data).toMatchObject({ dueAt: '2026-03-30T22:00:00.000Z', dueDate: '2026-03-30' })
  })
})
