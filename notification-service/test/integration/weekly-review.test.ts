import type { ConsumedEvent, EventType } from '@focushub/shared/events'
import { createApp } from '@focushub/shared/http'
import { addDays } from '@focushub/shared/time'
import { sql } from 'kysely'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AgendaContext, dailyJobs, runDailyJob } from '../../src/modules/agenda/agenda.service.ts'
import {
  consumed,
  deliverEvents,
  expectProblem,
  newUser,
  standInGuard,
  startWithStandIn,
  type TestService,
} from './support.ts'

/** task-, focus- and habit-service's week routes stood in over real HTTP, guarded as they guard them. */
const standIn = createApp({ service: 'week-stand-in', logLevel: 'silent' })
/** Each user's figures by the Monday of a week; a week not named is all zeros. */
const weeks = new Map<string, { focus: number; sessions: number; tasks: number; kept: number; due: number }>()
const asked: string[] = []

let service: TestService
let ctx: AgendaContext

beforeAll(async () => {
  type Asked = { Params: { userId: string }; Querystring: { from: string; to: string } }
  const figures = (request: { params: { userId: string }; query: { from: string }; url: string }) => {
    asked.push(`${request.url.split('?')[0]?.split('/').at(-1)} ${request.params.userId} ${request.query.from}`)
    return (
      weeks.get(`${request.params.userId} ${request.query.from}`) ?? {
        focus: 0,
        sessions: 0,
        tasks: 0,
        kept: 0,
        due: 0,
      }
    )
  }
  standIn.get<Asked>('/internal/users/:userId/week', standInGuard, async (request) => ({
    ...request.query,
    tasksDone: figures(request).tasks,
  }))
  standIn.get<Asked>('/internal/users/:userId/focus-week', standInGuard, async (request) => {
    const week = figures(request)
    return { ...request.query, focusedMinutes: week.focus, sessions: week.sessions, pomodoros: week.sessions }
  })
  standIn.get<Asked>('/internal/users/:userId/habits-week', standInGuard, async (request) => {
    const week = figures(request)
    return { ...request.query, habitsKept: week.kept, habitsDue: week.due }
  })
  const started = await startWithStandIn(standIn)
  service = started.service
  ctx = started.ctx
})
afterAll(async () => {
  await service.close()
  await standIn.close()
})

const apply = (...events: ConsumedEvent<EventType>[]) => deliverEvents(service, events)

async function registered(timezone = 'Europe/Berlin') {
  const userId = newUser()
  const profile = {
    email: `${userId}@example.com`,
    displayName: 'Ada',
    role: 'user' as const,
    timezone,
    dayStartHour: 4,
  }
  await apply(consumed('auth.user.registered', userId, profile))
  return userId
}

async function reviewJobOf(userId: string) {
  const { rows } = await sql<{ run_at: Date; payload: { userId: string; runAt: string } }>`
    select run_at, payload from ${sql.id(service.config.JOB_QUEUE_SCHEMA, '_private_jobs')}
    where key = ${dailyJobs.weeklyReview.jobKey(userId)}`.execute(service.db)
  return rows[0] && { runAt: rows[0].run_at.toISOString(), payload: rows[0].payload }
}

/** When the job runs, on the clock of `zone`: "1 08:00" is a Monday at 08:00. */
const localWeekdayTime = (instant: string, zone = 'Europe/Berlin') =>
  DateTime.fromISO(instant, { zone }).toFormat('c HH:mm')

async function settings(userId: string, weeklyReview: object) {
  const response = await service.app.inject({
    method: 'PUT',
    url: '/notification-settings',
    headers: await service.bearer(userId),
    payload: { muted: false, quietHours: null, weeklyReview },
  })
  expect(response.statusCode, response.body).toBe(200)
}

/** Runs the user's pending review a second after it is due, as the worker would: the reviewed week's Monday. */
async function runPending(userId: string) {
  const job = await reviewJobOf(userId)
  expect(job, 'a pending weekly review').toBeDefined()
  const outcome = await runDailyJob(ctx, 'weeklyReview', job!.payload, new Date(new Date(job!.runAt).getTime() + 1000))
  return { outcome, job: job! }
}

