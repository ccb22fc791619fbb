// The "done when": a newcomer opens http://localhost/, signs up, plans a day, runs a Pomodoro on
// a task (the server's timer ends the work phase), checks in a habit and sees it in the stats — one
// person's first session, every step through NGINX in one browser, as a person would click it.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { launchBrowser, openApp } from './harness.ts'

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

const go = async (page: Page, screen: string) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen, exact: true }).click()
  await page.getByRole('heading', { name: screen, level: 1 }).waitFor()
}

// A one-minute work phase run to its end by the server's timer: the flow takes a little over a minute.
describe('a newcomer’s first session', { timeout: 150_000 }, () => {
  it('signs up, plans the day, runs a Pomodoro on a task, checks in a habit and sees the stats', async ({ expect }) => {
    const { page, done } = await openApp(browser)
    await page.getByRole('link', { name: 'Create an account' }).click()
    await page.getByLabel('Name').fill('Nadia')
    await page.getByLabel('E-mail').fill(`nadia-${crypto.randomUUID().slice(0, 8)}@example.com`)
    await page.getByLabel('Password').fill('correct horse battery')
    await page.getByRole('button', { name: 'Sign up' }).click()
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor()

    // Plans the day.
    const quickAdd = page.getByLabel('Quick add (press q)')
    for (const title of ['Write the essay', 'Book the train']) {
      await quickAdd.fill(title)
      await quickAdd.press('Enter')
      await page.getByRole('listitem').filter({ hasText: title }).waitFor()
      await expect.poll(() => quickAdd.inputValue()).toBe('')
    }

    // A goal of one minute a day and a one-minute Pomodoro, so the test sees the timer end a phase.
    await go(page, 'Settings')
    await page.getByLabel('Minutes of focus a day').fill('1')
    await page.getByRole('button', { name: 'Set goal' }).click()
    await page.getByRole('status').filter({ hasText: 'Goal set.' }).waitFor()
    await page.getByLabel('Focus (minutes)').fill('1')
    await page.getByRole('button', { name: 'Update timer plan' }).click()
    await page.getByRole('status').filter({ hasText: 'Timer plan updated.' }).waitFor()

    // The Pomodoro: the server ends the work phase on its own and starts the break.
    await go(page, 'Focus')
    await page.getByLabel('Task (optional)').selectOption({ label: 'Write the essay' })
    await page.getByRole('button', { name: 'Start focus' }).click()
    await page.getByText('On: Write the essay').waitFor()
    const timer = page.getByRole('timer', { name: 'Time left' })
    expect(await timer.innerText()).toMatch(/^0[01]:\d\d$/)
    await page.getByText('Short break', { exact: true }).waitFor({ timeout: 100_000 })
    await page.getByRole('button', { name: 'Complete' }).click()
    await page.getByRole('button', { name: 'Start focus' }).waitFor()

    // A habit, checked in today.
    await go(page, 'Habits')
    await page.getByLabel('Name').fill('Stretch')
    await page.getByRole('button', { name: 'Create habit' }).click()
    const today = page.getByRole('button', { name: /^\w+ \d+, today: Stretch$/ })
    await today.click()
    await expect.poll(() => today.getAttribute('aria-pressed')).toBe('true')
    await page
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'Stretch', exact: true }) })
      .getByText('Streak 1 day')
      .waitFor()

    // The stats: the minute focused meets the goal, one Pomodoro, on the task.
    await go(page, 'Stats')
    const goal = page.getByRole('region', { name: 'Daily goal' })
    await goal.getByText('1 min of 1 min').waitFor()
    await goal.getByText('Current streak 1 day').waitFor()
    const totals = page.getByRole('region', { name: 'Last 30 days, in all' })
    const total = (name: string) => totals.locator('div', { has: page.locator('dt', { hasText: name }) }).locator('dd')
    expect(await total('Pomodoros').innerText()).toBe('1')
    expect(await total('Sessions').innerText()).toBe('1')
    await page.getByRole('region', { name: 'Time per task' }).getByText('Write the essay').waitFor()

    // And the achievement for a first focus.
    await go(page, 'Achievements')
    await page.getByText('First focus', { exact: true }).waitFor()
    await done()
  })
})
