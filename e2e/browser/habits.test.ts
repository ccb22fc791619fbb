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

interface Habit {
  id: string
  name: string
  today: string
  summary: { currentStreak: number }
}

/** The user's local day, as habit-service answers it for a new habit, `days` from it. */
const dayFrom = (today: string, days: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

async function createHabit(user: SignedUp, body: Record<string, unknown>) {
  const created = await send<Habit>('POST', '/habits', { authorization: user.authorization, body })
  if (created.status !== 201) throw new Error(`habit answered ${created.status}: ${JSON.stringify(created.body)}`)
  return created.body
}

async function checkIn(user: SignedUp, habit: Habit, body: Record<string, unknown>) {
  const answer = await send('POST', `/habits/${habit.id}/check-ins`, { authorization: user.authorization, body })
  if (answer.status !== 200) throw new Error(`check-in answered ${answer.status}: ${JSON.stringify(answer.body)}`)
}

/** A user with two habits begun a month ago (UTC, so the week shows the API's days), some days checked in. */
async function userWithHabits(displayName: string) {
  const user = await signUp({ displayName })
  const probe = await createHabit(user, { name: 'Stretch', schedule: { type: 'weekdays', days: [1, 2, 3, 4, 5] } })
  const startDate = dayFrom(probe.today, -30)
  await send('PATCH', `/habits/${probe.id}`, { authorization: user.authorization, body: { startDate } })
  const run = await createHabit(user, {
    name: 'Run',
    kind: 'measurable',
    target: 5,
    unit: 'km',
    schedule: { type: 'times_per_week', times: 3 },
    startDate,
  })
  for (const days of [-6, -4, -2]) await checkIn(user, run, { date: dayFrom(run.today, days), value: 5 })
  await checkIn(user, run, { date: dayFrom(run.today, -1), value: 2 })
  for (const days of [-5, -3, -1]) await checkIn(user, probe, { date: dayFrom(probe.today, days), status: 'done' })
  return user
}

/** The app signed in as `user`, on Today. */
async function signedIn(options: BrowserContextOptions, user: SignedUp) {
  const opened = await openApp(browser, options, user)
  await opened.page.getByRole('heading', { name: 'Today', level: 1 }).waitFor()
  return opened
}

/** A flow on the shared 2-core machine, its first screen held back up to 5 s by a refused refresh: more than vitest's 30 s. */
const flowTimeout = 90_000

const habitsScreen = async (page: Page) => {
  await page.getByRole('link', { name: 'Habits' }).click()
  await page.getByRole('heading', { name: 'Habits', level: 1 }).waitFor()
}

/** A habit's row in the list (the rows of its week are list items too, but hold no link). */
const row = (page: Page, name: string) =>
  page.getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) })

/** A day of a habit's week: its button is named by what it shows, "today" or "yesterday", and the habit. */
const day = (page: Page, name: string, which: 'today' | 'yesterday') =>
  page.getByRole('button', { name: new RegExp(`^\\w+ \\d+, ${which}: ${name}$`) })

const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth)

