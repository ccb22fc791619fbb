import { randomUUID } from 'node:crypto'
import type { ConsumedEvent, EventType } from '@focushub/shared/events'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Reminder } from '../../src/modules/reminders/reminder-times.ts'
import { fireDueReminders, rearmDefaultReminders } from '../../src/modules/reminders/reminders.service.ts'
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

/** A fire-reminder job's run: what is due by `through` (default `now`) fired, as the worker would. */
const fireDue = (now: Date, through = now, limit?: number) => fireDueReminders(service.ctx, through, now, limit)

const scheduleOf = (taskId: string, userId: string) =>
  service.db
    .selectFrom('reminder_schedules')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('user_id', '=', userId)
    .orderBy('position')
    .execute()

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
    // Two jobs of the tick at once: the second skips what the first holds, and finds it fired after.
    await Promise.all([fireDue(at), fireDue(at)])
    await fireDue(at)
    expect((await scheduleOf(task.taskId, me))[0].fired_at).toEqual(at)
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
    await apply(updated({ ...task, version: 2, dueAt: '2030-03-11T09:00:00.000Z' }))
    // The job armed for 08:30 on the 10th runs (its key was re-armed, but say it ran first): nothing due of this task.
    await fireDue(new Date('2030-03-10T08:30:00Z'))
    expect(await scheduleOf(task.taskId, me)).toMatchObject([
      { fire_at: new Date('2030-03-11T08:30:00Z'), fired_at: null },
    ])
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
    await fireDue(fire_at)
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
    // The PUT queues one job to re-arm the user's tasks (it costs the same however many they have).
    const { rows } = await sql<{ key: string }>`
      select key from ${sql.id(service.config.JOB_QUEUE_SCHEMA, 'jobs')} where key = ${`rearm-default-reminders:${me}`}`.execute(
      service.db,
    )
    expect(rows).toHaveLength(1)
    expect(Object.keys(await jobsOf(other.taskId))).toHaveLength(1)
    expect(await rearmDefaultReminders(service.ctx, me)).toBe(1)
    expect(await jobsOf(other.taskId)).toEqual({})
    expect(Object.keys(await jobsOf(task.taskId))).toHaveLength(1)
  })
})

describe('a tick of many reminders', () => {
  const jobCount = async (taskIds: string[]) =>
    (await Promise.all(taskIds.map(async (taskId) => Object.keys(await jobsOf(taskId)).length))).reduce((a, b) => a + b)

  it('fires them in batches, oldest first, each told once and its job gone; a reminder another firing holds is skipped', async () => {
    const at = new Date('2031-01-06T09:00:00Z')
    await fireDue(new Date('2031-01-06T08:00:00Z')) // whatever earlier tests left due
    const users = Array.from({ length: 30 }, newUser)
    const tasks = users.map(() => aTask({ dueAt: '2031-01-06T10:00:00.000Z' }))
    // 60 reminders: 30 at 09:00, 30 a minute before.
    await apply(...users.map((user, i) => remindersSet(user, tasks[i], [{ before: 60 }, { before: 61 }])))
    expect(await jobCount(tasks.map((task) => task.taskId))).toBe(60)

    await service.db.transaction().execute(async (trx) => {
      // Another firing holds users[0]'s 09:00 reminder.
      await trx
        .selectFrom('reminder_schedules')
        .select('task_id')
        .where('task_id', '=', tasks[0].taskId)
        .where('position', '=', 0)
        .forUpdate()
        .execute()
      expect(await fireDue(at, at, 25)).toEqual({ fired: 25, told: 25 })
      const firedFirst = await service.db
        .selectFrom('reminder_schedules')
        .select('fire_at')
        .where('fired_at', '=', at)
        .execute()
      expect(new Set(firedFirst.map((row) => row.fire_at.toISOString()))).toEqual(new Set(['2031-01-06T08:59:00.000Z']))
      expect(await fireDue(at, at, 100)).toEqual({ fired: 34, told: 34 })
    })
    expect(await fireDue(at)).toEqual({ fired: 1, told: 1 })
    expect(await fireDue(at)).toEqual({ fired: 0, told: 0 })
    for (const user of users) expect(await inboxOf(user)).toHaveLength(2)
    expect(await jobCount(tasks.map((task) => task.taskId))).toBe(0)
  })

  it('marks a reminder more than an hour late fired without telling it', async () => {
    const me = newUser()
    const task = aTask({ dueAt: '2031-01-07T07:00:00.000Z' })
    await apply(remindersSet(me, task, [{ before: 0 }]))
    expect(await fireDue(new Date('2031-01-07T08:00:01Z'))).toEqual({ fired: 1, told: 0 })
    expect(await inboxOf(me)).toEqual([])
    expect(await jobsOf(task.taskId)).toEqual({})
  })
})
