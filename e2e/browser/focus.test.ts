// The Focus screens beyond the timer's own flow (app.test.ts): a pause with its reason, a session
// on a habit, the history's pages and filters, logging a session by hand, sharing a session with
// another user by their e-mail, and a public link seen signed out until it is revoked.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, type ExpectStatic, it } from 'vitest'
import { type SignedUp, send, signUp } from '../client.ts'
import { desktop, expectAccessible, launchBrowser, openApp, phone, screenshot } from './harness.ts'

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

const minute = 60_000
/** The browser's clock is UTC (`timezoneId`), like the users': what a datetime-local field holds. */
const utc = { timezoneId: 'UTC' }
const wallClock = (instant: number) => new Date(instant).toISOString().slice(0, 16)

/** `count` sessions logged through the API, 10 minutes each, half an hour apart, the newest three hours ago. */
async function logSessions(user: SignedUp, count: number) {
  const newest = Date.now() - 180 * minute
  const ids: string[] = []
  for (let index = 0; index < count; index++) {
    const startedAt = newest - index * 30 * minute
    const logged = await send('POST', '/focus/sessions/manual', {
      authorization: user.authorization,
      body: { startedAt: new Date(startedAt).toISOString(), endedAt: new Date(startedAt + 10 * minute).toISOString() },
    })
    if (logged.status !== 201) throw new Error(`manual answered ${logged.status}: ${JSON.stringify(logged.body)}`)
    ids.push(logged.body.id)
  }
  return ids
}

/**
 * Each flow's page load refreshes the session at auth-service, whose per-IP budget every browser test
 * shares: a 429 makes the app wait its Retry-After (up to a minute) before the first screen shows.
 */
const flowTimeout = 120_000
const firstScreen = { timeout: 90_000 }

async function openFocus(page: Page, subpage?: 'History' | 'Shared with me') {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Focus' }).click(firstScreen)
  await page.getByRole('heading', { name: 'Focus', level: 1 }).waitFor()
  if (subpage) await page.getByRole('navigation', { name: 'Focus pages' }).getByRole('link', { name: subpage }).click()
}

/** The message the field labelled `label` carries (its aria-describedby), once it is marked invalid. */
async function fieldError(expect: ExpectStatic, page: Page, label: string) {
  const field = page.getByLabel(label, { exact: true })
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true')
  const describedBy = (await field.getAttribute('aria-describedby'))!
  return page.locator(`[id="${describedBy}"]`).innerText()
}

const fitsPhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth)

