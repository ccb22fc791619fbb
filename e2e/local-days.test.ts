import { describe, expect, it } from 'vitest'
import { eventually, send, signUp } from './client.ts'

/**
 * "Today" is the viewer's local day, whoever wrote the task and in whatever zone. UTC+14 and UTC−12
 * are 26 hours apart: at any moment UTC−12's date is behind UTC+14's, and the end of that date in
 * UTC+14 has already passed — so a deadline fixed in the creator's zone would make the viewer's
 * today overdue.
 */

const hour = 3_600_000
const dateAt = (offsetHours: number) => new Date(Date.now() + offsetHours * hour).toISOString().slice(0, 10)

async function moveTo(authorization: string, timezone: string, localDate: string) {
  const me = await send('GET', '/auth/me', { authorization })
  const patched = await send('PATCH', '/auth/me', {
    authorization,
    body: { timezone },
    headers: { 'if-match': `"${me.body.version}"` },
  })
  expect(patched.status).toBe(200)
  // task-service hears of the change by event: wait until its today is the new zone's.
  await eventually(
    () => send('GET', '/tasks/stats', { authorization }),
    (stats) => stats.body.localDate === localDate,
  )
}

const idsOf = (page: { body: { items: Array<{ id: string }> } }) => page.body.items.map((task) => task.id)

describe("an all-day task and the viewer's local day", () => {
  it('is due today and not overdue on its date, in lists and stats alike', async () => {
    const { authorization } = await signUp({ timezone: 'Etc/GMT-14' })
    await moveTo(authorization, 'Etc/GMT-14', dateAt(14))
    const viewerToday = dateAt(-12)
    const created = await send('POST', '/tasks', {
      authorization,
      body: { title: 'Due on my today', due: viewerToday },
    })
    expect(created.status).toBe(201)

    await moveTo(authorization, 'Etc/GMT+12', viewerToday)
    expect(idsOf(await send('GET', '/tasks?dueToday=true', { authorization }))).toEqual([created.body.id])
    expect(idsOf(await send('GET', '/tasks?overdue=true', { authorization }))).toEqual([])
    expect(idsOf(await send('GET', '/tasks?overdue=false', { authorization }))).toEqual([created.body.id])
    const stats = await send('GET', '/tasks/stats', { authorization })
    expect(stats.body).toMatchObject({ open: 1, overdue: 0, dueToday: 1 })
    const dashboard = await send('GET', '/dashboard', { authorization })
    expect(JSON.stringify(dashboard.body.tasks)).toContain(created.body.id)
    expect(idsOf({ body: dashboard.body.tasks.data.overdue })).toEqual([])

    // The day after its date (for the viewer) it is overdue.
    const yesterday = await send('POST', '/tasks', { authorization, body: { title: 'Was due', due: dateAt(-36) } })
    expect(idsOf(await send('GET', '/tasks?overdue=true', { authorization }))).toEqual([yesterday.body.id])
    expect((await send('GET', '/tasks/stats', { authorization })).body).toMatchObject({ overdue: 1, dueToday: 1 })
  })

  it('counts the same tasks as due today in the list and in the stats: open ones, unless a status is asked', async () => {
    const { authorization } = await signUp({ timezone: 'UTC' })
    await moveTo(authorization, 'UTC', dateAt(0))
    const open = await send('POST', '/tasks', { authorization, body: { title: 'Open', due: dateAt(0) } })
    const done = await send('POST', '/tasks', { authorization, body: { title: 'Done', due: dateAt(0) } })
    expect((await send('POST', `/tasks/${done.body.id}/complete`, { authorization })).status).toBe(200)

    expect(idsOf(await send('GET', '/tasks?dueToday=true', { authorization }))).toEqual([open.body.id])
    expect((await send('GET', '/tasks/stats', { authorization })).body).toMatchObject({ dueToday: 1 })
    expect(idsOf(await send('GET', '/tasks?dueToday=true&status=done', { authorization }))).toEqual([done.body.id])
  })
})

/** A fixed-offset zone where the local clock reads about 02:00 now, and that offset in hours. */
function zoneAtTwoInTheMorning() {
  const offset = (((2 - new Date().getUTCHours()) % 24) + 24) % 24
  const hours = offset > 14 ? offset - 24 : offset
  return { hours, zone: hours === 0 ? 'UTC' : `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}` }
}

describe('a series repeating from completion', () => {
  it("counts from the completer's local day, which began the calendar day before when days start at 04:00", async () => {
    const { hours, zone } = zoneAtTwoInTheMorning()
    const { authorization } = await signUp({ timezone: zone, dayStartHour: 4 })
    // 02:00 on the calendar's day D is still day D−1 for someone whose days start at 04:00.
    const localDay = dateAt(hours - 24)
    await eventually(
      () => send('GET', '/tasks/stats', { authorization }),
      (stats) => stats.body.localDate === localDay,
    )
    const daily = await send('POST', '/tasks', {
      authorization,
      body: { title: 'Water the plants', due: localDay, recurrence: { rrule: 'FREQ=DAILY', from: 'completion' } },
    })
    expect(daily.status, JSON.stringify(daily.body)).toBe(201)
    const done = await send('POST', `/tasks/${daily.body.id}/complete`, { authorization })
    expect(done.status).toBe(200)
    const next = await send('GET', `/tasks/${done.body.nextOccurrenceId}`, { authorization })
    expect(next.body.due).toBe(dateAt(hours))
  })
})
