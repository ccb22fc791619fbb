import { randomUUID } from 'node:crypto'
import type { ConsumedEvent, EventType } from '@focushub/shared/events'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Reminder } from '../../src/modules/reminders/reminder-times.ts'
import { fireReminder } from '../../src/modules/reminders/reminders.service.ts'
import {
  consumed,
  deliverEvents,
  newUser,
  outboxEvents,
  startNotificationService,
  type TestService,
} from './support.ts'

let service: TestService

beforeAll(async () => {
  // No worker: the tests read the queue and fire reminders themselves, at instants of their choosing.
  service = await startNotificationService({ JOB_WORKER_ENABLED: 'false' })
})
afterAll(() => service.close())

const apply = (...events: ConsumedEvent<EventType>[]) => deliverEvents(service, events)

interface TaskFixture {
  taskId: string
  projectId: string
  title: string
  status: 'todo' | 'in_progress' | 'done' | 'cancelled'
  assigneeId: string | null
  version: number
  dueAt: string | null
  dueDate: string | null
}

const aTask = (changes: Partial<TaskFixture> = {}): TaskFixture => ({
  taskId: randomUUID(),
  projectId: randomUUID(),
  title: 'Write the report',
  status: 'todo',
  assigneeId: null,
  version: 1,
  dueAt: '2030-03-10T09:00:00.000Z',
  dueDate: null,
  ...changes,
})

const remindersSet = (userId: string, { assigneeId: _, ...task }: TaskFixture, reminders: Reminder[]) =>
  consumed('task.reminders_set', userId, { ...task, reminders })
const updated = (task: TaskFixture) =>
  consumed('task.updated', randomUUID(), { ...task, audience: [], changed: ['due'] })
const completed = (task: TaskFixture) =>
  consumed('task.completed', randomUUID(), {
    ...task,
    status: 'done',
    audience: [],
    completedAt: '2030-03-09T10:00:00.000Z',
    localDate: '2030-03-09',
    nextOccurrenceId: null,
  })
const deleted = (task: TaskFixture) =>
  consumed('task.deleted', randomUUID(), { taskId: task.taskId, projectId: task.projectId, audience: [] })

/** The pending fire-reminder jobs of a task, by key. */
async function jobsOf(taskId: string) {
  const { rows } = await sql<{ key: string; run_at: Date }>`
    select key, run_at from ${sql.id(service.config.JOB_QUEUE_SCHEMA, 'jobs')}
    where key like ${`reminder:${taskId}:%`} order by key`.execute(service.db)
  return Object.fromEntries(rows.map((row) => [row.key, row.run_at.toISOString()]))
}

const inboxOf = (userId: string) =>
  service.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('id').execute()

const firePending = async (taskId: string, userId: string, position: number, now: Date) => {
  const schedule = await service.db
    .selectFrom('reminder_schedules')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('user_id', '=', userId)
    .where('position', '=', position)
    .executeTakeFirstOrThrow()
  const payload = { taskId, userId, position, fireAt: schedule.fire_at.toISOString() }
  return fireReminder(service.ctx, payload, now)
}

