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

beforeAll(async () => {
  service = await startTaskService()
  ;[owner, editor, viewer] = await Promise.all([
    registerUser(service, { timezone: 'Europe/Berlin' }),
    registerUser(service),
    registerUser(service),
  ])
})
afterAll(() => service.close())

interface Task {
  id: string
  projectId: string
  version: number
  status: string
  due: string | null
  dueAt: string | null
  completedAt: string | null
  nextOccurrenceId: string | null
  [key: string]: unknown
}

const create = (user: TestUser, body: object) => ok<Task>(call(service, user, 'POST', '/tasks', body), 201)

describe('creating and reading tasks', () => {
  it('without a project, a task goes to the Inbox, whose only audience is its owner', async () => {
    const task = await create(owner, { title: 'Buy milk' })
    const projects = await ok<{ items: { id: string; isInbox: boolean }[] }>(call(service, owner, 'GET', '/projects'))
    const inbox = projects.items.find((p) => p.isInbox)
    expect(task.projectId).toBe(inbox?.id)
    const created = (await outboxEvents(service.db, { type: 'task.created' })).find((e) => e.data.taskId === task.id)
    expect(created?.data.audience).toEqual([owner.id])
  })

  it('creates the Inbox on first use when the registration event has not arrived', async () => {
    const id = crypto.randomUUID()
    const late = { id, ...(await service.bearer(id)) }
    const task = await create(late, { title: 'Early bird' })
    const project = await ok<{ isInbox: boolean; role: string }>(
      call(service, late, 'GET', `/projects/${task.projectId}`),
    )
    expect(project).toMatchObject({ isInbox: true, role: 'owner' })
  })

  it('keeps every field, reads a date as all-day and a local date-time in the user timezone', async () => {
    const label = await ok<{ id: string }>(call(service, owner, 'POST', '/labels', { name: 'home' }), 201)
    const task = await create(owner, {
      title: '  Write report ',
      description: '# Notes\n- one',
      priority: 'high',
      due: '2026-07-01T09:30',
      labelIds: [label.id],
      estimatePomodoros: 4,
      position: 10.5,
    })
    expect(task).toMatchObject({
      title: 'Write report',
      description: '# Notes\n- one',
      priority: 'high',
      status: 'todo',
      due: '2026-07-01T07:30:00.000Z',
      allDay: false,
      labelIds: [label.id],
      estimatePomodoros: 4,
      position: 10.5,
      focusedMinutes: 0,
      pomodorosDone: 0,
      version: 1,
    })
    const allDay = await create(owner, { title: 'Birthday', due: '2026-07-02' })
    expect(allDay).toMatchObject({ due: '2026-07-02', allDay: true, dueAt: '2026-07-02T22:00:00.000Z' })
    const read = await call(service, owner, 'GET', `/tasks/${task.id}`)
    expect(read.headers.etag).toBe('"1"')
    expect(read.json()).toEqual(task)
  })

  it('an assignee or observer must be a member; a subtask lives in its parent project', async () => {
    const project = await sharedProject(service, owner, editor, viewer)
    const stranger = await registerUser(service)
    expectProblem(
      await call(service, owner, 'POST', '/tasks', { projectId: project.id, title: 'x', assigneeId: stranger.id }),
      422,
    )
    expectProblem(
      await call(service, owner, 'POST', '/tasks', { projectId: project.id, title: 'x', observerIds: [stranger.id] }),
      422,
    )
    const parent = await create(owner, {
      projectId: project.id,
      title: 'Parent',
      assigneeId: viewer.id,
      observerIds: [editor.id],
    })
    const child = await create(editor, { projectId: project.id, title: 'Child', parentId: parent.id })
    expect(child.parentId).toBe(parent.id)
    const elsewhere = await create(owner, { title: 'In the inbox' })
    expectProblem(
      await call(service, owner, 'POST', '/tasks', { projectId: project.id, title: 'x', parentId: elsewhere.id }),
      422,
    )
    await ok(call(service, owner, 'DELETE', `/tasks/${parent.id}`), 204)
    expectProblem(await call(service, owner, 'GET', `/tasks/${child.id}`), 404)
    const deleted = (await outboxEvents(service.db, { type: 'task.deleted' })).map((e) => e.data.taskId)
    expect(deleted).toEqual(expect.arrayContaining([parent.id, child.id]))
  })
})

