import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { type Answer, eventually, type SignedUp, send, signUp } from './client.ts'
import { edgeUrl } from './stack.ts'

/**
 * Issue #30, the calendar feed: a secret, revocable iCalendar URL per user, read through NGINX as a calendar
 * app reads it (no Authorization header), checked with a parser (ical.js): valid RFC 5545, in the owner's
 * time zone with its VTIMEZONE, tasks with due dates as events (recurring ones with their RRULE), focus
 * sessions as events over the time they ran.
 */

const feedOf = (token: string) => fetch(`${edgeUrl}/api/v1/calendar/${token}.ics`)

async function createFeed(user: SignedUp) {
  const created = await send('PUT', '/auth/calendar-feed', { authorization: user.authorization })
  expect(created.status, JSON.stringify(created.body)).toBe(200)
  expect(created.body.token).toMatch(/^fhc_[A-Za-z0-9_-]{43}$/)
  return created.body.token as string
}

async function createTask(user: SignedUp, body: Record<string, unknown>) {
  const task = await send('POST', '/tasks', { authorization: user.authorization, body })
  expect(task.status, JSON.stringify(task.body)).toBe(201)
  return task.body as { id: string; dueAt: string }
}

/** Next year, so that every date below is in the feed's window whenever the test runs. */
const year = new Date().getUTCFullYear() + 1
const pad = (n: number) => String(n).padStart(2, '0')
/** The Tuesdays before and after the United States' change to summer time (the second Sunday of March). */
function tuesdaysAroundDst() {
  const firstOfMarch = new Date(Date.UTC(year, 2, 1)).getUTCDay()
  const secondSunday = 1 + ((7 - firstOfMarch) % 7) + 7
  return [secondSunday - 5, secondSunday + 2].map((day) => `${year}-03-${pad(day)}`)
}

/** The parsed calendar, with its time zones registered so that local times convert to instants. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone)
  const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component))
  return { calendar, events, bySummary: (summary: string) => events.find((event) => event.summary === summary) }
}

describe('the calendar feed', () => {
  it('is valid iCalendar in the owner’s time zone, with due tasks, their repeats and focus sessions', async () => {
    const user = await signUp({ timezone: 'America/New_York' })
    const [beforeDst, afterDst] = tuesdaysAroundDst()
    const timed = await createTask(user, { title: 'Dentist', due: `${year}-03-20T09:30` })
    await createTask(user, { title: 'Tax return', due: `${year}-04-15` })
    await createTask(user, {
      title: 'Weekly review',
      due: `${beforeDst}T08:00`,
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU' },
    })
    await createTask(user, { title: 'Someday' })
    const cancelled = await createTask(user, { title: 'Called off', due: `${year}-03-21` })
    const off = await send('PATCH', `/tasks/${(cancelled as { id: string }).id}`, {
      authorization: user.authorization,
      body: { status: 'cancelled' },
    })
    expect(off.status, JSON.stringify(off.body)).toBe(200)
    const now = Date.now()
    const logged = await send('POST', '/focus/sessions/manual', {
      authorization: user.authorization,
      body: { startedAt: new Date(now - 26 * 60_000).toISOString(), endedAt: new Date(now - 60_000).toISOString() },
    })
    expect(logged.status, JSON.stringify(logged.body)).toBe(201)

    const token = await createFeed(user)
    const response = await feedOf(token)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/calendar')
    const text = await response.text()
    // DTSTAMP in UTC, as RFC 5545 requires (3.8.7.2).
    expect(text.match(/^DTSTAMP:.*$/gm)?.every((line) => /^DTSTAMP:\d{8}T\d{6}Z\r?$/.test(line))).toBe(true)
    const { calendar, events, bySummary } = parse(text)
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0')
    expect(calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual([
      'America/New_York',
    ])
    expect(events.map((event) => event.summary).sort()).toEqual(
      ['Dentist', 'Focus: 25 min', 'Tax return', 'Weekly review'].sort(),
    )

    // A timed task: at its local time, in the owner's zone, the same instant the API gives.
    const dentist = bySummary('Dentist')
    expect(dentist?.startDate.zone?.tzid).toBe('America/New_York')
    expect(dentist?.startDate.toString()).toBe(`${year}-03-20T09:30:00`)
    expect(dentist?.startDate.toJSDate().toISOString()).toBe(new Date(timed.dueAt).toISOString())
    // An all-day task: a date, no time.
    expect(bySummary('Tax return')?.startDate.isDate).toBe(true)
    expect(bySummary('Tax return')?.startDate.toString()).toBe(`${year}-04-15`)
    // A repeating task: its RRULE, from its local due time (so its repeats keep 08:00 across the DST change).
    const review = bySummary('Weekly review')
    expect(review?.isRecurring()).toBe(true)
    expect(review?.component.getFirstPropertyValue('rrule')?.toString()).toBe('FREQ=WEEKLY;BYDAY=TU')
    const repeats = review?.iterator()
    const first = repeats?.next()
    const second = repeats?.next()
    expect([first?.toString(), second?.toString()]).toEqual([`${beforeDst}T08:00:00`, `${afterDst}T08:00:00`])
    expect(first?.toJSDate().toISOString()).toBe(`${beforeDst}T13:00:00.000Z`)
    expect(second?.toJSDate().toISOString()).toBe(`${afterDst}T12:00:00.000Z`)
    // The focus session: over the time it ran.
    const focus = bySummary('Focus: 25 min')
    expect(focus && focus.endDate.toJSDate().getTime() - focus.startDate.toJSDate().getTime()).toBe(25 * 60_000)
    // Unique, stable ids.
    expect(new Set(events.map((event) => event.uid)).size).toBe(events.length)

    const described = await send('GET', '/auth/calendar-feed', { authorization: user.authorization })
    expect(described.body).toEqual({
      tokenHint: token.slice(0, 8),
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
    })
  })

  it('stops working within seconds when replaced or turned off; an unknown one is not found', async () => {
    const user = await signUp()
    const first = await createFeed(user)
    expect((await feedOf(first)).status).toBe(200)
    const second = await createFeed(user)
    const gone = (response: Response) => response.status === 404
    await eventually(() => feedOf(first), gone)
    expect((await feedOf(second)).status).toBe(200)

    const off = await send('DELETE', '/auth/calendar-feed', { authorization: user.authorization })
    expect(off.status).toBe(204)
    await eventually(() => feedOf(second), gone)
    const none: Answer = await send('GET', '/auth/calendar-feed', { authorization: user.authorization })
    expect(none.status).toBe(404)
    expect((await send('DELETE', '/auth/calendar-feed', { authorization: user.authorization })).status).toBe(404)

    expect((await feedOf(`fhc_${'A'.repeat(43)}`)).status).toBe(404)
    const malformed = await feedOf('not-a-feed')
    expect(malformed.status).toBe(404)
    expect(malformed.headers.get('content-type')).toContain('application/problem+json')
  })

  it('is not an access token: the feed token is refused in an Authorization header', async () => {
    const user = await signUp()
    const token = await createFeed(user)
    expect((await send('GET', '/tasks', { authorization: `Bearer ${token}` })).status).toBe(401)
  })
})
