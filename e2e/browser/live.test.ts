import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { type SignedUp, send, signUp } from '../client.ts'
import { desktop, expectAccessible, launchBrowser, openApp, phone, screenshot, watchLayoutShifts } from './harness.ts'

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

const today = new Date().toISOString().slice(0, 10)

/** The header's indicator, once the stream is open and events flow. */
const live = (page: Page) => page.getByRole('status').filter({ hasText: 'Live updates on' }).waitFor()

const task = (page: Page, title: string) => page.getByRole('listitem').filter({ hasText: title })

async function addTask(user: SignedUp, title: string) {
  const created = await send('POST', '/tasks', { authorization: user.authorization, body: { title, due: today } })
  if (created.status !== 201) throw new Error(`task answered ${created.status}: ${JSON.stringify(created.body)}`)
}

/** A mark a reload would wipe: what shows after it came without one. */
const markPage = (page: Page) => page.evaluate(() => Object.assign(window, { liveTestMark: true }))
const reloaded = async (page: Page) => !(await page.evaluate(() => 'liveTestMark' in window))

describe('live updates in the web app', () => {
  it.concurrent('shows one tab’s focus timer in another tab, and a pause there in the first', async ({ expect }) => {
    const user = await signUp({ displayName: 'Ada' })
    const first = await openApp(browser, desktop, user)
    const a = first.page
    await a.getByRole('link', { name: 'Focus' }).click()
    await a.getByRole('button', { name: 'Start focus' }).waitFor()
    // A second tab of the same browser: its start-up refresh takes the cookie the first one rotated.
    const b = await a.context().newPage()
    const errors: string[] = []
    b.on('pageerror', (error) => errors.push(error.message))
    await b.goto('/focus')
    await b.getByRole('button', { name: 'Start focus' }).waitFor()
    await Promise.all([live(a), live(b)])
    await Promise.all([markPage(a), markPage(b)])

    await a.getByRole('button', { name: 'Start focus' }).click()
    await b.getByRole('timer', { name: 'Time left' }).waitFor()
    await b.getByRole('button', { name: 'Pause' }).click()
    await b.getByText('Focus · paused').waitFor()
    await a.getByText('Focus · paused').waitFor()
    await a.getByRole('button', { name: 'Resume' }).waitFor()
    // The history too, which only a live event reads again (the running timer's own poll reads the session).
    await a.getByRole('region', { name: 'Recent sessions' }).getByText('Paused').waitFor()
    expect(await Promise.all([reloaded(a), reloaded(b)])).toEqual([false, false])
    await expectAccessible(b, 'focus, updated live')
    await screenshot(a, 'live')
    expect(errors).toEqual([])
    await first.done()
  })

  it.concurrent('adds a task created elsewhere to the open Today screen, on a 360 px phone', async ({ expect }) => {
    const user = await signUp({ displayName: 'Grace' })
    const { page, done } = await openApp(browser, phone, user)
    await page.getByText('Nothing due today').waitFor()
    await live(page)
    await markPage(page)
    await addTask(user, 'Review the pull request')
    await task(page, 'Review the pull request').waitFor()
    await page.getByText('Nothing due today').waitFor({ state: 'detached' })
    // The next one moves nothing already on the screen.
    const shifts = await watchLayoutShifts(page)
    await addTask(user, 'Answer the review')
    await task(page, 'Answer the review').waitFor()
    expect(await shifts()).toBeLessThan(0.01)
    expect(await reloaded(page)).toBe(false)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await expectAccessible(page, 'today, updated live')
    await done()
  })

  it.concurrent('reconnects after the connection drops, catches up and goes on delivering', async ({ expect }) => {
    const user = await signUp({ displayName: 'Linus' })
    const { page, done } = await openApp(browser, desktop, user)
    await page.getByText('Nothing due today').waitFor()
    await live(page)
    await markPage(page)
    // One event first, so the stream has a point to resume from.
    await addTask(user, 'Before the drop')
    await task(page, 'Before the drop').waitFor()

    await page.context().setOffline(true)
    await page.getByRole('status').filter({ hasText: 'Live updates reconnecting' }).waitFor()
    await addTask(user, 'While offline')
    // The new stream (a new ticket) resumes from the last event id the tab saw.
    const resumed = page.waitForRequest((request) => {
      const url = new URL(request.url())
      return url.pathname === '/api/v1/events' && url.searchParams.has('lastEventId')
    })
    await page.context().setOffline(false)
    await resumed
    await live(page)
    await task(page, 'While offline').waitFor()
    await addTask(user, 'After the drop')
    await task(page, 'After the drop').waitFor()
    expect(await reloaded(page)).toBe(false)
    await done()
  })
})