describe('status and completion', () => {
  it('sets completedAt when done and clears it when reopened or cancelled', async () => {
    service.clock.set('2026-05-05T10:00:00Z')
    const task = await create(owner, { title: 'Status' })
    const started = await ok<Task>(call(service, owner, 'PATCH', `/tasks/${task.id}`, { status: 'in_progress' }))
    expect(started.completedAt).toBeNull()
    const done = await ok<Task>(call(service, owner, 'PATCH', `/tasks/${task.id}`, { status: 'done' }))
    expect(done.completedAt).toBe('2026-05-05T10:00:00.000Z')
    const reopened = await ok<Task>(call(service, owner, 'PATCH', `/tasks/${task.id}`, { status: 'todo' }))
    expect(reopened.completedAt).toBeNull()
    const cancelled = await ok<Task>(call(service, owner, 'PATCH', `/tasks/${task.id}`, { status: 'cancelled' }))
    expect(cancelled).toMatchObject({ status: 'cancelled', completedAt: null })
    service.clock.set(new Date())
  })

  it('completing a recurring task creates the next occurrence exactly once, even when retried at once', async () => {
    const task = await create(owner, {
      title: 'Water plants',
      due: '2026-03-28T09:00',
      recurrence: { rrule: 'FREQ=DAILY' },
    })
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => call(service, owner, 'POST', `/tasks/${task.id}/complete`)),
    )
    for (const answer of answers) expect(answer.statusCode, answer.body).toBe(200)
    const nextIds = new Set(answers.map((a) => a.json().nextOccurrenceId))
    expect(nextIds.size).toBe(1)
    const series = await service.db.selectFrom('tasks').selectAll().where('title', '=', 'Water plants').execute()
    expect(series).toHaveLength(2)
    const next = await ok<Task>(call(service, owner, 'GET', `/tasks/${[...nextIds][0]}`))
    // 09:00 in Berlin on both sides of the DST change of 29 March.
    expect(next).toMatchObject({
      status: 'todo',
      due: '2026-03-29T07:00:00.000Z',
      recurrence: { rrule: 'FREQ=DAILY', from: 'due' },
    })
    const completed = await outboxEvents(service.db, { type: 'task.completed' })
    expect(completed.filter((e) => e.data.taskId === task.id)).toHaveLength(1)
  })

  it('reopening and completing again brings no second occurrence; a COUNT ends the series', async () => {
    const task = await create(owner, {
      title: 'Twice',
      due: '2026-01-01',
      recurrence: { rrule: 'FREQ=WEEKLY;COUNT=2' },
    })
    const first = await ok<Task>(call(service, owner, 'POST', `/tasks/${task.id}/complete`))
    await ok(call(service, owner, 'PATCH', `/tasks/${task.id}`, { status: 'todo' }))
    const again = await ok<Task>(call(service, owner, 'POST', `/tasks/${task.id}/complete`))
    expect(again.nextOccurrenceId).toBe(first.nextOccurrenceId)
    const second = await ok<Task>(call(service, owner, 'POST', `/tasks/${first.nextOccurrenceId}/complete`))
    expect(second.nextOccurrenceId).toBeNull()
    const rows = await service.db
      .selectFrom('tasks')
      .select('due_date')
      .where('title', '=', 'Twice')
      .orderBy('due_date')
      .execute()
    expect(rows.map((r) => r.due_date)).toEqual(['2026-01-01', '2026-01-08'])
  })

  it('a recurring task needs a due date and a valid rule', async () => {
    expectProblem(
      await call(service, owner, 'POST', '/tasks', { title: 'x', recurrence: { rrule: 'FREQ=DAILY' } }),
      422,
    )
    const bad = expectProblem(
      await call(service, owner, 'POST', '/tasks', {
        title: 'x',
        due: '2026-01-01',
        recurrence: { rrule: 'FREQ=DAILY;BYDAY=XX' },
      }),
      400,
    )
    expect(bad.errors?.[0]?.field).toBe('/body/recurrence/rrule')
    const meaningless = expectProblem(
      await call(service, owner, 'POST', '/tasks', {
        title: 'x',
        due: '2026-01-01',
        recurrence: { rrule: 'FREQ=DAILY;BYSETPOS=1' },
      }),
      422,
    )
    expect(meaningless.code).toBe('recurrence-invalid')
  })
})

