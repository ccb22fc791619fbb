// The focus history's Load more and the live updates, both reading the same infinite query: a live
// event while the next page loads lets that page show and then reads every page again; a click while
// an event's re-read is in flight waits for it. Each overlap is made certain by holding an answer.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { type SignedUp, send, signUp } from '../client.ts'
import { desktop, launchBrowser, openApp } from './harness.ts'

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

const minute = 60_000
/** One page of the history and one session more. */
const seeded = 21

/** A session logged through the API, `minutes` long, started `ago` milliseconds ago. */
async function logSession(user: SignedUp, ago: number, minutes = 10) {
  const startedAt = Date.now() - ago
  const logged = await send('POST', '/focus/sessions/manual', {
    authorization: user.authorization,
    body: {
      startedAt: new Date(startedAt).toISOString(),
      endedAt: new Date(startedAt + minutes * minute).toISOString(),
    },
  })
  if (logged.status !== 201) throw new Error(`manual answered ${logged.status}: ${JSON.stringify(logged.body)}`)
}

/**
 * The focus history of a user with `seeded` sessions (the newest three hours ago, half an hour apart),
 * its first page shown and the live stream open. The first screen may wait out a 429 of auth-service's
 * per-IP budget, which every browser test shares (focus.test.ts).
 */
async function history(name: string) {
  const user = await signUp({ displayName: name })
  for (let index = 0; index < seeded; index++) await logSession(user, (180 + index * 30) * minute)
  const app = await openApp(browser, desktop, user, '/focus/history')
  const { page } = app
  await page.getByRole('heading', { name: 'Focus history', level: 1 }).waitFor({ timeout: 90_000 })
  await page.getByRole('status').filter({ hasText: 'Live updates on' }).waitFor()
  const sessions = page.getByRole('region', { name: 'Sessions', exact: true }).getByRole('listitem')
  const loadMore = page.getByRole('button', { name: 'Load more' })
  await loadMore.waitFor()
  return { user, ...app, sessions, loadMore }
}

/**
 * Holds the answers to the history's reads of a page after a cursor (`next`) or of the first page
 * (`first`) until `release()`; `asked` settles at the first such read. Each is fetched at once, so
 * what it answers is from before whatever happens while it is held.
 */
async function holdReads(page: Page, which: 'next' | 'first') {
  let asked: () => void = () => undefined
  let release: () => void = () => undefined
  const askedFor = new Promise<void>((resolve) => {
    asked = resolve
  })
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  await page.route(
    (url) => url.pathname === '/api/v1/focus/sessions' && url.searchParams.has('cursor') === (which === 'next'),
    async (route) => {
      const response = await route.fetch()
      asked()
      await released
      await route.fulfill({ response })
    },
  )
  return { asked: askedFor, release }
}

/**
 * A session logged elsewhere, the newest, 25 minutes long; resolves once its event reached the tab,
 * that is, once the tab reads again another query of the focus family it invalidates (the habits).
 */
async function sessionLoggedElsewhere(page: Page, user: SignedUp) {
  const reread = page.waitForRequest((request) => new URL(request.url()).pathname === '/api/v1/habits')
  await logSession(user, 60 * minute, 25)
  await reread
}

describe('Load more on the focus history, beside live updates', () => {
  it.concurrent('shows the next page when a live event arrives while it loads, then every page with the change', async ({
    expect,
  }) => {
    const { user, page, done, sessions, loadMore } = await history('Margaret')
    await expect.poll(() => sessions.count()).toBe(20)

    const nextPage = await holdReads(page, 'next')
    await loadMore.click()
    await nextPage.asked
    await sessionLoggedElsewhere(page, user)
    nextPage.release()

    // All 22, each once: the page loaded, and the new session heading the pages read again.
    await expect.poll(() => sessions.count()).toBe(seeded + 1)
    expect(new Set(await sessions.allInnerTexts()).size).toBe(seeded + 1)
    expect(await sessions.first().innerText()).toMatch(/25 min/)
    await expect.poll(() => loadMore.count()).toBe(0)
    await done()
  }, 120_000)

  it.concurrent('holds Load more while a live event’s re-read is in flight, which a click would cancel', async ({
    expect,
  }) => {
    const { user, page, done, sessions, loadMore } = await history('Frances')
    await expect.poll(() => sessions.count()).toBe(20)

    const firstPage = await holdReads(page, 'first')
    await sessionLoggedElsewhere(page, user)
    await firstPage.asked
    expect(await loadMore.isDisabled()).toBe(true)
    firstPage.release()

    // The re-read shows the new session first; then the next page follows on from it.
    await expect.poll(() => sessions.first().innerText()).toMatch(/25 min/)
    await loadMore.click()
    await expect.poll(() => sessions.count()).toBe(seeded + 1)
    expect(new Set(await sessions.allInnerTexts()).size).toBe(seeded + 1)
    await done()
  }, 120_000)
})