describe('scheduling reminders from task events', () => {
  it('arms one job per reminder at its instant, keyed by task, user and place', async () => {
    const me = newUser()
    const task = aTask()
    await apply(remindersSet(me, task, [{ before: 30 }, { at: '2030-03-09T18:00:00.000Z' }]))
    expect(await jobsOf(task.taskId)).toEqual({
      [`reminder:${task.taskId}:${me}:0`]: '2030-03-10T08:30:00.000Z',
      [`reminder:${task.taskId}:${me}:1`]: '2030-03-09T18:00:00.000Z',
    })
  })

  it('moves them when the due moves; an older version of the task changes nothing', async () => {
    const me = newUser()
    const task = aTask({ version: 3 })
    await apply(remindersSet(me, task, [{ before: 60 }, { at: '2030-03-09T18:00:00.000Z' }]))
    await apply(updated({ ...task, version: 4, dueAt: '2030-03-12T09:00:00.000Z' }))
    await apply(updated({ ...task, version: 2, dueAt: '2030-01-01T09:00:00.000Z' }))
    expect(await jobsOf(task.taskId)).toEqual({
      [`reminder:${task.taskId}:${me}:0`]: '2030-03-12T08:00:00.000Z',
      [`reminder:${task.taskId}:${me}:1`]: '2030-03-09T18:00:00.000Z',
    })
    // A due removed: a reminder before it has nothing to count from.
    await apply(updated({ ...task, version: 5, dueAt: null }))
    expect(Object.keys(await jobsOf(task.taskId))).toEqual([`reminder:${task.taskId}:${me}:1`])
  })

  it('replaces a list: a reminder removed loses its job', async () => {
    const me = newUser()
    const task = aTask()
    await apply(remindersSet(me, task, [{ before: 10 }, { before: 20 }]))
    await apply(remindersSet(me, task, [{ before: 15 }]))
    expect(await jobsOf(task.taskId)).toEqual({ [`reminder:${task.taskId}:${me}:0`]: '2030-03-10T08:45:00.000Z' })
    await apply(remindersSet(me, task, []))
    expect(await jobsOf(task.taskId)).toEqual({})
  })

  it('cancels them when the task is done, re-arms them when it is reopened, and cancels for good on delete', async () => {
    const [me, other] = [newUser(), newUser()]
    const task = aTask()
    await apply(remindersSet(me, task, [{ before: 10 }]), remindersSet(other, task, [{ before: 5 }]))
    await apply(completed({ ...task, version: 2 }))
    expect(await jobsOf(task.taskId)).toEqual({})
    await apply(updated({ ...task, version: 3, status: 'todo' }))
    expect(Object.keys(await jobsOf(task.taskId))).toHaveLength(2)
    await apply(deleted(task))
    expect(await jobsOf(task.taskId)).toEqual({})
    // A list published before the deletion but read after it (another partition) arms nothing.
    await apply(remindersSet(me, { ...task, version: 9 }, [{ before: 1 }]))
    expect(await jobsOf(task.taskId)).toEqual({})
  })

  it('a reminder already past when set fires at once, unless more than an hour late', async () => {
    const me = newUser()
    const now = Date.now()
    const task = aTask({ dueAt: new Date(now + 10 * 60_000).toISOString() })
    const lateByHalfAnHour = new Date(now - 30 * 60_000).toISOString()
    const lateByTwoHours = new Date(now - 120 * 60_000).toISOString()
    await apply(remindersSet(me, task, [{ at: lateByHalfAnHour }, { at: lateByTwoHours }]))
    expect(await jobsOf(task.taskId)).toEqual({ [`reminder:${task.taskId}:${me}:0`]: lateByHalfAnHour })
  })

  it("a deleted account's reminders are cancelled", async () => {
    const me = newUser()
    const task = aTask()
    await apply(remindersSet(me, task, [{ before: 10 }]))
    await apply(consumed('auth.user.deleted', me, {}))
    expect(await jobsOf(task.taskId)).toEqual({})
  })
})