describe('the Focus screens', () => {
  it.concurrent(
    'starts on a habit and pauses with a reason, which the session keeps',
    async ({ expect }) => {
      const user = await signUp({ displayName: 'Ada' })
      await send('POST', '/habits', { authorization: user.authorization, body: { name: 'Read a chapter' } })
      const { page, done } = await openApp(browser, desktop, user)
      await openFocus(page)

      await page.getByLabel('Or a habit (optional)').selectOption({ label: 'Read a chapter' })
      await page.getByRole('button', { name: 'Start focus' }).click()
      await page.getByText('On: Read a chapter').waitFor()
      await page.getByLabel('Pause reason (optional)').fill('Phone call')
      await page.getByRole('button', { name: 'Pause' }).click()
      await page.getByText('Focus · paused').waitFor()
      await page.getByText('Reason: Phone call').waitFor()
      const current = await send('GET', '/focus/sessions/current', { authorization: user.authorization })
      expect(current.body.session).toMatchObject({ status: 'paused', pauseReason: 'Phone call' })
      expect(current.body.session.habitId).toEqual(expect.any(String))
      await expectAccessible(page, 'focus, paused')

      // The session's own page lists the pause with its reason.
      await page.getByRole('button', { name: 'Abandon' }).click()
      await page.getByRole('button', { name: 'Start focus' }).waitFor()
      const recent = page.getByRole('region', { name: 'Recent sessions' }).getByRole('listitem')
      await recent.filter({ hasText: 'Abandoned' }).filter({ hasText: 'Read a chapter' }).getByRole('link').click()
      await page.getByRole('heading', { name: 'Focus session', level: 1 }).waitFor()
      await page.getByRole('listitem').filter({ hasText: 'Phone call' }).waitFor()
      await expectAccessible(page, 'focus session')
      await done()
    },
    flowTimeout,
  )

  it.concurrent(
    'logs a session by hand (bad values refused under their fields), and pages through the history',
    async ({ expect }) => {
      const user = await signUp({ displayName: 'Barbara' })
      await logSessions(user, 23)
      const { page, done } = await openApp(browser, { ...desktop, ...utc }, user)
      await openFocus(page, 'History')
      await page.getByRole('heading', { name: 'Focus history', level: 1 }).waitFor()
      const sessions = page.getByRole('region', { name: 'Sessions', exact: true }).getByRole('listitem')
      await expect.poll(() => sessions.count()).toBe(20)

      // A start before the backfill window is refused under its field; an end in the future under the
      // duration, which sets it.
      await page.getByLabel('Started at').fill(wallClock(Date.now() - 30 * 24 * 60 * minute))
      await page.getByRole('button', { name: 'Log session' }).click()
      expect(await fieldError(expect, page, 'Started at')).toMatch(/before/)
      await page.getByLabel('Started at').fill(wallClock(Date.now() - 5 * minute))
      await page.getByLabel('Duration (minutes)').fill('30')
      await page.getByRole('button', { name: 'Log session' }).click()
      expect(await fieldError(expect, page, 'Duration (minutes)')).toMatch(/future/)

      // A good one heads the history (the newest start).
      await page.getByLabel('Started at').fill(wallClock(Date.now() - 90 * minute))
      await page.getByLabel('Duration (minutes)').fill('45')
      await page.getByLabel('Note (optional)').fill('Wrote the report offline')
      await page.getByRole('button', { name: 'Log session' }).click()
      await page.getByRole('status').filter({ hasText: 'Logged.' }).waitFor()
      await expect.poll(() => sessions.first().innerText()).toMatch(/Logged[\s\S]*45 min/)
      const listed = await send('GET', '/focus/sessions?limit=1', { authorization: user.authorization })
      expect(listed.body.items).toMatchObject([
        { kind: 'manual', focusedMinutes: 45, note: 'Wrote the report offline' },
      ])

      // The next page, from the cursor, at one click: all 24, each once, and no more to load.
      await expect.poll(() => sessions.count()).toBe(20)
      const loadMore = page.getByRole('button', { name: 'Load more' })
      await loadMore.click()
      await expect.poll(() => sessions.count()).toBe(24)
      expect(new Set(await sessions.allInnerTexts()).size).toBe(24)
      await expect.poll(() => loadMore.count()).toBe(0)

      // A range that ends before it starts is refused under From; a day with nothing says so.
      const today = new Date().toISOString().slice(0, 10)
      const lastYear = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`
      await page.getByLabel('From').fill(today)
      await page.getByLabel('To').fill(lastYear)
      expect(await fieldError(expect, page, 'From')).toMatch(/before/)
      await page.getByLabel('From').fill(lastYear)
      await page.getByLabel('To').fill(lastYear)
      await page.getByText('No sessions in this range.').waitFor()
      await page.getByLabel('From').fill('')
      await page.getByLabel('To').fill('')
      await page.getByLabel('To').blur()
      await expect.poll(() => sessions.count()).toBe(24)
      await expectAccessible(page, 'focus history')
      await screenshot(page, 'focus-history')
      await done()
    },
    flowTimeout,
  )

  it.concurrent(
    'shares a session with another user by e-mail, who sees it; a public link shows it signed out until revoked',
    async ({ expect }) => {
      const [owner, friend] = await Promise.all([signUp({ displayName: 'Dorothy' }), signUp({ displayName: 'Edsger' })])
      await logSessions(owner, 1)
      const ownerApp = await openApp(browser, desktop, owner)
      const friendApp = await openApp(browser, desktop, friend)
      const { page } = ownerApp

      await openFocus(page, 'History')
      await page.getByRole('region', { name: 'Sessions', exact: true }).getByRole('listitem').getByRole('link').click()
      await page.getByRole('heading', { name: 'Focus session', level: 1 }).waitFor()
      await page.getByText('Not shared with anyone.').waitFor()

      // Their own e-mail and one without an account are refused under the field; the friend's is listed by name.
      const shareWith = async (email: string) => {
        await page.getByLabel('E-mail', { exact: true }).fill(email)
        await page.getByRole('button', { name: 'Share', exact: true }).click()
      }
      expect(await page.getByLabel('E-mail', { exact: true }).getAttribute('type')).toBe('email')
      await shareWith(owner.email)
      expect(await fieldError(expect, page, 'E-mail')).toBe('names you')
      await shareWith(`nobody-${owner.userId}@example.com`)
      await page.getByText('no account has this e-mail').waitFor()
      expect(await fieldError(expect, page, 'E-mail')).toBe('no account has this e-mail')
      await shareWith(friend.email)
      await page.getByRole('button', { name: 'Stop sharing with Edsger' }).waitFor()
      await expect.poll(() => page.getByLabel('E-mail', { exact: true }).inputValue()).toBe('')

      // The friend finds it under Shared with me, from the owner by name.
      await openFocus(friendApp.page, 'Shared with me')
      await friendApp.page.getByRole('heading', { name: 'Shared with me', level: 1 }).waitFor()
      const shared = friendApp.page.getByRole('region', { name: 'Sessions shared with you' }).getByRole('listitem')
      await shared.filter({ hasText: 'From Dorothy' }).filter({ hasText: '10 min' }).waitFor()
      expect(await shared.count()).toBe(1)
      expect(await friendApp.page.getByText(/user id/i).count()).toBe(0)
      await expectAccessible(friendApp.page, 'shared with me')
      await screenshot(friendApp.page, 'focus-shared')

      // A public link, opened in a browser signed in as nobody.
      await page.getByRole('button', { name: 'Create public link' }).click()
      const link = await page.getByLabel('New public link (shown only once: copy it now)').inputValue()
      expect(link).toMatch(/\/shared\/[\w-]{43}$/)
      await expectAccessible(page, 'focus session, shared')
      const stranger = await openApp(browser, desktop)
      await stranger.page.getByRole('heading', { name: 'Sign in to FocusHub' }).waitFor(firstScreen)
      await stranger.page.goto(new URL(link).pathname)
      await stranger.page.getByRole('heading', { name: 'Shared focus session', level: 1 }).waitFor()
      await stranger.page.getByText('10 min').waitFor()
      await expectAccessible(stranger.page, 'public session')

      // Revoked: the link says so; unshared: the friend's list is empty again.
      await page.getByRole('button', { name: /^Revoke/ }).click()
      await page.getByText(/^Revoked /).waitFor()
      await stranger.page.reload()
      await stranger.page.getByRole('alert').filter({ hasText: 'This session is not available.' }).waitFor()
      await stranger.page.getByText('Its owner revoked this link.').waitFor()
      await expectAccessible(stranger.page, 'public session, revoked')
      await page.getByRole('button', { name: 'Stop sharing with Edsger' }).click()
      await page.getByText('Not shared with anyone.').waitFor()
      await friendApp.page.getByRole('navigation', { name: 'Focus pages' }).getByRole('link', { name: 'Timer' }).click()
      await friendApp.page
        .getByRole('navigation', { name: 'Focus pages' })
        .getByRole('link', { name: 'Shared with me' })
        .click()
      await friendApp.page.getByText('Nobody has shared a session with you yet.').waitFor()
      await Promise.all([ownerApp.done(), friendApp.done(), stranger.done()])
    },
    flowTimeout,
  )

  it.concurrent(
    'fits a 360 px phone: the timer and the history',
    async ({ expect }) => {
      const user = await signUp({ displayName: 'Frances' })
      await logSessions(user, 3)
      const { page, done } = await openApp(browser, { ...phone, ...utc }, user)
      await openFocus(page)
      await page.getByRole('button', { name: 'Start focus' }).click()
      await page.getByRole('timer', { name: 'Time left' }).waitFor()
      expect(await fitsPhone(page)).toBeLessThanOrEqual(360)
      await expectAccessible(page, 'focus, phone')
      await screenshot(page, 'focus-phone')
      await page.getByRole('navigation', { name: 'Focus pages' }).getByRole('link', { name: 'History' }).click()
      await expect
        .poll(() => page.getByRole('region', { name: 'Sessions', exact: true }).getByRole('listitem').count())
        .toBe(4)
      expect(await fitsPhone(page)).toBeLessThanOrEqual(360)
      await expectAccessible(page, 'focus history, phone')
      await done()
    },
    flowTimeout,
  )
})
