import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { type SignedUp, send, signUp } from '../client.ts'
import { desktop, expectAccessible, launchBrowser, openApp, phone, screenshot } from './harness.ts'

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

/** A reminder fires in notification-service's job queue and comes back through Kafka and the live stream. */
const throughKafka = { timeout: 30_000 }

async function seed(user: SignedUp, body: unknown) {
  const created = await send('POST', '/tasks', { authorization: user.authorization, body })
  if (created.status !== 201) throw new Error(`/tasks answered ${created.status}: ${JSON.stringify(created.body)}`)
  return created.body as { id: string; version: number; projectId: string; title: string }
}

const remindersOf = async (user: SignedUp, taskId: string) =>
  (await send('GET', `/tasks/${taskId}/reminders`, { authorization: user.authorization })).body.reminders

async function openTask(options: BrowserContextOptions, user: SignedUp, task: { id: string; title: string }) {
  const app = await openApp(browser, options, user, `/tasks/${task.id}`)
  await app.page.getByRole('heading', { name: task.title, level: 1 }).waitFor()
  await app.page.getByRole('heading', { name: 'Reminders', level: 2 }).waitFor()
  return app
}

const section = (page: Page) => page.getByRole('region', { name: 'Reminders' })
const reminderItems = (page: Page) => section(page).getByRole('listitem').locator('.reminder-text')
const bell = (page: Page, unread: number) => page.getByRole('link', { name: `Notifications, ${unread} unread` })

/** A mark a reload would wipe: what shows after it came without one. */
const markPage = (page: Page) => page.evaluate(() => Object.assign(window, { reminderTestMark: true }))
const reloaded = async (page: Page) => !(await page.evaluate(() => 'reminderTestMark' in window))