const reviewedWeekOf = (runAt: string) => {
  const local = DateTime.fromISO(runAt, { zone: 'Europe/Berlin' })
  return addDays(local.startOf('week').toISODate() as string, -7)
}

const rowsOf = (userId: string) =>
  service.db.selectFrom('weekly_reviews').selectAll().where('user_id', '=', userId).orderBy('week_start').execute()
const inboxOf = (userId: string) =>
  service.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('id').execute()

const list = async (userId: string, query = '') =>
  service.app.inject({ method: 'GET', url: `/weekly-reviews${query}`, headers: await service.bearer(userId) })

describe('the weekly review', () => {
  it('is on by default, armed for the next Monday at 08:00 on the clock of the profile', async () => {
    const userId = await registered()
    const job = await reviewJobOf(userId)
    expect(localWeekdayTime(job!.runAt)).toBe('1 08:00')
    expect(new Date(job!.runAt).getTime() - Date.now()).toBeLessThanOrEqual(7 * 24 * 3600_000)
  })

  it('keeps the week’s row and tells it once against the week before, asked of the services, then re-arms a week on', async () => {
    const userId = await registered()
    const { runAt } = (await reviewJobOf(userId))!
    const week = reviewedWeekOf(runAt)
    weeks.set(`${userId} ${week}`, { focus: 380, sessions: 9, tasks: 14, kept: 10, due: 14 })
    weeks.set(`${userId} ${addDays(week, -7)}`, { focus: 304, sessions: 9, tasks: 0, kept: 11, due: 14 })

    const { outcome, job } = await runPending(userId)
    expect(outcome).toBe('told 1')
    const figures = { focusMinutes: 380, focusSessions: 9, tasksDone: 14, habitsKept: 10, habitsDue: 14 }
    const previous = { focusMinutes: 304, focusSessions: 9, tasksDone: 0, habitsKept: 11, habitsDue: 14 }
    const [row, ...otherRows] = await rowsOf(userId)
    expect(otherRows).toEqual([])
    expect(row).toMatchObject({
      week_start: week,
      focus_minutes: 380,
      focus_sessions: 9,
      tasks_done: 14,
      habits_kept: 10,
      habits_due: 14,
      previous,
    })
    const [review, ...others] = await inboxOf(userId)
    expect(others).toEqual([])
    expect(review).toMatchObject({
      kind: 'weekly_review',
      trigger_key: `weekly:${week}`,
      title: 'Your week: 6 h 20 min focused, 14 tasks done',
      data: { weekStart: week, ...figures },
    })
    expect(review!.body.split('\n\n')[1]).toBe(
      [
        'Focus: 6 h 20 min (+25 %)',
        'Focus sessions: 9 (±0 %)',
        'Tasks done: 14 (new)',
        'Habits kept: 10 of 14 (−9 %)',
      ].join('\n'),
    )
    const next = await reviewJobOf(userId)
    expect(localWeekdayTime(next!.runAt)).toBe('1 08:00')
    expect(DateTime.fromISO(next!.runAt).diff(DateTime.fromISO(job.runAt), 'days').days).toBeCloseTo(7, 1)

    // The same run again (a job run twice): one row, one notification.
    await runDailyJob(ctx, 'weeklyReview', job.payload, new Date(new Date(job.runAt).getTime() + 5000))
    expect(await rowsOf(userId)).toHaveLength(1)
    expect(await inboxOf(userId)).toHaveLength(1)

    // The next week compares with the row kept: the services are asked for that week only.
    asked.length = 0
    expect((await runPending(userId)).outcome).toBe('told 1')
    expect(asked.filter((call) => call.includes(userId)).map((call) => call.split(' ')[2])).toEqual([
      addDays(week, 7),
      addDays(week, 7),
      addDays(week, 7),
    ])
    const rows = await rowsOf(userId)
    expect(rows.map((r) => r.week_start)).toEqual([week, addDays(week, 7)])
    expect(rows[1]?.previous).toEqual(figures)
  })

  it('runs on the weekday and at the time chosen, and moves with the time zone', async () => {
    const userId = await registered()
    await settings(userId, { enabled: true, weekday: 7, time: '18:30' })
    expect(localWeekdayTime((await reviewJobOf(userId))!.runAt)).toBe('7 18:30')
    await apply(
      consumed('auth.user.profile_updated', userId, { displayName: 'Ada', timezone: 'Asia/Tokyo', dayStartHour: 0 }),
    )
    expect(localWeekdayTime((await reviewJobOf(userId))!.runAt, 'Asia/Tokyo')).toBe('7 18:30')
  })

  it('turned off, its job is cancelled, and a run left from before tells nothing', async () => {
    const userId = await registered()
    const armed = await reviewJobOf(userId)
    await settings(userId, { enabled: false, weekday: 1, time: '08:00' })
    expect(await reviewJobOf(userId)).toBeUndefined()
    expect(await runDailyJob(ctx, 'weeklyReview', armed!.payload, new Date(armed!.runAt))).toBe('off')
    expect(await inboxOf(userId)).toEqual([])
    expect(await rowsOf(userId)).toEqual([])
  })

  it('goes with the account: its rows erased and its job cancelled', async () => {
    const userId = await registered()
    await runPending(userId)
    expect(await rowsOf(userId)).toHaveLength(1)
    await apply(consumed('auth.user.deleted', userId, {}))
    expect(await rowsOf(userId)).toEqual([])
    expect(await reviewJobOf(userId)).toBeUndefined()
  })
})

