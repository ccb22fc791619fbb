import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { eventually, send, signUp } from '../client.ts'
import { desktop, expectAccessible, fitsPhone, launchBrowser, openApp, phone, screenshot } from './harness.ts'

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

// Generous: a page load waits out the shared per-IP auth budget (429) when other browser tests spent it.
describe('Personal access tokens and the calendar feed in the web app (issue #30)', { timeout: 90_000 }, () => {
  it.concurrent('creates a scoped token shown once, which works as a script uses it, and revokes it', async ({
    expect,
  }) => {
    const user = await signUp({ displayName: 'Ada' })
    const { page, done } = await openApp(browser, desktop, user)
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor()
    await page.getByRole('link', { name: 'Settings' }).click()
    const section = page.getByRole('region', { name: 'Personal access tokens' })
    await section.getByText('No tokens yet.').waitFor()
    const form = section.getByRole('form', { name: 'New token' })

    // Nothing chosen: the API's refusals, under the fields they name.
    await form.getByRole('button', { name: 'Create token' }).click()
    await form.getByText('Choose access to at least one area.').waitFor()
    expect(await form.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true')

    await form.getByLabel('Name', { exact: true }).fill('Backup script')
    await form.getByLabel('Tasks', { exact: true }).selectOption('write')
    await form.getByLabel('Habits', { exact: true }).selectOption('read')
    await form.getByLabel('Expires after').selectOption('90')
    await form.getByRole('button', { name: 'Create token' }).click()

    const notice = section.getByRole('status', { name: 'New token Backup script' })
    await notice.getByText('it will not be shown again').waitFor()
    const token = (await notice.locator('output').innerText()).trim()
    expect(token).toMatch(/^fhp_[A-Za-z0-9_-]{43}$/)
    const item = section.getByRole('listitem', { name: 'Backup script' })
    await item.getByText('tasks:write, habits:read').waitFor()
    await item.getByText(token.slice(0, 8)).waitFor()
    await expectAccessible(page, 'settings, personal access tokens')
    await screenshot(page, 'settings-access-tokens')

    // As a script uses it: what its scopes cover, and a 403 for the rest.
    const authorization = `Bearer ${token}`
    expect((await send('POST', '/tasks', { authorization, body: { title: 'from the script' } })).status).toBe(201)
    expect((await send('GET', '/habits', { authorization })).status).toBe(200)
    expect((await send('POST', '/habits', { authorization, body: { name: 'Read' } })).status).toBe(403)

    // Shown once: closed, it is gone from the page; the list still names the token by its hint.
    await notice.getByRole('button', { name: 'Done' }).click()
    await notice.waitFor({ state: 'detached' })
    expect(await page.getByText(token).count()).toBe(0)

    await item.getByRole('button', { name: 'Revoke Backup script' }).click()
    await section.getByText('No tokens yet.').waitFor()
    await eventually(
      () => send('GET', '/tasks', { authorization }),
      (answer) => answer.status === 401,
    )
    await done()
  })

  it.concurrent('fits a phone', async ({ expect }) => {
    const user = await signUp({ displayName: 'Ben' })
    await send('POST', '/auth/tokens', {
      authorization: user.authorization,
      body: { name: 'A rather long token name for a phone', scopes: ['focus:read', 'social:write'], expiresInDays: 7 },
    })
    const { page, done } = await openApp(browser, phone, user, '/settings')
    const section = page.getByRole('region', { name: 'Personal access tokens' })
    await section.getByRole('listitem', { name: 'A rather long token name for a phone' }).waitFor()
    expect(await fitsPhone(page)).toBe(true)
    await done()
  })

  it.concurrent('creates a calendar link shown once, which a calendar reads, replaces it and turns it off', async ({
    expect,
  }) => {
    const user = await signUp({ displayName: 'Cleo' })
    await send('POST', '/tasks', {
      authorization: user.authorization,
      body: { title: 'Pay rent', due: `${new Date().getUTCFullYear() + 1}-01-01` },
    })
    const { page, done } = await openApp(browser, desktop, user, '/settings')
    const section = page.getByRole('region', { name: 'Calendar feed' })
    await section.getByText('Off.').waitFor()
    await section.getByRole('button', { name: 'Create link' }).click()
    const notice = section.getByRole('status', { name: 'New calendar link' })
    const url = (await notice.locator('output').innerText()).trim()
    expect(url).toMatch(/\/api\/v1\/calendar\/fhc_[A-Za-z0-9_-]{43}\.ics$/)
    const feed = await fetch(url)
    expect(feed.status).toBe(200)
    expect(await feed.text()).toContain('SUMMARY:Pay rent')
    await section.getByText(/On since/).waitFor()
    await expectAccessible(page, 'settings, calendar feed')
    await screenshot(page, 'settings-calendar-feed')

    await section.getByRole('button', { name: 'Replace link' }).click()
    await expect.poll(async () => (await notice.locator('output').innerText()).trim()).not.toBe(url)
    await eventually(
      () => fetch(url),
      (answer) => answer.status === 404,
    )
    await section.getByRole('button', { name: 'Turn off' }).click()
    await section.getByText('Off.').waitFor()
    expect(await section.getByRole('button', { name: 'Create link' }).count()).toBe(1)
    await done()
  })
})