/** A `datetime-local` value `ms` from now on the browser's clock, to the second. */
const browserClockIn = (page: Page, ms: number) =>
  page.evaluate((ahead) => {
    const at = new Date(Date.now() + ahead)
    const pad = (value: number) => String(value).padStart(2, '0')
    return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`
  }, ms)

/** The day after tomorrow, at 09:00 on the user's (UTC) wall clock. */
const dueInTwoDays = () => `${new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)}T09:00`

describe('reminders in the web app', { timeout: 120_000 }, () => {
  it.concurrent('adds an "at" and a "before" reminder, kept across a reload; the "at" one fires live to the task', async ({
    expect,
  }) => {
    const user = await signUp({ displayName: 'Ada', timezone: 'UTC' })
    const task = await seed(user, { title: 'Water the plants', due: dueInTwoDays() })
    const { page, done } = await openTask(desktop, user, task)
    await section(page).getByText('No reminders.').waitFor()

    // "Before the due": a preset.
    await section(page).getByLabel('Remind me', { exact: true }).selectOption({ label: '1 day before' })
    await section(page).getByRole('button', { name: 'Add reminder' }).click()
    await expect.poll(() => reminderItems(page).allTextContents()).toEqual(['1 day before'])

    // A custom number of minutes, refused here when out of range.
    await section(page).getByLabel('Remind me', { exact: true }).selectOption({ label: 'Minutes before…' })
    const minutes = section(page).getByLabel('Minutes before', { exact: true })
    await minutes.fill('20000')
    await section(page).getByRole('button', { name: 'Add reminder' }).click()
    await expect.poll(() => messageUnder(page, 'Minutes before')).toMatch(/0 to 10080/)
    await minutes.fill('45')
    await section(page).getByRole('button', { name: 'Add reminder' }).click()
    await expect.poll(() => reminderItems(page).allTextContents()).toEqual(['1 day before', '45 minutes before'])
    // Shown at once (optimistic), saved a moment later.
    await expect.poll(() => remindersOf(user, task.id)).toEqual([{ before: 1440 }, { before: 45 }])

    // Removed, then kept across a reload.
    await section(page).getByRole('button', { name: 'Remove reminder: 45 minutes before' }).click()
    await expect.poll(() => remindersOf(user, task.id)).toEqual([{ before: 1440 }])
    await page.reload()
    await expect.poll(() => reminderItems(page).allTextContents()).toEqual(['1 day before'])
    await bell(page, 0).waitFor()
    await page.getByRole('status').filter({ hasText: 'Live updates on' }).waitFor()
    await markPage(page)

    // "At" a moment a few seconds ahead, on the browser's clock: it fires, and the bell counts it live.
    await section(page).getByLabel('Remind me', { exact: true }).selectOption({ label: 'At a date and time…' })
    await section(page)
      .getByLabel('Date and time', { exact: true })
      .fill(await browserClockIn(page, 5_000))
    await section(page).getByRole('button', { name: 'Add reminder' }).click()
    await expect.poll(async () => (await remindersOf(user, task.id)).length).toBe(2)
    const [saved] = (await remindersOf(user, task.id)).filter((each: { at?: string }) => each.at)
    const said = await page.evaluate(
      (at) =>
        new Intl.DateTimeFormat('en-GB', {
          weekday: 'short',
          day: 'numeric',
          month: 'short',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(new Date(at)),
      saved.at,
    )
    expect(await reminderItems(page).allTextContents()).toEqual(['1 day before', said])
    await bell(page, 1).waitFor(throughKafka)
    expect(await reloaded(page)).toBe(false)
    await expectAccessible(page, 'task with reminders')
    await screenshot(page, 'task-reminders')

    // A reload shows both; the inbox's item leads back to the task.
    await page.reload()
    await expect.poll(() => reminderItems(page).allTextContents()).toEqual(['1 day before', said])
    await bell(page, 1).click()
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor()
    await page.getByRole('link', { name: 'Water the plants' }).click()
    await page.getByRole('heading', { name: 'Water the plants', level: 1 }).waitFor()
    expect(new URL(page.url()).pathname).toBe(`/tasks/${task.id}`)
    await done()
  })

  it.concurrent('offers no "before" without a due, and shows the API refusing one under the reminder it names', async ({
    expect,
  }) => {
    const user = await signUp({ displayName: 'Ben', timezone: 'UTC' })
    const undated = await seed(user, { title: 'Someday: learn the cello' })
    const { page, done } = await openTask(phone, user, undated)
    const remindMe = section(page).getByLabel('Remind me', { exact: true })
    expect(await remindMe.inputValue()).toBe('at')
    expect(await section(page).getByRole('option', { name: '15 minutes before' }).isDisabled()).toBe(true)
    expect(await section(page).getByRole('option', { name: 'Minutes before…' }).isDisabled()).toBe(true)
    await section(page).getByText('This task has no due date').waitFor()
    // An empty date and time is said here, before sending.
    await section(page).getByRole('button', { name: 'Add reminder' }).click()
    await expect.poll(() => messageUnder(page, 'Date and time')).toBe('Enter a date and a time.')
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= 360)).toBe(true)
    await expectAccessible(page, 'task without due, reminders')

    // A "before" kept from when the task had a due: the API refuses the list until it goes.
    const dated = await seed(user, { title: 'Return the library books', due: dueInTwoDays() })
    const set = await send('PUT', `/tasks/${dated.id}/reminders`, {
      authorization: user.authorization,
      body: { reminders: [{ before: 10 }] },
    })
    expect(set.status).toBe(200)
    const undue = await send('PATCH', `/tasks/${dated.id}`, {
      authorization: user.authorization,
      body: { due: null, version: dated.version },
    })
    expect(undue.status).toBe(200)
    await page.goto(`/tasks/${dated.id}`)
    await page.getByRole('heading', { name: 'Return the library books', level: 1 }).waitFor()
    await expect.poll(() => reminderItems(page).allTextContents()).toEqual(['10 minutes before (needs a due date)'])
    await section(page)
      .getByLabel('Date and time', { exact: true })
      .fill(await browserClockIn(page, 86_400_000))
    await section(page).getByRole('button', { name: 'Add reminder' }).click()
    // Put back, with the API's message by the reminder it names.
    const kept = section(page).getByRole('listitem').filter({ hasText: '10 minutes before' })
    await kept.locator('.field-error').waitFor()
    expect(await kept.locator('.field-error').innerText()).toMatch(/due/i)
    expect(await reminderItems(page).count()).toBe(1)
    expect(await remindersOf(user, dated.id)).toEqual([{ before: 10 }])
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= 360)).toBe(true)

    // Removing it is accepted.
    await section(page).getByRole('button', { name: 'Remove reminder: 10 minutes before' }).click()
    await section(page).getByText('No reminders.').waitFor()
    await expect.poll(() => remindersOf(user, dated.id)).toEqual([])
    await done()
  })

  it.concurrent('saves the default reminder in the notification settings, kept across a reload', async ({ expect }) => {
    const user = await signUp({ displayName: 'Cleo' })
    const { page, done } = await openApp(browser, desktop, user, '/settings')
    const settings = page.getByRole('region', { name: 'Notifications' })
    const defaultReminder = settings.getByLabel('Default reminder', { exact: true })
    await defaultReminder.waitFor()
    expect(await defaultReminder.inputValue()).toBe('')
    await defaultReminder.selectOption({ label: '1 hour before' })
    await settings.getByRole('button', { name: 'Update notifications' }).click()
    await settings.getByRole('status').filter({ hasText: 'Notifications updated.' }).waitFor()
    const saved = await send('GET', '/notification-settings', { authorization: user.authorization })
    expect(saved.body.defaultReminderMinutes).toBe(60)

    await page.reload()
    await expect.poll(() => defaultReminder.inputValue()).toBe('60')
    await defaultReminder.selectOption({ label: 'None' })
    await settings.getByRole('button', { name: 'Update notifications' }).click()
    await expect
      .poll(
        async () =>
          (await send('GET', '/notification-settings', { authorization: user.authorization })).body
            .defaultReminderMinutes,
      )
      .toBeNull()
    await done()
  })
})

/** The message under a field, as its aria-describedby names it. */
async function messageUnder(page: Page, label: string) {
  const field = section(page).getByLabel(label, { exact: true })
  const describedBy = await field.getAttribute('aria-describedby')
  return describedBy ? page.locator(`[id="${describedBy}"]`).innerText() : ''
}