describe('GET /weekly-reviews', () => {
  it('lists my reviews newest week first, a page at a time, each with the week before', async () => {
    const userId = await registered()
    for (let n = 0; n < 3; n++) await runPending(userId)
    const stranger = await registered()
    await runPending(stranger)

    const first = await list(userId, '?limit=2')
    expect(first.statusCode, first.body).toBe(200)
    const page = first.json() as {
      items: { weekStart: string; weekEnd: string; previous: object }[]
      nextCursor: string
    }
    const weeksListed = page.items.map((item) => item.weekStart)
    expect(weeksListed).toHaveLength(2)
    expect(weeksListed[0]! > weeksListed[1]!).toBe(true)
    expect(page.items[0]).toEqual({
      weekStart: weeksListed[0],
      weekEnd: addDays(weeksListed[0]!, 6),
      focusMinutes: 0,
      focusSessions: 0,
      tasksDone: 0,
      habitsKept: 0,
      habitsDue: 0,
      previous: { focusMinutes: 0, focusSessions: 0, tasksDone: 0, habitsKept: 0, habitsDue: 0 },
      createdAt: expect.any(String),
    })
    const rest = (await list(userId, `?limit=2&cursor=${page.nextCursor}`)).json()
    expect(rest.items.map((item: { weekStart: string }) => item.weekStart)).toEqual([addDays(weeksListed[1]!, -7)])
    expect(rest.nextCursor).toBeNull()
  })

  it('refuses a malformed cursor and a limit out of range (400), and no token (401)', async () => {
    const userId = await registered()
    for (const query of ['?cursor=nope', '?cursor=AAAAAAA', '?limit=0', '?limit=201', '?colour=red']) {
      expectProblem(await list(userId, query), 400, 'validation-failed')
    }
    expectProblem(await service.app.inject({ method: 'GET', url: '/weekly-reviews' }), 401, 'unauthorized')
  })

  it('reads a cursor past the calendar’s years as its first or last day: everything before it, or nothing', async () => {
    const userId = await registered()
    await runPending(userId)
    const page = async (cursor: string) => (await list(userId, `?cursor=${cursor}`)).json().items.length
    expect(await page('f____w')).toBe(1)
    expect(await page('gAAAAA')).toBe(0)
  })
})
