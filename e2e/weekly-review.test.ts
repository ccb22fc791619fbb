import { createDatabase } from '@focushub/shared/db'
import { waitForMail } from '@focushub/shared/testing'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { api, eventually, send, signUp } from './client.ts'

const timezone = 'America/Sao_Paulo' // -03:00 all year

/** The local date, HH:MM and ISO weekday (1 Monday … 7 Sunday) of an instant in São Paulo. */
function localOf(instant: Date) {
  const local = new Date(instant.getTime() - 3 * 3600_000)
  const date = local.toISOString().slice(0, 10)
  return { date, time: local.toISOString().slice(11, 16), weekday: ((local.getUTCDay() + 6) % 7) + 1 }
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10)

/**
 * A task's completion is the one fact of the week no API can date in the past (it is the instant of
 * POST /tasks/{id}/complete). The test moves it to last week in task-service's own database, where
 * focus-service and habit-service take a past local day through their APIs (a logged session, a check-in).
 */
async function completedAt(taskId: string, instant: string) {
  const db = createDatabase<unknown>({
    url: process.env.TASK_DATABASE_URL ?? 'postgres://focushub_tasks:focushub_tasks_dev@127.0.0.1:5432/focushub_tasks',
    poolMax: 1,
  })
  try {
    await sql`update tasks set completed_at = ${instant}::timestamptz where id = ${taskId}::uuid`.execute(db)
  } finally {
    await db.destroy()
  }
}

describe('the weekly review through NGINX', () => {
  // The review's time is a local weekday and HH:MM: the test waits once for the next minute to begin
  // (at most about a minute), 5 s ahead at least so the settings are in first.
  it('turned on for the next local minute, e-mails last week’s focus, tasks and habits and lists the week', async () => {
    const me = await signUp({ timezone })
    const { authorization } = me
    const nextMinute = Math.ceil((Date.now() + 5_000) / 60_000) * 60_000
    const run = localOf(new Date(nextMinute))
    const monday = addDays(run.date, 1 - run.weekday)
    const lastWeek = { from: addDays(monday, -7), to: addDays(monday, -1) }

    const habit = await send('POST', '/habits', { authorization, body: { name: 'Stretch', startDate: lastWeek.from } })
    expect(habit.status, JSON.stringify(habit.body)).toBe(201)
    const checkIn = await send('POST', `/habits/${habit.body.id}/check-ins`, {
      authorization,
      body: { date: lastWeek.to, status: 'done' },
    })
    expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(200)
    const session = await send('POST', '/focus/sessions/manual', {
      authorization,
      body: { startedAt: `${lastWeek.to}T13:00:00.000Z`, endedAt: `${lastWeek.to}T13:25:00.000Z` },
    })
    expect(session.status, JSON.stringify(session.body)).toBe(201)
    const task = await send('POST', '/tasks', { authorization, body: { title: 'Ship <it> & tell' } })
    expect((await send('POST', `/tasks/${task.body.id}/complete`, { authorization, body: {} })).status).toBe(200)
    await completedAt(task.body.id, `${lastWeek.to}T15:00:00.000Z`)

    const weeklyReview = { enabled: true, weekday: run.weekday, time: run.time }
    const settings = await send('PUT', '/notification-settings', {
      authorization,
      body: { muted: false, quietHours: null, weeklyReview },
    })
    expect(settings.status, JSON.stringify(settings.body)).toBe(200)
    expect(settings.body.weeklyReview).toEqual(weeklyReview)

    const mail = await waitForMail({
      to: me.email,
      subject: 'Your week: 25 min focused, 1 task done',
      timeoutMs: 80_000,
    })
    expect(Date.now()).toBeGreaterThanOrEqual(nextMinute)
    expect(mail.text).toContain(
      'Focus: 25 min (new)\nFocus sessions: 1 (new)\nTasks done: 1 (new)\nHabits kept: 1 of 7 (new)',
    )
    expect(mail.html).toMatch(/>Habits kept<\/th><td[^>]*>1 of 7<\/td><td[^>]*>new<\/td>/)

    const reviews = await eventually(
      () => send('GET', '/weekly-reviews', { authorization }),
      (answer) => answer.status === 200 && answer.body.items.length > 0,
    )
    const zero = { focusMinutes: 0, focusSessions: 0, tasksDone: 0, habitsKept: 0, habitsDue: 0 }
    expect(reviews.body).toEqual({
      items: [
        {
          weekStart: lastWeek.from,
          weekEnd: lastWeek.to,
          focusMinutes: 25,
          focusSessions: 1,
          tasksDone: 1,
          habitsKept: 1,
          habitsDue: 7,
          previous: zero,
          createdAt: expect.any(String),
        },
      ],
      nextCursor: null,
    })
    const inbox = await send('GET', '/notifications', { authorization })
    expect(inbox.body.items.find((item: { kind: string }) => item.kind === 'weekly_review')).toMatchObject({
      title: 'Your week: 25 min focused, 1 task done',
      data: { weekStart: lastWeek.from, focusMinutes: 25, tasksDone: 1, habitsKept: 1, habitsDue: 7 },
    })
  }, 120_000)

  it('refuses a weekday out of 1–7 and a malformed cursor with 400 problem+json, another user’s reviews unseen', async () => {
    const [me, stranger] = await Promise.all([signUp(), signUp()])
    const bad = await send('PUT', '/notification-settings', {
      authorization: me.authorization,
      body: { muted: false, quietHours: null, weeklyReview: { enabled: true, weekday: 8, time: '08:00' } },
    })
    expect(bad.status).toBe(400)
    expect(bad.headers.get('content-type')).toContain('application/problem+json')
    const cursor = await send('GET', '/weekly-reviews?cursor=nope', { authorization: me.authorization })
    expect(cursor.status).toBe(400)
    expect((await send('GET', '/weekly-reviews', { authorization: stranger.authorization })).body).toEqual({
      items: [],
      nextCursor: null,
    })
  })

  it('neither routes the services’ week routes from outside', async () => {
    const { authorization, userId } = await signUp()
    for (const path of ['week', 'focus-week', 'habits-week']) {
      const answer = await fetch(`${api}/internal/users/${userId}/${path}?from=2026-11-30&to=2026-12-06`, {
        headers: { authorization },
      })
      expect(answer.status, path).toBe(404)
    }
  })
})
