import type { ConsumedEvent, EventType } from '@focushub/shared/events'
import { createApp } from '@focushub/shared/http'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AgendaContext,
  type DailyJobName,
  dailyJobs,
  runDailyJob,
} from '../../src/modules/agenda/agenda.service.ts'
import { consumed, deliverEvents, newUser, standInGuard, startWithStandIn, type TestService } from './support.ts'

/** task-, habit- and focus-service's internal routes stood in over real HTTP, guarded as they guard them. */
const standIn = createApp({ service: 'day-stand-in', logLevel: 'silent' })
const failing = new Set<string>()
const task = (title: string, due: string, allDay: boolean, dueAt: string | null = null) => ({
  id: newUser(),
  projectId: newUser(),
  title,
  priority: 'none',
  due,
  dueAt,
  allDay,
})

let service: TestService
let ctx: AgendaContext

beforeAll(async () => {
  const fail = (userId: string) => failing.has(userId)
  standIn.get('/internal/users/:userId/day', standInGuard, async (request, reply) => {
    if (fail((request.params as { userId: string }).userId)) return reply.code(503).send({ title: 'Unavailable' })
    return {
      localDate: '2026-06-10',
      dueToday: {
        count: 3,
        items: [
          task('Call the bank', '2026-06-10T12:00:00.000Z', false, '2026-06-10T12:00:00.000Z'),
          task('Pay <rent> & bills', '2026-06-10', true),
        ],
      },
      overdue: { count: 1, items: [task('File taxes', '2026-06-01', true)] },
    }
  })
  standIn.get('/internal/users/:userId/habits-due', standInGuard, async (request) => ({
    localDate: (request.query as { date: string }).date,
    count: 3,
    items: [
      { id: '0190a1b2-0000-7000-8000-000000000001', name: 'Read', unit: 'days', currentStreak: 5, checkIn: null },
      { id: '0190a1b2-0000-7000-8000-000000000002', name: 'Run', unit: 'days', currentStreak: 2, checkIn: null },
      { id: '0190a1b2-0000-7000-8000-000000000003', name: 'Write', unit: 'days', currentStreak: 9, checkIn: 'done' },
    ],
  }))
  standIn.get('/internal/users/:userId/focus-day', standInGuard, async (request) => ({
    localDate: (request.query as { date: string }).date,
    focusedMinutes: 50,
    sessions: 2,
    pomodoros: 2,
    goalMinutes: 30,
    goalReached: true,
  }))
  const started = await startWithStandIn(standIn)
  service = started.service
  ctx = started.ctx
})
afterAll(async () => {
  await service.close()
  await standIn.close()
})

const apply = (...events: ConsumedEvent<EventType>[]) => deliverEvents(service, events)

async function registered(timezone = 'Europe/Berlin', dayStartHour = 0) {
  const userId = newUser()
  const profile = { email: `${userId}@example.com`, displayName: 'Ada', role: 'user' as const, timezone, dayStartHour }
  await apply(consumed('auth.user.registered', userId, profile))
  return userId
}

/** The user's pending daily job of that name: when it runs and what it carries. */
async function jobOf(name: DailyJobName, userId: string) {
  const { rows } = await sql<{ run_at: Date; payload: { userId: string; runAt: string } }>`
    select run_at, payload from ${sql.id(service.config.JOB_QUEUE_SCHEMA, '_private_jobs')}
    where key = ${dailyJobs[name].jobKey(userId)}`.execute(service.db)
  return rows[0] && { runAt: rows[0].run_at.toISOString(), payload: rows[0].payload }
}