describe('the Habits screens through NGINX', () => {
  it.concurrent(
    'creates a habit, checks in two days for a streak of 2, undoes one and opens the year',
    async ({ expect }) => {
      const user = await userWithHabits('Octavia')
      const { page, done } = await signedIn(desktop, user)
      await habitsScreen(page)
      expect(new URL(page.url()).pathname).toBe('/habits')
      await row(page, 'Run').waitFor()

      // A blank name: the API's message shows under the name field.
      const name = page.getByLabel('Name')
      await name.fill('   ')
      await page.getByRole('button', { name: 'Create habit' }).click()
      await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true')
      const describedBy = (await name.getAttribute('aria-describedby'))!
      expect(await page.locator(`[id="${describedBy}"]`).innerText()).not.toBe('')

      // Started a week ago, so yesterday can be checked in.
      const today = (await send<{ items: Habit[] }>('GET', '/habits', { authorization: user.authorization })).body
        .items[0]!.today
      await name.fill('Read 20 pages')
      await page.getByLabel('Starts (today when empty)').fill(dayFrom(today, -7))
      await page.getByRole('button', { name: 'Create habit' }).click()
      const read = row(page, 'Read 20 pages')
      await read.waitFor()
      await expect.poll(() => name.inputValue()).toBe('')
      await expect.poll(() => read.innerText()).toContain('Streak 0 days')

      await day(page, 'Read 20 pages', 'today').click()
      await expect.poll(() => day(page, 'Read 20 pages', 'today').getAttribute('aria-pressed')).toBe('true')
      await expect.poll(() => read.innerText()).toContain('Streak 1 day')
      await day(page, 'Read 20 pages', 'yesterday').click()
      await expect.poll(() => read.innerText()).toContain('Streak 2 days')
      const listed = await send<{ items: Habit[] }>('GET', '/habits', { authorization: user.authorization })
      expect(listed.body.items.find((each) => each.name === 'Read 20 pages')?.summary.currentStreak).toBe(2)
      await expectAccessible(page, 'habits')
      await screenshot(page, 'habits')

      // Today undone: yesterday's streak holds (today is still open), and the API has no check-in for today.
      await day(page, 'Read 20 pages', 'today').click()
      await expect.poll(() => read.innerText()).toContain('Streak 1 day')
      expect(await day(page, 'Read 20 pages', 'today').getAttribute('aria-pressed')).toBe('false')
      const habit = (
        await send<{ items: Habit[] }>('GET', '/habits', { authorization: user.authorization })
      ).body.items.find((each) => each.name === 'Read 20 pages')!
      const stats = await send('GET', `/habits/${habit.id}/stats`, { authorization: user.authorization })
      expect(stats.body.heatmap.days).toEqual([expect.objectContaining({ date: dayFrom(today, -1), status: 'done' })])
      await day(page, 'Read 20 pages', 'today').click()
      await expect.poll(() => read.innerText()).toContain('Streak 2 days')

      // The detail: its stats and the year's heatmap with both days, each day titled.
      await read.getByRole('link', { name: 'Read 20 pages' }).click()
      await page.getByRole('heading', { name: 'Read 20 pages', level: 1 }).waitFor()
      expect(new URL(page.url()).pathname).toBe(`/habits/${habit.id}`)
      const heatmap = page.getByRole('img', { name: /^Read 20 pages, .*: 2 days done, 0 partly done, 0 skipped$/ })
      await heatmap.waitFor()
      expect(await heatmap.locator('rect').count()).toBe(365)
      const titles = await heatmap.locator('rect > title').allTextContents()
      expect(titles.filter((title) => title.endsWith(': done'))).toHaveLength(2)
      expect(titles.filter((title) => title.endsWith(': no check-in'))).toHaveLength(363)
      const currentStreak = page.locator('.habit-stats div').filter({ hasText: 'Current streak' })
      await expect.poll(() => currentStreak.innerText()).toContain('2 days')
      await expectAccessible(page, 'habit detail')
      await screenshot(page, 'habit-detail')
      await done()
    },
    flowTimeout,
  )

  it.concurrent(
    'rolls a refused check-in back with the API’s message',
    async ({ expect }) => {
      const user = await userWithHabits('Ursula')
      const { page, done } = await signedIn(desktop, user)
      await habitsScreen(page)
      const stretch = row(page, 'Stretch')
      await stretch.waitFor()
      const yesterday = day(page, 'Stretch', 'yesterday')
      await expect.poll(() => yesterday.getAttribute('aria-pressed')).toBe('true')
      await page.route('**/api/v1/habits/*/check-ins/*', (route) =>
        route.fulfill({
          status: 409,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'about:blank',
            title: 'Conflict',
            status: 409,
            detail: 'The habit is archived',
          }),
        }),
      )
      await Promise.all([page.waitForResponse('**/api/v1/habits/*/check-ins/*'), yesterday.click()])
      await stretch.getByRole('alert').filter({ hasText: 'The habit is archived' }).waitFor()
      await expect.poll(() => yesterday.getAttribute('aria-pressed')).toBe('true')
      await page.unroute('**/api/v1/habits/*/check-ins/*')
      await done()
    },
    flowTimeout,
  )

  it.concurrent(
    'edits, archives, restores and deletes a habit',
    async ({ expect }) => {
      const user = await userWithHabits('Mae')
      const { page, done } = await signedIn(desktop, user)
      await habitsScreen(page)
      await row(page, 'Stretch').getByRole('link', { name: 'Stretch' }).click()
      await page.getByRole('heading', { name: 'Stretch', level: 1 }).waitFor()
      expect(await page.getByLabel('Measured as').isDisabled()).toBe(true)

      // Renamed, and made 3 times a week: the streak now counts weeks.
      const name = page.getByLabel('Name')
      await name.fill(' ')
      await page.getByRole('button', { name: 'Save' }).click()
      await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true')
      await name.fill('Stretch and breathe')
      await page.getByLabel('Repeat').selectOption('times_per_week')
      await page.getByLabel('Times a week').selectOption('3')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByRole('heading', { name: 'Stretch and breathe', level: 1 }).waitFor()
      await page.getByText('3 times a week', { exact: false }).first().waitFor()
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()

      await page.getByRole('button', { name: 'Archive' }).click()
      await page.getByRole('button', { name: 'Restore' }).waitFor()
      await page.getByRole('link', { name: 'All habits' }).click()
      await row(page, 'Run').waitFor()
      await expect.poll(() => row(page, 'Stretch and breathe').count()).toBe(0)
      await page.getByText('Archived habits').click()
      await page.getByRole('button', { name: 'Restore Stretch and breathe' }).click()
      await row(page, 'Stretch and breathe').waitFor()

      await row(page, 'Run').getByRole('link', { name: 'Run' }).click()
      await page.getByRole('heading', { name: 'Run', level: 1 }).waitFor()
      await page.getByRole('button', { name: 'Delete', exact: true }).click()
      await page.getByRole('button', { name: 'Delete for good' }).click()
      await page.getByRole('heading', { name: 'Habits', level: 1 }).waitFor()
      await row(page, 'Stretch and breathe').waitFor()
      await expect.poll(() => row(page, 'Run').count()).toBe(0)
      const listed = await send<{ items: Habit[] }>('GET', '/habits', { authorization: user.authorization })
      expect(listed.body.items.map((each) => each.name)).toEqual(['Stretch and breathe'])
      await done()
    },
    flowTimeout,
  )

  it.concurrent(
    'fits a 360 px phone: the list with its week and the detail with its year',
    async ({ expect }) => {
      const user = await userWithHabits('Katherine')
      const { page, done } = await signedIn(phone, user)
      await habitsScreen(page)
      await row(page, 'Run').waitFor()
      await day(page, 'Stretch', 'today').click()
      await expect.poll(() => day(page, 'Stretch', 'today').getAttribute('aria-pressed')).toBe('true')
      expect(await noSideways(page)).toBeLessThanOrEqual(360)
      await expectAccessible(page, 'habits at 360 px')
      await screenshot(page, 'habits-phone')
      await row(page, 'Run').getByRole('link', { name: 'Run' }).click()
      await page.getByRole('img', { name: /^Run, / }).waitFor()
      expect(await noSideways(page)).toBeLessThanOrEqual(360)
      await expectAccessible(page, 'habit detail at 360 px')
      await done()
    },
    flowTimeout,
  )
})
