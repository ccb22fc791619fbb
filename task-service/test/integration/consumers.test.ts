import {
  createEvent,
  createKafka,
  createKafkaBus,
  type EventData,
  type EventEnvelope,
  type EventType,
} from '@focushub/shared/events'
import { createApp } from '@focushub/shared/http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  call,
  deliverEvents,
  join,
  ok,
  registerUser,
  sharedProject,
  startTaskService,
  type TestService,
  type TestUser,
} from './support.ts'

let service: TestService
beforeAll(async () => {
  service = await startTaskService()
})
afterAll(() => service.close())

/** Delivers an event as the consumer would: a run of one. */
const deliver = (event: EventEnvelope) => deliverEvents(service, [event])

const eventOf = <T extends EventType>(type: T, userId: string, data: EventData<T>, producer = 'auth-service') =>
  createEvent(type, data, { producer, userId, requestId: 'test' }).event as ReturnType<typeof createEvent>['event'] & {
    type: T
  }

const sessionCompleted = (userId: string, taskId: string | null) =>
  eventOf(
    'focus.session.completed',
    userId,
    {
      sessionId: crypto.randomUUID(),
      taskId,
      habitId: null,
      focusedMinutes: 25,
      pomodoros: 1,
      startedAt: '2026-06-10T09:00:00.000Z',
      endedAt: '2026-06-10T09:25:00.000Z',
      localDate: '2026-06-10',
      manual: false,
      completedBy: 'timer',
    },
    'focus-service',
  )

const readTask = (user: TestUser, id: string) =>
  ok<{ focusedMinutes: number; pomodorosDone: number; version: number }>(call(service, user, 'GET', `/tasks/${id}`))

describe('auth events', () => {
  it('registration keeps the profile and creates one Inbox, however often delivered', async () => {
    const userId = crypto.randomUUID()
    const registered = eventOf('auth.user.registered', userId, {
      email: 'a@example.com',
      displayName: 'A',
      role: 'user',
      timezone: 'Asia/Tokyo',
      dayStartHour: 5,
    })
    await deliver(registered)
    await deliver(registered)
    await deliver({ ...registered, id: crypto.randomUUID() })
    const inboxes = await service.db.selectFrom('projects').selectAll().where('owner_id', '=', userId).execute()
    expect(inboxes).toHaveLength(1)
    const profile = await service.db
      .selectFrom('user_profiles')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst()
    expect(profile).toMatchObject({ timezone: 'Asia/Tokyo', day_start_hour: 5 })
    await deliver(
      eventOf('auth.user.profile_updated', userId, { displayName: 'A', timezone: 'Europe/Paris', dayStartHour: 0 }),
    )
    const updated = await service.db
      .selectFrom('user_profiles')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst()
    expect(updated).toMatchObject({ timezone: 'Europe/Paris', day_start_hour: 0 })
  })

  it('deletion erases the user: shared projects pass to the longest-standing editor, others go', async () => {
    const [leaver, firstEditor, laterEditor, viewer] = await Promise.all(
      Array.from({ length: 4 }, () => registerUser(service)),
    )
    const team = await sharedProject(service, leaver, firstEditor, viewer)
    await join(service, leaver, team.id, laterEditor, 'editor')
    const viewersOnly = await ok<{ id: string }>(call(service, leaver, 'POST', '/projects', { name: 'Solo' }), 201)
    await join(service, leaver, viewersOnly.id, viewer, 'viewer')
    const elsewhere = await sharedProject(service, firstEditor, leaver, viewer)
    const assigned = await ok<{ id: string }>(
      call(service, firstEditor, 'POST', '/tasks', {
        projectId: elsewhere.id,
        title: 'x',
        assigneeId: leaver.id,
        observerIds: [leaver.id],
      }),
      201,
    )
    const deleted = eventOf('auth.user.deleted', leaver.id, {})
    await deliver(deleted)
    await deliver(deleted)
    expect(await ok(call(service, firstEditor, 'GET', `/projects/${team.id}`))).toMatchObject({
      role: 'owner',
      ownerId: firstEditor.id,
    })
    expect((await call(service, viewer, 'GET', `/projects/${viewersOnly.id}`)).statusCode).toBe(404)
    expect(await service.db.selectFrom('projects').selectAll().where('owner_id', '=', leaver.id).execute()).toEqual([])
    expect(
      await service.db.selectFrom('project_members').selectAll().where('user_id', '=', leaver.id).execute(),
    ).toEqual([])
    expect(await ok(call(service, firstEditor, 'GET', `/tasks/${assigned.id}`))).toMatchObject({
      assigneeId: null,
      observerIds: [],
    })
    expect(await service.db.selectFrom('user_profiles').selectAll().where('user_id', '=', leaver.id).execute()).toEqual(
      [],
    )
  })
})

describe('focus.session.completed', () => {
  it('adds minutes and a pomodoro to the task once per event, without bumping its version', async () => {
    const user = await registerUser(service)
    const task = await ok<{ id: string }>(call(service, user, 'POST', '/tasks', { title: 'Deep work' }), 201)
    const event = sessionCompleted(user.id, task.id)
    await deliver(event)
    await deliver(event)
    await deliver(sessionCompleted(user.id, task.id))
    expect(await readTask(user, task.id)).toMatchObject({ focusedMinutes: 50, pomodorosDone: 2, version: 1 })
  })

  it('ignores sessions without a task, for an unknown task, or for a task the user cannot see', async () => {
    const [user, stranger] = await Promise.all([registerUser(service), registerUser(service)])
    const task = await ok<{ id: string }>(call(service, user, 'POST', '/tasks', { title: 'Private' }), 201)
    await deliver(sessionCompleted(user.id, null))
    await deliver(sessionCompleted(user.id, crypto.randomUUID()))
    await deliver(sessionCompleted(stranger.id, task.id))
    expect(await readTask(user, task.id)).toMatchObject({ focusedMinutes: 0, pomodorosDone: 0 })
  })

  it('through Kafka: an event published on the focus topic reaches the task', async () => {
    const user = await registerUser(service)
    const task = await ok<{ id: string }>(call(service, user, 'POST', '/tasks', { title: 'Via Kafka' }), 201)
    const log = createApp({ service: 'task-consumer-test', logLevel: 'silent' }).log
    const bus = createKafkaBus(createKafka(service.config.KAFKA_BROKERS, 'task-consumer-test', log), {
      prefix: service.config.KAFKA_TOPIC_PREFIX,
      partitions: 1,
      log,
    })
    await bus.ensureTopics()
    const publisher = bus.publisher()
    const event = sessionCompleted(user.id, task.id)
    await publisher.send([{ topic: 'focushub.focus.events', key: user.id, value: JSON.stringify(event), headers: {} }])
    await publisher.close()
    // The first event waits for consumer group task-service to form.
    await expect
      .poll(async () => (await readTask(user, task.id)).focusedMinutes, { timeout: 25_000, interval: 250 })
      .toBe(25)
  }, 30_000)
})