describe('a reminder firing', () => {
  it('tells the user once, with the task title and the due in their time zone, even if the job runs twice', async () => {
    const me = newUser()
    await apply(
      consumed('auth.user.registered', me, {
        email: `${me}@example.com`,
        displayName: 'Ada',
        role: 'user',
        timezone: 'Europe/Berlin',
        dayStartHour: 0,
      }),
    )
    const task = aTask({ title: 'Pay rent', dueAt: '2030-03-10T09:00:00.000Z' })
    await apply(remindersSet(me, task, [{ before: 30 }]))
    const at = new Date('2030-03-10T08:30:05Z')
    expect(await Promise.all([firePending(task.taskId, me, 0, at), firePending(task.taskId, me, 0, at)])).toContain(
      'told',
    )
    expect(await firePending(task.taskId, me, 0, at)).toBe('stale')
    const inbox = await inboxOf(me)
    expect(inbox).toHaveLength(1)
    expect(inbox[0]).toMatchObject({
      kind: 'task_reminder',
      title: 'Pay rent',
      body: 'Due Sunday 10 March 2030 at 10:00 CET.',
      data: { taskId: task.taskId, projectId: task.projectId },
    })
    const created = (await outboxEvents(service.db, { type: 'notification.created' })).filter((e) => e.userId === me)
    expect(created).toHaveLength(1)
    expect(created[0].data).toMatchObject({ kind: 'task_reminder', data: { taskId: task.taskId } })
  })

  it('a job left from before a move, or of a task since done, tells nothing', async () => {
    const me = newUser()
    const task = aTask()
    await apply(remindersSet(me, task, [{ before: 30 }]))
    const stale = { taskId: task.taskId, userId: me, position: 0, fireAt: '2030-03-10T08:30:00.000Z' }
    await apply(updated({ ...task, version: 2, dueAt: '2030-03-11T09:00:00.000Z' }))
    expect(await fireReminder(service.ctx, stale, new Date('2030-03-10T08:30:00Z'))).toBe('stale')
    await apply(remindersSet(me, task, [{ at: '2030-03-09T08:00:00.000Z' }]))
    await apply(completed({ ...task, version: 3 }))
    expect(await inboxOf(me)).toEqual([])
  })

  it('a reminder for an all-day task names the day', async () => {
    const me = newUser()
    // Due all day on 31 March 2030 in Berlin, the day clocks go forward: the end of that day is 22:00 UTC.
    const task = aTask({ dueAt: '2030-03-31T22:00:00.000Z', dueDate: '2030-03-31' })
    await apply(remindersSet(me, task, [{ before: 24 * 60 }]))
    const { fire_at } = await service.db
      .selectFrom('reminder_schedules')
      .select('fire_at')
      .where('task_id', '=', task.taskId)
      .executeTakeFirstOrThrow()
    // A day before the instant: 23:00 on the 30th local (winter time), 24 hours, not a wall-clock day.
    expect(fire_at.toISOString()).toBe('2030-03-30T22:00:00.000Z')
    expect(await firePending(task.taskId, me, 0, fire_at)).toBe('told')
    expect((await inboxOf(me))[0].body).toBe('Due Sunday 31 March 2030.')
  })
})

describe('the default reminder', () => {
  it('reminds the assignee of a task with a due who set none, until they set their own', async () => {
    const me = newUser()
    const headers = await service.bearer(me)
    const settings = { muted: false, quietHours: null, defaultReminderMinutes: 15 }
    const put = await service.app.inject({ method: 'PUT', url: '/notification-settings', headers, payload: settings })
    expect(put.json()).toMatchObject({ defaultReminderMinutes: 15 })

    const task = aTask({ assigneeId: me })
    await apply(consumed('task.created', randomUUID(), { ...task, audience: [], parentId: null }))
    expect(await jobsOf(task.taskId)).toEqual({ [`reminder:${task.taskId}:${me}:0`]: '2030-03-10T08:45:00.000Z' })

    await apply(remindersSet(me, task, [{ before: 120 }]))
    expect(await jobsOf(task.taskId)).toEqual({ [`reminder:${task.taskId}:${me}:0`]: '2030-03-10T07:00:00.000Z' })

    const other = aTask({ assigneeId: me })
    await apply(consumed('task.created', randomUUID(), { ...other, audience: [], parentId: null }))
    await service.app.inject({
      method: 'PUT',
      url: '/notification-settings',
      headers,
      payload: { ...settings, defaultReminderMinutes: null },
    })
    expect(await jobsOf(other.taskId)).toEqual({})
    expect(Object.keys(await jobsOf(task.taskId))).toHaveLength(1)
  })
})
