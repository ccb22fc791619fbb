// Issue #19, item 2: focus-service takes a goal day back (focus.daily_goal.revoked) when an edit or
// a delete leaves it below the goal, and publishes edits and deletes of logged sessions; rewards
// and achievement progress follow, one event at a time or in one consumer run alike.
import { randomUUID } from 'node:crypto'
import type { ConsumedEvent, EventType } from '@focushub/shared/events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consumed, createHabit, deliverEvents, newUser, startHabitService, type TestService } from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startHabitService()
})
afterAll(() => service.close())

type AnyEvent = ConsumedEvent<EventType>
const apply = (events: AnyEvent[]) => deliverEvents(service, events)
/** Applies one event as the consumer does: a run of one. */
const handle = (event: AnyEvent) => apply([event])
const oneByOne = async (events: AnyEvent[]) => {
  for (const event of events) await handle(event)
}
/** As the consumer applies one run: in one transaction, in order. */
const inOneRun = (events: AnyEvent[]) => apply(events)

const credit = (minutes: number, localDate: string) => ({
  sessionId: randomUUID(),
  taskId: null,
  habitId: null,
  focusedMinutes: minutes,
  pomodoros: 0,
  startedAt: `${localDate}T08:00:00.000Z`,
  endedAt: `${localDate}T09:00:00.000Z`,
  localDate,
})

const logged = (userId: string, data: ReturnType<typeof credit>) =>
  consumed('focus.session.completed', userId, { ...data, manual: true, completedBy: 'log' }) as AnyEvent
const edited = (userId: string, before: ReturnType<typeof credit>, after: ReturnType<typeof credit>) =>
  consumed('focus.session.edited', userId, {
    ...after,
    sessionId: before.sessionId,
    previous: {
      focusedMinutes: before.focusedMinutes,
      startedAt: before.startedAt,
      endedAt: before.endedAt,
      localDate: before.localDate,
    },
  }) as AnyEvent
const deleted = (userId: string, data: ReturnType<typeof credit>) =>
  consumed('focus.session.deleted', userId, data) as AnyEvent
const achieved = (userId: string, localDate: string) =>
  consumed('focus.daily_goal.achieved', userId, { localDate, goalMinutes: 60, focusedMinutes: 60 }) as AnyEvent
const revoked = (userId: string, localDate: string) =>
  consumed('focus.daily_goal.revoked', userId, { localDate, goalMinutes: 60, focusedMinutes: 0 }) as AnyEvent

async function get(userId: string, url: string) {
  const response = await service.app.inject({ method: 'GET', url, headers: await service.bearer(userId) })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

async function standing(userId: string) {
  const rewards = await get(userId, '/rewards')
  const achievements = await get(userId, '/achievements?limit=200')
  const progress = new Map(achievements.items.map((a: { id: string; progress: number }) => [a.id, a.progress]))
  return {
    points: rewards.points,
    unlocked: rewards.unlocked.map((a: { id: string }) => a.id).sort(),
    goalDays: progress.get('first-daily-goal'),
    goalStreak: progress.get('goal-streak-7'),
    sessions: progress.get('focus-sessions-10'),
    minutes: progress.get('focus-hours-25'),
    perfectDays: progress.get('perfect-days-10'),
  }
}

describe('consumers: goal days withdrawn, logged sessions edited and deleted', () => {
  it('takes a withdrawn goal day back: its points, count, streak and perfect day; it can be reached again', async () => {
    const me = newUser()
    const habit = await createHabit(service, me, { startDate: '2026-03-01' })
    await handle(achieved(me, '2026-03-07'))
    await handle(achieved(me, '2026-03-08'))
    const perfect = await service.app.inject({
      method: 'POST',
      url: `/habits/${habit.id}/check-ins`,
      headers: await service.bearer(me),
      payload: { date: '2026-03-08', status: 'done' },
    })
    expect(perfect.statusCode, perfect.body).toBe(200)
    // 2 goal days (20) + "Goal!" (10) + "Perfect day" (25) + "First step" (5)
    expect(await standing(me)).toMatchObject({ points: 60, goalDays: 1, goalStreak: 2, perfectDays: 1 })

    const withdrawal = revoked(me, '2026-03-08')
    await handle(withdrawal)
    await handle(withdrawal)
    const after = await standing(me)
    expect(after).toMatchObject({ points: 50, goalStreak: 1, perfectDays: 0 })
    expect(after.unlocked).toEqual(['first-check-in', 'first-daily-goal', 'perfect-day'])

    await handle(revoked(me, '2026-03-07'))
    expect(await standing(me)).toMatchObject({ points: 40, goalDays: 0, goalStreak: 0 })
    await handle(achieved(me, '2026-03-08'))
    expect(await standing(me)).toMatchObject({ points: 50, goalDays: 1, goalStreak: 1, perfectDays: 1 })
  })

  it('moves the session and minute counters with edits and deletes of logged sessions', async () => {
    const me = newUser()
    const first = credit(105, '2026-03-09')
    const second = credit(30, '2026-03-09')
    await oneByOne([logged(me, first), logged(me, second)])
    expect(await standing(me)).toMatchObject({ sessions: 2, minutes: 135 })
    await handle(edited(me, first, { ...first, focusedMinutes: 45, localDate: '2026-03-08' }))
    expect(await standing(me)).toMatchObject({ sessions: 2, minutes: 75 })
    await handle(deleted(me, second))
    expect(await standing(me)).toMatchObject({ sessions: 1, minutes: 45 })
  })

  it('gives in one run what one event at a time gives, whatever the goal days went through', async () => {
    const before = (userId: string) => [achieved(userId, '2026-03-07'), logged(userId, credit(25, '2026-03-07'))]
    const run = (userId: string) => {
      const session = credit(105, '2026-03-09')
      const moved = { ...session, localDate: '2026-03-08' }
      return [
        logged(userId, session),
        achieved(userId, '2026-03-09'),
        edited(userId, session, moved),
        revoked(userId, '2026-03-09'),
        achieved(userId, '2026-03-08'),
        deleted(userId, moved),
        revoked(userId, '2026-03-08'),
        achieved(userId, '2026-03-06'),
      ]
    }
    const sequential = newUser()
    const together = newUser()
    await oneByOne([...before(sequential), ...run(sequential)])
    await oneByOne(before(together))
    await inOneRun(run(together))
    const expected = await standing(sequential)
    // 2 goal days (20) + "Goal!" (10) + "First focus" (10)
    expect(expected).toMatchObject({ points: 40, goalDays: 1, goalStreak: 2, sessions: 1, minutes: 25 })
    expect(await standing(together)).toEqual(expected)
  })
})
