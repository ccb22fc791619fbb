import { randomUUID } from 'node:crypto'
import type { ConsumedEvent, EventType } from '@focushub/shared/events'
import { addDays } from '@focushub/shared/time'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  consumed,
  createHabit,
  deliverEvents,
  newUser,
  outboxEvents,
  startHabitService,
  type TestService,
} from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startHabitService()
})
afterAll(() => service.close())

type AnyEvent = ConsumedEvent<EventType>
const apply = (events: AnyEvent[]) => deliverEvents(service, events)
/** Applies one event as the consumer does: a run of one. */
const handle = (event: AnyEvent) => apply([event])

const session = (userId: string, minutes: number, extra: { habitId?: string; localDate?: string } = {}) =>
  consumed('focus.session.completed', userId, {
    sessionId: randomUUID(),
    taskId: null,
    habitId: extra.habitId ?? null,
    focusedMinutes: minutes,
    pomodoros: 1,
    startedAt: '2026-03-10T09:00:00.000Z',
    endedAt: '2026-03-10T10:00:00.000Z',
    localDate: extra.localDate ?? '2026-03-10',
    manual: false,
    completedBy: 'timer',
  })

const goal = (userId: string, localDate: string) =>
  consumed('focus.daily_goal.achieved', userId, { localDate, goalMinutes: 60, focusedMinutes: 60 })

const taskDone = (userId: string, taskId = randomUUID()) =>
  consumed('task.completed', userId, {
    taskId,
    projectId: randomUUID(),
    title: 'Ship it',
    status: 'done',
    assigneeId: null,
    version: 2,
    audience: [userId],
    completedAt: '2026-03-10T10:00:00.000Z',
    localDate: '2026-03-10',
    nextOccurrenceId: null,
  })

async function get(userId: string, url: string) {
  const response = await service.app.inject({ method: 'GET', url, headers: await service.bearer(userId) })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

const unlockedIds = async (userId: string) =>
  (await get(userId, '/rewards')).unlocked.map((a: { id: string }) => a.id).sort()

const unlockEvents = async (userId: string) =>
  (await outboxEvents(service.db, { type: 'habit.achievement.unlocked', userId })).length

describe('consumers: achievements exactly once', () => {
  it('unlocks the first focus session once however often the event is redelivered', async () => {
    const me = newUser()
    const event = session(me, 25)
    await Promise.all([handle(event), handle(event)])
    await handle(event)
    expect(await unlockedIds(me)).toEqual(['first-focus-session'])
    expect(await unlockEvents(me)).toBe(1)
    const rewards = await get(me, '/rewards')
    expect(rewards).toMatchObject({ points: 10, level: 1, nextLevelAt: 100 })
  })

  it('counts sessions and focus minutes toward 10 sessions and 25 hours', async () => {
    const me = newUser()
    for (let n = 0; n < 10; n++) await handle(session(me, 150))
    expect(await unlockedIds(me)).toEqual(['first-focus-session', 'focus-hours-25', 'focus-sessions-10'])
    const achievements = await get(me, '/achievements?limit=200')
    const hours100 = achievements.items.find((a: { id: string }) => a.id === 'focus-hours-100')
    expect(hours100).toMatchObject({ progress: 1500, target: 6000, unlocked: false, unlockedAt: null })
  })

  it('unlocks a 7-day goal streak once, whatever order the days arrive in, and grants daily goal points', async () => {
    const me = newUser()
    const days = [3, 0, 6, 1, 5, 2, 4].map((n) => goal(me, addDays('2026-03-01', n)))
    for (const event of days) await handle(event)
    for (const event of days) await handle(event)
    expect(await unlockedIds(me)).toEqual(['first-daily-goal', 'goal-streak-7'])
    expect(await unlockEvents(me)).toBe(2)
    expect((await get(me, '/rewards')).points).toBe(7 * 10 + 10 + 50)
  })

  it('counts a task once even when completed again under a new event', async () => {
    const me = newUser()
    const taskId = randomUUID()
    await handle(taskDone(me, taskId))
    await handle(taskDone(me, taskId))
    const achievements = await get(me, '/achievements?limit=200')
    expect(achievements.items.find((a: { id: string }) => a.id === 'tasks-done-100')).toMatchObject({ progress: 1 })
    expect(await unlockedIds(me)).toEqual(['first-task-done'])
  })

  it('pages achievements', async () => {
    const me = newUser()
    const first = await get(me, '/achievements?limit=5')
    expect(first.items).toHaveLength(5)
    const second = await get(me, `/achievements?limit=5&cursor=${first.nextCursor}`)
    expect(second.items[0].id).not.toBe(first.items[4].id)
  })
})

describe('consumers: focus-linked habits and perfect days', () => {
  it('checks in a focus-linked habit from the day’s sessions, once per event', async () => {
    const me = newUser()
    const linked = await createHabit(service, me, { focusLinked: true, target: 60, startDate: '2026-03-01' })
    const other = await createHabit(service, me, { focusLinked: true, target: 30, startDate: '2026-03-01' })
    const first = session(me, 40, { habitId: linked.id })
    await handle(first)
    await handle(first)
    const afterFirst = await get(me, `/habits/${linked.id}`)
    expect(afterFirst.summary.today).toEqual({ status: 'partial', value: 40 })
    expect((await get(me, `/habits/${other.id}`)).summary.today).toBeNull()
    await handle(session(me, 25))
    expect((await get(me, `/habits/${linked.id}`)).summary).toMatchObject({
      currentStreak: 1,
      today: { status: 'done', value: 65 },
    })
    expect((await get(me, `/habits/${other.id}`)).summary.today).toEqual({ status: 'partial', value: 25 })
    const checkedIn = await service.db
      .selectFrom('outbox')
      .select('envelope')
      .where('key', '=', me)
      .where('type', '=', 'habit.checked_in')
      .execute()
    expect(checkedIn.map((row) => row.envelope.data.source)).toEqual(['focus', 'focus', 'focus'])
  })

  it('grants a perfect day when the goal and every due habit are done, in either order, once', async () => {
    const me = newUser()
    const habit = await createHabit(service, me, { startDate: '2026-03-01' })
    await createHabit(service, me, { name: 'Weekly', schedule: { type: 'times_per_week', times: 2 } })
    const goalEvent = goal(me, '2026-03-10')
    await handle(goalEvent)
    expect(await unlockedIds(me)).toEqual(['first-daily-goal'])
    const checkIn = await service.app.inject({
      method: 'POST',
      url: `/habits/${habit.id}/check-ins`,
      headers: await service.bearer(me),
      payload: { status: 'done' },
    })
    expect(checkIn.statusCode).toBe(200)
    await handle(goalEvent)
    expect(await unlockedIds(me)).toEqual(['first-check-in', 'first-daily-goal', 'perfect-day'])
  })

  it('erases a deleted user', async () => {
    const me = newUser()
    await createHabit(service, me)
    await handle(session(me, 25))
    await handle(consumed('auth.user.deleted', me, {}))
    expect((await get(me, '/habits')).items).toEqual([])
    expect(await get(me, '/rewards')).toMatchObject({ points: 0, unlocked: [] })
  })
})
