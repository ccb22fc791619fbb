import { createDatabase } from '@focushub/shared/db'
import { sql } from 'kysely'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signUp } from '../client.ts'
import { desktop, expectAccessible, launchBrowser, openApp, phone, screenshot } from './harness.ts'

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

const figures = (focus: number, sessions: number, tasks: number, kept: number, due: number) => ({
  focusMinutes: focus,
  focusSessions: sessions,
  tasksDone: tasks,
  habitsKept: kept,
  habitsDue: due,
})

/**
 * Two weeks of reviews kept for a user, as the weekly review's job keeps them (e2e/weekly-review.test.ts
 * runs that job through the stack; here the screen only reads the rows, so they are written directly).
 */
async function keptReviews(userId: string) {
  const db = createDatabase<unknown>({
    url:
      process.env.NOTIFICATION_DATABASE_URL ??
      'postgres://focushub_notifications:focushub_notifications_dev@127.0.0.1:5432/focushub_notifications',
    poolMax: 1,
  })
  const row = (weekStart: string, week: ReturnType<typeof figures>, previous: ReturnType<typeof figures>) =>
    sql`insert into weekly_reviews (user_id, week_start, focus_minutes, focus_sessions, tasks_done, habits_kept, habits_due, previous)
      values (${userId}::uuid, ${weekStart}::date, ${week.focusMinutes}, ${week.focusSessions}, ${week.tasksDone},
        ${week.habitsKept}, ${week.habitsDue}, ${JSON.stringify(previous)}::jsonb)`.execute(db)
  try {
    await row('2026-11-23', figures(304, 9, 0, 11, 14), figures(0, 0, 0, 0, 0))
    await row('2026-11-30', figures(380, 12, 14, 10, 14), figures(304, 9, 0, 11, 14))
  } finally {
    await db.destroy()
  }
}

describe('weekly reviews in the stats', () => {
  it('lists the last weeks newest first, each figure against the week before, on a desktop and at 360 px', async () => {
    const user = await signUp({ displayName: 'Wren' })
    await keptReviews(user.userId)
    const { page, done } = await openApp(browser, desktop, user, '/stats')
    const section = page.getByRole('region', { name: 'Weekly reviews' })
    const rows = section.getByRole('row')
    await expect.poll(() => rows.count()).toBe(3)
    const cells = async (index: number) =>
      (await rows.nth(index).getByRole('cell').allInnerTexts()).map((t) => t.trim())
    expect(await rows.nth(1).getByRole('rowheader').innerText()).toMatch(/Nov 30 – Dec 6, 2026/)
    expect(await cells(1)).toEqual(['380 min +25 %', '14 new', '10 of 14 −9 %'])
    expect(await cells(2)).toEqual(['304 min new', '0', '11 of 14 new'])
    await expectAccessible(page, 'weekly reviews')
    await section.scrollIntoViewIfNeeded()
    await screenshot(page, 'weekly-reviews')

    // At 360 px the figures wrap: the page stays 360 px wide.
    await page.setViewportSize(phone.viewport as { width: number; height: number })
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= 360)).toBe(true)
    await expectAccessible(page, 'weekly reviews on a phone')
    await done()
  })

  it('says there is none yet before the first', async () => {
    const { page, done } = await openApp(browser, desktop, await signUp(), '/stats')
    await page
      .getByRole('region', { name: 'Weekly reviews' })
      .getByText('No weekly review yet', { exact: false })
      .waitFor()
    await done()
  })
})
