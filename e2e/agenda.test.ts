import { waitForMail } from '@focushub/shared/testing'
import { describe, expect, it } from 'vitest'
import { api, eventually, send, signUp } from './client.ts'

/** The local date and the HH:MM of an instant in a zone. */
function localOf(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  )
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` }
}

describe('the daily agenda through NGINX', () => {
  // The agenda's time is a local HH:MM, and every zone's minutes begin with UTC's: the test waits once
  // for the next minute to begin (at most about a minute), 5 s ahead at least so the settings are in first.
  it('turned on for the next local minute, arrives by e-mail with the day’s tasks and lands in the inbox', async () => {
    const timezone = 'Asia/Kathmandu' // +05:45
    const me = await signUp({ timezone })
    const { authorization } = me
    const today = localOf(new Date(), timezone).date
    for (const title of ['Call the bank', 'Pay <rent> & bills']) {
      const task = await send('POST', '/tasks', { authorization, body: { title, due: today } })
      expect(task.status, JSON.stringify(task.body)).toBe(201)
    }
    const habit = await send('POST', '/habits', { authorization, body: { name: 'Read' } })
    expect(habit.status, JSON.stringify(habit.body)).toBe(201)

    const nextMinute = Math.ceil((Date.now() + 5_000) / 60_000) * 60_000
    const { time } = localOf(new Date(nextMinute), timezone)
    const settings = await send('PUT', '/notification-settings', {
      authorization,
      body: { muted: false, quietHours: null, agenda: { enabled: true, time } },
    })
    expect(settings.status, JSON.stringify(settings.body)).toBe(200)
    expect(settings.body.agenda).toEqual({ enabled: true, time })
    expect((await send('GET', '/notification-settings', { authorization })).body.agenda).toEqual({
      enabled: true,
      time,
    })

    const mail = await waitForMail({ to: me.email, subject: 'Your day: 2 tasks, 1 habit', timeoutMs: 80_000 })
    expect(mail.text).toContain('Due today (2):\n- Call the bank\n- Pay <rent> & bills')
    expect(mail.text).toContain('Habits due (1):\n- Read')
    expect(mail.html).toContain('<li>Pay &lt;rent&gt; &amp; bills</li>')
    expect(Date.now()).toBeGreaterThanOrEqual(nextMinute)

    const inbox = await eventually(
      () => send('GET', '/notifications', { authorization }),
      (answer) =>
        answer.status === 200 && answer.body.items.some((item: { kind: string }) => item.kind === 'daily_agenda'),
    )
    const agenda = inbox.body.items.find((item: { kind: string }) => item.kind === 'daily_agenda')
    expect(agenda).toMatchObject({ title: 'Your day: 2 tasks, 1 habit', data: { localDate: today } })
  }, 120_000)

  it('rejects a malformed time with 400 problem+json', async () => {
    const { authorization } = await signUp()
    const bad = await send('PUT', '/notification-settings', {
      authorization,
      body: { muted: false, quietHours: null, agenda: { enabled: true, time: '25:00' } },
    })
    expect(bad.status).toBe(400)
    expect(bad.headers.get('content-type')).toContain('application/problem+json')
  })

  it('neither routes nor documents the services’ internal routes from outside', async () => {
    const { authorization, userId } = await signUp()
    for (const path of [
      `/internal/users/${userId}/day`,
      `/internal/users/${userId}/habits-due`,
      '/internal/users/by-email',
    ]) {
      const answer = await fetch(`${api}${path}`, { headers: { authorization } })
      expect(answer.status, path).toBe(404)
    }
    const docs = await send('GET', '/openapi.json', {})
    expect(docs.status).toBe(200)
    expect(Object.keys(docs.body.paths).filter((path) => path.includes('/internal/'))).toEqual([])
  })
})
