import { readFile } from 'node:fs/promises'
import { createDatabase } from '@focushub/shared/db'
import { strFromU8, unzipSync } from 'fflate'
import { sql } from 'kysely'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { type SignedUp, send, signUp } from '../client.ts'
import { builtExport } from '../import-files.ts'
import {
  desktop,
  expectAccessible,
  firstScreen,
  fitsPhone,
  flowTimeout,
  launchBrowser,
  markLoaded,
  openApp,
  phone,
  screenshot,
  stillLoaded,
} from './harness.ts'

/**
 * Issue #30's export in Settings, against the local stack, whose notification-service worker builds an
 * export within seconds: asked for, shown being prepared until the list, read again meanwhile, says it is
 * ready; downloaded (a ZIP with its manifest), reached from its notification, deleted. On a phone, one
 * asked for from another device (409) and the sixth of a day (429) refused in the API's words.
 */

const as = (user: SignedUp) => ({ authorization: user.authorization })

async function created(path: string, user: SignedUp, body: object) {
  const answer = await send('POST', path, { ...as(user), body })
  if (answer.status !== 201) throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`)
  return answer.body
}

/**
 * An export asked for on another device and still being built: its row as notification-service makes it
 * (a UUIDv7 id, as the daily count reads ids), with no job, so that it stays pending, whatever the
 * machine's speed, until the test fails it.
 */
async function exportBuildingElsewhere(user: SignedUp) {
  const db = createDatabase<unknown>({
    url:
      process.env.NOTIFICATION_DATABASE_URL ??
      'postgres://focushub_notifications:focushub_notifications_dev@127.0.0.1:5432/focushub_notifications',
    poolMax: 1,
  })
  const v7 = sql`(lpad(to_hex((extract(epoch from clock_timestamp()) * 1000)::bigint), 12, '0') || '7'
    || substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15))::uuid`
  const { rows } = await sql<{ id: string; created_at: Date }>`
    insert into account_exports (id, user_id) values (${v7}, ${user.userId}) returning id, created_at`.execute(db)
  return {
    id: rows[0].id,
    createdAt: rows[0].created_at.toISOString(),
    fail: () =>
      sql`update account_exports set state = 'failed', error = 'It could not be built: try again later',
        finished_at = now(), expires_at = now() + interval '72 hours' where id = ${rows[0].id}`.execute(db),
    close: () => db.destroy(),
  }
}

/**
 * Shows every export in the list's reads as still being prepared until `release` is called: the stack's
 * worker builds one within a second, and the state before must be seen whatever the machine's speed.
 */
async function holdPending(page: Page) {
  let holding = true
  const url = /\/api\/v1\/exports\?/
  await page.route(url, async (route) => {
    if (!holding || route.request().method() !== 'GET') return route.continue()
    const response = await route.fetch()
    const answer = await response.json()
    const pending = { state: 'pending', sizeBytes: null, contents: [], finishedAt: null, expiresAt: null }
    answer.items = answer.items.map((item: object) => ({ ...item, ...pending }))
    await route.fulfill({ response, json: answer })
  })
  // Left in place, letting every read through: unrouting could race a read held at that moment.
  return () => {
    holding = false
  }
}

/**
 * Whether the page is scrolled to the section: at the top of the window, or as near as the page goes (the
 * section is near its end: on a desktop, what follows it is shorter than the window).
 */
const scrolledTo = (section: Locator) =>
  section.evaluate((element) => {
    const top = element.getBoundingClientRect().top
    const atEnd = window.scrollY > 0 && window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1
    // A pixel above the window's top is still at it (layout in fractions of a pixel).
    return top > -1 && (top < 100 || (atEnd && top < window.innerHeight / 2))
  })

/** Built within seconds by the stack's worker; allowed more while the whole suite loads the machine. */
const built = { timeout: 60_000 }

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

describe('Export in the web app (issue #30)', { timeout: flowTimeout }, () => {
  it.concurrent('exports my data, shows it being prepared until ready, downloads it, opens it from its notification and deletes it', async ({
    expect,
  }) => {
    const user = await signUp({ displayName: 'Esme' })
    const project = await created('/projects', user, { name: 'Garden' })
    await created('/tasks', user, { projectId: project.id, title: 'Plant the beans' })
    await created('/tasks', user, { title: 'Water the beans' })
    const habit = await created('/habits', user, { name: 'Read' })
    const checkIn = await send('POST', `/habits/${habit.id}/check-ins`, { ...as(user), body: { status: 'done' } })
    expect(checkIn.status).toBeLessThan(300)

    const { page, done } = await openApp(browser, desktop, user, '/settings')
    const section = page.getByRole('region', { name: 'Export' })
    await section.getByText('No exports yet.').waitFor(firstScreen)
    await section.getByText('is deleted after 72 hours').waitFor()
    await markLoaded(page)
    const status = section.getByRole('status')
    const exportButton = section.getByRole('button', { name: 'Export my data' })

    // Asked for: shown being prepared (no second one meanwhile), then ready without a reload.
    const release = await holdPending(page)
    await exportButton.click()
    const item = section.getByRole('listitem')
    await item.getByText('Being prepared', { exact: true }).waitFor()
    await status.getByText('Preparing your export, which takes a few seconds.').waitFor()
    expect(await exportButton.isDisabled()).toBe(true)
    release()
    const [exported] = (await send('GET', '/exports', as(user))).body.items
    expect(exported).toBeDefined()
    await item.getByText('Ready', { exact: true }).waitFor(built)
    await status.getByText('Your export is ready to download.').waitFor()
    expect(await exportButton.isEnabled()).toBe(true)
    const ready = (await send('GET', `/exports/${exported.id}`, as(user))).body
    expect(ready.state).toBe('ready')
    const name = (await item.getAttribute('aria-label')) ?? ''
    expect(name).toMatch(/^Export of \d{1,2} \w{3}, \d\d:\d\d:\d\d$/)
    await item.getByText('tasks: 2, projects: 2, habits: 1, check-ins: 1 and').waitFor()
    await item.getByText(/^\d+(\.\d)? KB ZIP · available until \d{1,2} \w{3}, \d\d:\d\d:\d\d$/).waitFor()
    expect(await item.locator('time').nth(1).getAttribute('datetime')).toBe(ready.expiresAt)
    await expectAccessible(page, 'settings, export ready')
    await screenshot(page, 'settings-export')

    // Downloaded: a link asked for, followed; the ZIP arrives as an attachment, with its manifest, and the page stays.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByRole('button', { name: `Download ${name}` }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^focushub-export-\d{4}-\d\d-\d\d\.zip$/)
    const files = unzipSync(new Uint8Array(await readFile(await download.path())))
    const manifest = JSON.parse(strFromU8(files['manifest.json']))
    expect(manifest).toMatchObject({ format: 'focushub-export', exportId: exported.id, userId: user.userId })
    expect(manifest.files).toEqual(expect.arrayContaining([{ path: 'tasks/tasks.json', items: 2 }]))
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['tasks/tasks.json', 'tasks/tasks.csv']))
    expect(await stillLoaded(page)).toBe(true)
    expect(new URL(page.url()).pathname).toBe('/settings')

    // Its notification leads back to the section, scrolled to.
    await page.getByRole('link', { name: /^Notifications, \d+ unread$/ }).click()
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor()
    await page.getByRole('link', { name: 'Your export is ready' }).click()
    await section.waitFor()
    expect(new URL(page.url()).hash).toBe('#export')
    await expect.poll(() => scrolledTo(section)).toBe(true)

    // Deleted after a second step: gone here and at the API.
    await item.getByRole('button', { name: `Delete ${name}` }).click()
    await item.getByRole('button', { name: 'Keep' }).click()
    await item.getByRole('button', { name: `Delete ${name}` }).click()
    await item.getByRole('button', { name: 'Delete export' }).click()
    await section.getByText('No exports yet.').waitFor()
    expect((await send('GET', '/exports', as(user))).body.items).toEqual([])
    expect((await send('GET', `/exports/${exported.id}`, as(user))).status).toBe(404)
    await done()
  })

  it.concurrent('on a phone, says an export asked for elsewhere is being built (409) and refuses a sixth in a day (429)', async ({
    expect,
  }) => {
    const user = await signUp({ displayName: 'Farid' })
    await created('/tasks', user, { title: 'Call the plumber' })
    await created('/habits', user, { name: 'Stretch' })
    for (let made = 0; made < 4; made++) await builtExport(user)
    const { page, done } = await openApp(browser, phone, user, '/settings#export')
    const section = page.getByRole('region', { name: 'Export' })
    const items = section.getByRole('list', { name: 'Your exports' }).getByRole('listitem')
    await expect.poll(() => items.count(), firstScreen).toBe(4)
    await expect.poll(() => scrolledTo(section)).toBe(true)
    expect(await items.getByText('Ready', { exact: true }).count()).toBe(4)
    await expectAccessible(page, 'settings, exports on a phone')
    expect(await fitsPhone(page)).toBe(true)
    await screenshot(page, 'settings-export-phone')

    // One asked for on another device, unknown here: refused, and the list, read again, shows it being built
    // (and reads itself again until it is no longer: here it fails).
    const elsewhere = await exportBuildingElsewhere(user)
    try {
      await section.getByRole('button', { name: 'Export my data' }).click()
      await section.getByRole('alert').getByText('An export of yours is being built: wait for it').waitFor()
      await expect.poll(() => items.count()).toBe(5)
      const newest = items.first()
      expect(await newest.locator('time').first().getAttribute('datetime')).toBe(elsewhere.createdAt)
      await newest.getByText('Being prepared', { exact: true }).waitFor()
      await elsewhere.fail()
      await newest.getByText('Failed', { exact: true }).waitFor(built)
    } finally {
      await elsewhere.close()
    }

    // The sixth in 24 hours: the API's limit, in its words.
    await section.getByRole('button', { name: 'Export my data' }).click()
    await section.getByRole('alert').getByText('At most 5 exports in 24 hours').waitFor()
    expect(await items.count()).toBe(5)
    expect(await fitsPhone(page)).toBe(true)
    await done()
  })
})
