// The consumer applies each partition's run of events in one unit of work (createEventApplier): the
// habit handlers collect the run's focus and task events and apply them together, user by user.
// These tests drive handlers the way the consumer does and compare with one event at a time.
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

/** Applies events as the consumer applies one run: in one unit of work, in order. */
const run = (events: AnyEvent[]) => apply(events)

const session = (userId: string, minutes: number, habitId: string | null = null) =>
  consumed('focus.session.completed', userId, {
    sessionId: randomUUID(),
    taskId: null,
    habitId,
    focusedMinutes: minutes,
    pomodoros: 1,
    startedAt: '2026-03-10T09:00:00.000Z',
    endedAt: '2026-03-10T10:00:00.000Z',
    localDate: '2026-03-10',
    manual: false,
    completedBy: 'timer',
  }) as AnyEvent

const goal = (userId: string, localDate: string) =>
  consumed('focus.daily_goal.achieved', userId, { localDate, goalMinutes: 60, focusedMinutes: 60 }) as AnyEvent

const taskDone = (userId: string, taskId: string) =>
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
  }) as AnyEvent

async function get(userId: string, url: string) {
  const response = await service.app.inject({ method: 'GET', url, headers: await service.bearer(userId) })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

/** What a user has to show: points, level, unlocks, progress, and how often each unlock was announced. */
async function standing(userId: string) {
  const rewards = await get(userId, '/rewards')
  const achievements = await get(userId, '/achievements?limit=200')
  const announced = await outboxEvents(service.db, { type: 'habit.achievement.unlocked', userId })
  return {
    points: rewards.points,
    level: rewards.level,
    unlocked: rewards.unlocked.map((a: { id: string }) => a.id).sort(),
    progress: achievements.items.map((a: { id: string; progress: number }) => [a.id, a.progress]),
    announced: announced.length,
  }
}

/** 12 sessions of 150 minutes, 7 goal days in shuffled order, a task completed twice, and one session and goal day repeated. */
function history(userId: string) {
  const sessions = Array.from({ length: 12 }, () => session(userId, 150))
  const goals = [3, 0, 6, 1, 5, 2, 4].map((n) => goal(userId, addDays('2026-03-01', n)))
  const taskId = randomUUID()
  const tasks = [taskDone(userId, taskId), taskDone(userId, taskId)]
  const focus = [...sessions.slice(0, 6), ...goals.slice(0, 4), ...sessions.slice(6), ...goals.slice(4)]
  return { focus: [...focus, focus[2] as AnyEvent, focus[7] as AnyEvent], tasks }
}

describe('consumer runs: a run of events applied together', () => {
  it('ends where applying the same events one by one ends, each unlock once, also when runs are redelivered', async () => {
    const oneByOne = newUser()
    const inRuns = newUser()
    const single = history(oneByOne)
    for (const event of [...single.focus].reverse()) await handle(event)
    for (const event of single.tasks) await handle(event)

    const batched = history(inRuns)
    await run(batched.focus.slice(0, 5))
    await run(batched.focus.slice(5))
    await run(batched.tasks)
    // The whole backlog redelivered as one run, and again (a consumer that died before committing offsets).
    await run(batched.focus)
    await run([...batched.focus, ...batched.tasks].reverse())

    const expected = await standing(oneByOne)
    expect(expected.unlocked).toEqual([
      'first-daily-goal',
      'first-focus-session',
      'first-task-done',
      'focus-hours-25',
      'focus-sessions-10',
      'goal-streak-7',
    ])
    expect(expected.announced).toBe(6)
    expect(await standing(inRuns)).toEqual(expected)
  })

  it('checks a focus-linked habit in once per run with the day’s sum, and grants the perfect day once', async () => {
    const me = newUser()
    const linked = await createHabit(service, me, { focusLinked: true, target: 60, startDate: '2026-03-01' })
    const first = session(me, 25, linked.id)
    await run([first, session(me, 25), goal(me, '2026-03-10'), first, session(me, 25)])
    expect((await get(me, `/habits/${linked.id}`)).summary).toMatchObject({
      currentStreak: 1,
      today: { status: 'done', value: 75 },
    })
    await run([session(me, 10), first])
    expect((await get(me, `/habits/${linked.id}`)).summary.today).toEqual({ status: 'done', value: 85 })

    const checkedIn = await service.db
      .selectFrom('outbox')
      .select('envelope')
      .where('key', '=', me)
      .where('type', '=', 'habit.checked_in')
      .orderBy('position')
      .execute()
    expect(checkedIn.map((row) => [row.envelope.data.value, row.envelope.data.status])).toEqual([
      [75, 'done'],
      [85, 'done'],
    ])
    const { unlocked } = await standing(me)
    expect(unlocked).toEqual(['first-check-in', 'first-daily-goal', 'first-focus-session', 'perfect-day'])
    const progress = Object.fromEntries((await standing(me)).progress)
    expect(progress).toMatchObject({ 'first-check-in': 1, 'perfect-day': 1, 'focus-sessions-10': 4 })
  })
})