describe('versions', () => {
  it('of two edits from the same version, one wins and the other answers 412', async () => {
    const task = await create(owner, { title: 'Contended' })
    const [a, b] = await Promise.all([
      call(service, owner, 'PATCH', `/tasks/${task.id}`, { title: 'A', version: 1 }),
      call(service, owner, 'PATCH', `/tasks/${task.id}`, { title: 'B' }, { 'if-match': '"1"' }),
    ])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412])
    expectProblem([a, b].find((r) => r.statusCode === 412) as typeof a, 412, 'precondition-failed')
  })

  it('a stale If-Match stops a delete, a complete and a project edit', async () => {
    const task = await create(owner, { title: 'Guarded' })
    await ok(call(service, owner, 'PATCH', `/tasks/${task.id}`, { title: 'v2' }))
    expectProblem(await call(service, owner, 'DELETE', `/tasks/${task.id}`, undefined, { 'if-match': '"1"' }), 412)
    expectProblem(await call(service, owner, 'POST', `/tasks/${task.id}/complete`, { version: 1 }), 412)
    await ok(call(service, owner, 'POST', `/tasks/${task.id}/complete`, { version: 2 }))
    const project = await ok<{ id: string }>(call(service, owner, 'POST', '/projects', { name: 'P' }), 201)
    await ok(call(service, owner, 'PATCH', `/projects/${project.id}`, { name: 'P2', version: 1 }))
    expectProblem(await call(service, owner, 'PATCH', `/projects/${project.id}`, { name: 'P3', version: 1 }), 412)
    expectProblem(await call(service, owner, 'DELETE', `/projects/${project.id}`, undefined, { 'if-match': '1' }), 412)
  })
})

describe('events in the outbox', () => {
  it('task.created, task.updated with the changed fields, task.completed and task.deleted, audience = members', async () => {
    const project = await sharedProject(service, owner, editor, viewer)
    const task = await create(editor, { projectId: project.id, title: 'Evented' })
    await ok(
      call(
        service,
        editor,
        'PATCH',
        `/tasks/${task.id}`,
        { title: 'Evented!', priority: 'urgent' },
        { 'x-request-id': 'req-upd' },
      ),
    )
    await ok(call(service, editor, 'POST', `/tasks/${task.id}/complete`))
    await ok(call(service, owner, 'DELETE', `/tasks/${task.id}`), 204)
    const events = (await outboxEvents(service.db)).filter((e) => e.data.taskId === task.id)
    expect(events.map((e) => e.type)).toEqual(['task.created', 'task.updated', 'task.completed', 'task.deleted'])
    const audience = [owner.id, editor.id, viewer.id].sort()
    for (const event of events) expect(event.data.audience).toEqual(audience)
    expect(events[1]).toMatchObject({
      userId: editor.id,
      requestId: 'req-upd',
      data: { changed: ['title', 'priority'], version: 2 },
    })
    expect(events[2].data).toMatchObject({ status: 'done', nextOccurrenceId: null, version: 3 })
    const added = await outboxEvents(service.db, { type: 'project.member_added' })
    expect(added.filter((e) => e.data.projectId === project.id).map((e) => e.data.memberId)).toEqual([
      editor.id,
      viewer.id,
    ])
  })
})