async function settings(userId: string, changes: Record<string, unknown>) {
  const response = await service.app.inject({
    method: 'PUT',
    url: '/notification-settings',
    headers: await service.bearer(userId),
    payload: { muted: false, quietHours: null, ...changes },
  })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

/** Runs the user's pending job a second after it is due, as the worker would. */
async function runPending(name: DailyJobName, userId: string) {
  const job = await jobOf(name, userId)
  expect(job, `a pending ${name} job`).toBeDefined()
  return runDailyJob(ctx, name, job!.payload, new Date(new Date(job!.runAt).getTime() + 1000))
}

const inboxOf = (userId: string) =>
  service.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('id').execute()

describe('the daily agenda', () => {
  it('is off by default (08:00), the streak nudge on at 20:00, each armed at the local time of the profile', async () => {
    const userId = await registered()
    const before = Date.now()
    const got = await service.app.inject({
      method: 'GET',
      url: '/notification-settings',
      headers: await service.bearer(userId),
    })
    expect(got.json()).toMatchObject({
      agenda: { enabled: false, time: '08:00' },
      streakNudge: { enabled: true, time: '20:00' },
    })
    expect(await jobOf('agenda', userId)).toBeUndefined()
    const nudge = await jobOf('streakNudge', userId)
    const at = new Date(nudge!.runAt)
    expect(at.getTime()).toBeGreaterThan(before)
    expect(at.getTime() - before).toBeLessThanOrEqual(24 * 3600_000)
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', timeStyle: 'short' }).format(at)).toBe('20:00')
  })

  it('turned on, runs at its local time and tells the day once per local day, re-armed for the next', async () => {
    const userId = await registered()
    const saved = await settings(userId, { agenda: { enabled: true, time: '07:30' } })
    expect(saved.agenda).toEqual({ enabled: true, time: '07:30' })
    const armed = await jobOf('agenda', userId)
    expect(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', timeStyle: 'short' }).format(
        new Date(armed!.runAt),
      ),
    ).toBe('07:30')

    expect(await runPending('agenda', userId)).toBe('told 1')
    const [agenda, ...others] = await inboxOf(userId)
    expect(others).toEqual([])
    expect(agenda).toMatchObject({ kind: 'daily_agenda', title: 'Your day: 4 tasks, 3 habits' })
    const localDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(armed!.runAt))
    expect(agenda.trigger_key).toBe(`agenda:${localDate}`)
    expect(agenda.data).toEqual({ localDate })
    expect(agenda.body).toBe(
      [
        'Due today (3):\n- Call the bank (2026-06-10 14:00)\n- Pay <rent> & bills (due 2026-06-10)\n- and 1 more',
        'Overdue (1):\n- File taxes (due 2026-06-01)',
        'Habits due (3):\n- Read (streak 5)\n- Run (streak 2)\n- Write (checked in)',
        'Yesterday: 50 minutes of focus in 2 sessions, goal of 30 minutes reached.',
      ].join('\n\n'),
    )
    const next = await jobOf('agenda', userId)
    expect(new Date(next!.runAt).getTime() - new Date(armed!.runAt).getTime()).toBe(24 * 3600_000)

    // The same run again (a job run twice): still one agenda that day.
    await runDailyJob(ctx, 'agenda', armed!.payload, new Date(new Date(armed!.runAt).getTime() + 5000))
    expect(await inboxOf(userId)).toHaveLength(1)
  })

  it('moves with the time zone: a profile change re-arms it at the new zone’s local time', async () => {
    const userId = await registered()
    await settings(userId, { agenda: { enabled: true, time: '09:15' } })
    await apply(
      consumed('auth.user.profile_updated', userId, {
        displayName: 'Ada',
        timezone: 'America/New_York',
        dayStartHour: 0,
      }),
    )
    const job = await jobOf('agenda', userId)
    expect(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', timeStyle: 'short' }).format(
        new Date(job!.runAt),
      ),
    ).toBe('09:15')
    expect(job!.payload.runAt).toBe(job!.runAt)
  })

  it('turned off, its job is cancelled, and a run left from before tells nothing', async () => {
    const userId = await registered()
    await settings(userId, { agenda: { enabled: true, time: '07:00' } })
    const armed = await jobOf('agenda', userId)
    await settings(userId, { agenda: { enabled: false, time: '07:00' } })
    expect(await jobOf('agenda', userId)).toBeUndefined()
    expect(await runDailyJob(ctx, 'agenda', armed!.payload, new Date(armed!.runAt))).toBe('off')
    expect(await inboxOf(userId)).toEqual([])
  })

  it('fails the attempt (to be retried) when a service does not answer, telling nothing', async () => {
    const userId = await registered()
    await settings(userId, { agenda: { enabled: true, time: '07:00' } })
    failing.add(userId)
    await expect(runPending('agenda', userId)).rejects.toThrow(/answered 503/)
    expect(await inboxOf(userId)).toEqual([])
    failing.delete(userId)
    expect(await runPending('agenda', userId)).toBe('told 1')
  })

  it('is cancelled with the account', async () => {
    const userId = await registered()
    await settings(userId, { agenda: { enabled: true, time: '07:00' } })
    await apply(consumed('auth.user.deleted', userId, {}))
    expect(await jobOf('agenda', userId)).toBeUndefined()
    expect(await jobOf('streakNudge', userId)).toBeUndefined()
  })
})

describe('the streak nudge', () => {
  it('tells once per habit per day of each streak of 3 or more that is due and not checked in', async () => {
    const userId = await registered()
    expect(await runPending('streakNudge', userId)).toBe('told 1')
    const [nudge, ...others] = await inboxOf(userId)
    expect(others).toEqual([])
    const habitId = '0190a1b2-0000-7000-8000-000000000001'
    expect(nudge).toMatchObject({ kind: 'streak_at_risk', title: 'Keep your streak: Read' })
    expect(nudge.trigger_key).toMatch(new RegExp(`^streak:${habitId}:\\d{4}-\\d{2}-\\d{2}$`))
    expect(nudge.data).toMatchObject({ habitId })
  })

  it('turned off, is cancelled', async () => {
    const userId = await registered()
    await settings(userId, { streakNudge: { enabled: false, time: '20:00' } })
    expect(await jobOf('streakNudge', userId)).toBeUndefined()
  })
})