describe('moving a task to another project', () => {
  it('moves it with its subtasks where the caller writes, tells both projects, and refuses what cannot follow', async () => {
    const project = await sharedProject(service, owner, editor, viewer)
    // Its old position would put it first in the new project; its subtasks stand in an order of their own.
    const task = await create(owner, { title: 'Moving', position: -1 })
    const child = await create(owner, { title: 'Along', parentId: task.id, position: 10 })
    await create(owner, { title: 'First step', parentId: task.id, position: 5 })
    await create(editor, { projectId: project.id, title: 'Planned' })
    await create(editor, { projectId: project.id, title: 'Pinned', position: 1e13 })
    const move = (user: TestUser, id: string, body: object) => call(service, user, 'PATCH', `/tasks/${id}`, body)
    const titlesInOrder = async (query: string) =>
      (await ok<{ items: Task[] }>(call(service, owner, 'GET', `/tasks?${query}&sort=position`))).items.map(
        (each) => each.title,
      )

    const alone = expectProblem(await move(owner, child.id, { projectId: project.id }), 422, 'parent-in-other-project')
    expect(alone.errors?.[0]?.field).toBe('/body/projectId')
    const privateProject = await ok<{ id: string }>(call(service, editor, 'POST', '/projects', { name: 'Own' }), 201)
    expectProblem(await move(owner, task.id, { projectId: privateProject.id }), 404)
    const viewersTask = await create(viewer, { title: 'Mine' })
    expectProblem(await move(viewer, viewersTask.id, { projectId: project.id }), 403, 'project-role-insufficient')

    const moved = await ok<Task>(move(owner, task.id, { projectId: project.id, version: task.version }))
    expect(moved).toMatchObject({ projectId: project.id, version: task.version + 1 })
    // Last in the new project's manual order (one past a task placed later than now), the subtasks
    // right after it in their own order.
    expect(moved.position).toBe(1e13 + 1)
    expect(await titlesInOrder(`projectId=${project.id}`)).toEqual([
      'Planned',
      'Pinned',
      'Moving',
      'First step',
      'Along',
    ])
    expect(await titlesInOrder(`parentId=${task.id}`)).toEqual(['First step', 'Along'])
    expect(await ok<Task>(call(service, owner, 'GET', `/tasks/${child.id}`))).toMatchObject({
      projectId: project.id,
      version: child.version + 1,
    })
    const updates = (await outboxEvents(service.db, { type: 'task.updated' })).filter((e) =>
      [task.id, child.id].includes(e.data.taskId as string),
    )
    const audience = [owner.id, editor.id, viewer.id].sort()
    expect(updates.map((e) => [e.data.taskId, e.data.changed, [...(e.data.audience as string[])].sort()])).toEqual([
      [task.id, ['projectId', 'position'], audience],
      [child.id, ['projectId', 'position'], audience],
    ])

    // Back to the Inbox, only its owner's: the viewer assigned meanwhile must be let go in the same request.
    await ok(move(owner, task.id, { assigneeId: viewer.id }))
    const inbox = task.projectId
    expectProblem(await move(owner, task.id, { projectId: inbox }), 422, 'not-a-project-member')
    expect(await ok<Task>(move(owner, task.id, { projectId: inbox, assigneeId: null, position: -1e6 }))).toMatchObject({
      projectId: inbox,
      assigneeId: null,
      position: -1e6,
    })
    // A position sent with the move is where it goes; the subtasks follow it, before the next task.
    expect((await titlesInOrder(`projectId=${inbox}`)).slice(0, 3)).toEqual(['Moving', 'First step', 'Along'])
    await ok(call(service, owner, 'PATCH', `/projects/${project.id}`, { archived: true }))
    expectProblem(await move(owner, task.id, { projectId: project.id }), 409, 'project-archived')
  })
})
