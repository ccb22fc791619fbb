import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createDatabase } from '@focushub/shared/db'
import { sql } from 'kysely'
import type { Browser } from 'playwright-core'
import { Webhook as Verifier } from 'standardwebhooks'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { eventually, send, signUp } from '../client.ts'
import {
  desktop,
  expectAccessible,
  firstScreen,
  fitsPhone,
  flowTimeout,
  launchBrowser,
  openApp,
  phone,
  screenshot,
} from './harness.ts'

/**
 * Issue #30's webhooks in Settings, against the local stack, whose notification-service sends to loopback
 * (WEBHOOK_ALLOW_PRIVATE_TARGETS=true): a receiver here, on 127.0.0.1, answers each path with the status
 * the test sets (204 unless told), and checks every request's signature with the secret the screen showed.
 */

interface Received {
  path: string
  headers: IncomingHttpHeaders
  body: string
}

function receiver() {
  const received: Received[] = []
  const statuses = new Map<string, number>()
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const path = request.url ?? '/'
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
      response.statusCode = statuses.get(path) ?? 204
      response.end()
    })
  })
  return {
    statuses,
    at: (path: string) => received.filter((request) => request.path === path),
    url: (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    start: () => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)),
    stop: () => new Promise((resolve) => server.close(resolve)),
  }
}

/** The request's payload, once its `webhook-signature` is checked with `secret` (it throws otherwise). */
const verified = (request: Received, secret: string) =>
  new Verifier(secret).verify(request.body, {
    'webhook-id': String(request.headers['webhook-id']),
    'webhook-timestamp': String(request.headers['webhook-timestamp']),
    'webhook-signature': String(request.headers['webhook-signature']),
  }) as { type: string; data: Record<string, unknown> }

/** The webhook as FocusHub leaves it after a day of failed deliveries (the retries run for 24 h, too long to wait). */
async function turnedOffForFailing(webhookId: string) {
  const db = createDatabase<unknown>({
    url:
      process.env.NOTIFICATION_DATABASE_URL ??
      'postgres://focushub_notifications:focushub_notifications_dev@127.0.0.1:5432/focushub_notifications',
    poolMax: 1,
  })
  try {
    await sql`update webhooks set enabled = false, disabled_reason = 'failing' where id = ${webhookId}::uuid`.execute(
      db,
    )
  } finally {
    await db.destroy()
  }
}

let browser: Browser
const hooks = receiver()

beforeAll(async () => {
  browser = await launchBrowser()
  await hooks.start()
})

afterAll(async () => {
  await browser?.close()
  await hooks.stop()
})

describe('Webhooks in the web app (issue #30)', { timeout: flowTimeout }, () => {
  it.concurrent('creates a webhook with its secret shown once, tests it, replays a failed delivery, turns it off and on, rotates its secret and deletes it', async ({
    expect,
  }) => {
    const user = await signUp({ displayName: 'Wren' })
    const path = `/hooks/${user.userId}`
    const { page, done } = await openApp(browser, desktop, user, '/settings')
    const section = page.getByRole('region', { name: 'Webhooks' })
    await section.getByText('No webhooks yet.').waitFor(firstScreen)
    const form = section.getByRole('form', { name: 'New webhook' })

    // Nothing filled in: the API's refusals, under the fields they name.
    await form.getByRole('button', { name: 'Create webhook' }).click()
    await form.getByText('Enter the whole URL, starting with https://').waitFor()
    await form.getByText('Choose at least one event.').waitFor()
    expect(await form.getByLabel('URL').getAttribute('aria-invalid')).toBe('true')

    await form.getByLabel('URL').fill(hooks.url(path))
    await form.getByLabel('Description').fill('Task sync')
    await form.getByRole('group', { name: 'Tasks' }).getByLabel('Task created').check()
    await form.getByRole('button', { name: 'Create webhook' }).click()

    // The secret, once, in the new webhook's item.
    const item = section.getByRole('listitem', { name: 'Task sync' })
    const notice = item.getByRole('status', { name: 'Secret of Task sync' })
    await notice.getByText('it will not be shown again').waitFor()
    const secret = (await notice.locator('output').innerText()).trim()
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/)
    await item.getByText('My events: Task created').waitFor()
    await item.getByText(`${secret.slice(0, 12)}…`, { exact: true }).waitFor()
    expect(await form.getByLabel('URL').inputValue()).toBe('')

    // A test: the log opens and shows it delivered; the receiver got it signed with that secret.
    await item.getByRole('button', { name: 'Send test to Task sync' }).click()
    const log = item.getByRole('region', { name: 'Deliveries of Task sync' })
    const ping = log.getByRole('listitem').filter({ hasText: 'webhook.ping' })
    await ping.getByText('Delivered', { exact: true }).waitFor()
    await ping.getByText(/Answered 204 in \d+ ms · 1 attempt/).waitFor()
    const [pinged] = await eventually(
      async () => hooks.at(path),
      (requests) => requests.length >= 1,
    )
    expect(verified(pinged, secret)).toMatchObject({ type: 'webhook.ping' })

    // A task created answered with a 500: the log shows the failed attempt, waiting for its retry.
    hooks.statuses.set(path, 500)
    const task = await send('POST', '/tasks', { authorization: user.authorization, body: { title: 'Sent out' } })
    expect(task.status).toBe(201)
    const created = log.getByRole('listitem').filter({ hasText: 'task.created' })
    await created.getByText('Pending', { exact: true }).waitFor()
    await created.getByText(/Answered 500 in \d+ ms · \d attempts? · next try/).waitFor()
    await created.getByRole('button', { name: 'Show attempts' }).click()
    const attempts = created.getByRole('list', { name: 'Attempts' })
    await attempts.getByText(/^Attempt 1 · .* · answered 500 · \d+ ms$/).waitFor()

    // The receiver fixed, replayed: delivered, with the same id, the last attempt answered 204.
    hooks.statuses.set(path, 204)
    const sentBefore = hooks.at(path).length
    const replayed = page.waitForResponse((response) => response.url().endsWith('/replay'))
    await created.getByRole('button', { name: 'Replay' }).click()
    expect((await replayed).status()).toBe(202)
    await eventually(
      async () => hooks.at(path).length,
      (count) => count > sentBefore,
    )
    await created.getByText('Delivered', { exact: true }).waitFor()
    await attempts.getByText(/answered 204/).waitFor()
    const sent = hooks.at(path).filter((request) => verified(request, secret).type === 'task.created')
    expect(sent.length).toBeGreaterThanOrEqual(2)
    expect(new Set(sent.map((request) => request.headers['webhook-id'])).size).toBe(1)
    expect(sent.at(-1)?.headers['webhook-id']).toBe(sent[0].headers['webhook-id'])
    expect(verified(sent[0], secret).data).toMatchObject({ taskId: task.body.id })
    await expectAccessible(page, 'settings, webhooks')
    await screenshot(page, 'settings-webhooks')

    // Shown once: closed, it is gone from the page.
    await notice.getByRole('button', { name: 'Done' }).click()
    await notice.waitFor({ state: 'detached' })
    expect(await page.getByText(secret).count()).toBe(0)

    // Off: no test to send; on again.
    await item.getByRole('button', { name: 'Turn off Task sync' }).click()
    await item.getByText('Off', { exact: true }).waitFor()
    expect(await item.getByRole('button', { name: 'Send test to Task sync' }).count()).toBe(0)
    expect((await send('GET', '/webhooks', { authorization: user.authorization })).body.items[0].enabled).toBe(false)
    await item.getByRole('button', { name: 'Turn on Task sync' }).click()
    await item.getByText('On', { exact: true }).waitFor()
    expect((await send('GET', '/webhooks', { authorization: user.authorization })).body.items[0].enabled).toBe(true)

    // A new secret, once; the old one still signs the next request beside it.
    await item.getByRole('button', { name: 'Rotate secret of Task sync' }).click()
    const rotated = item.getByRole('status', { name: 'New secret for Task sync' })
    const newSecret = (await rotated.locator('output').innerText()).trim()
    expect(newSecret).toMatch(/^whsec_/)
    expect(newSecret).not.toBe(secret)
    await item.getByText(/The previous secret also signs until/).waitFor()
    const before = hooks.at(path).length
    await item.getByRole('button', { name: 'Send test to Task sync' }).click()
    const [again] = (
      await eventually(
        async () => hooks.at(path),
        (requests) => requests.length > before,
      )
    ).slice(before)
    expect(String(again.headers['webhook-signature']).split(' ')).toHaveLength(2)
    expect(verified(again, newSecret).type).toBe('webhook.ping')
    expect(verified(again, secret).type).toBe('webhook.ping')

    // Deleted after a second step.
    await item.getByRole('button', { name: 'Delete Task sync' }).click()
    await item.getByRole('button', { name: 'Keep' }).click()
    await item.getByRole('button', { name: 'Delete Task sync' }).click()
    await item.getByRole('button', { name: 'Delete webhook' }).click()
    await section.getByText('No webhooks yet.').waitFor()
    expect((await send('GET', '/webhooks', { authorization: user.authorization })).body.items).toEqual([])
    await done()
  })

  it.concurrent("says a webhook FocusHub turned off, offers a project's events to its owner, and fits a phone", async ({
    expect,
  }) => {
    const user = await signUp({ displayName: 'Noor' })
    const project = await send('POST', '/projects', { authorization: user.authorization, body: { name: 'Garden' } })
    expect(project.status).toBe(201)
    const path = `/phone/${user.userId}`
    const webhook = await send('POST', '/webhooks', {
      authorization: user.authorization,
      body: {
        url: hooks.url(`${path}/a-rather-long-path-that-a-phone-has-to-wrap-somewhere-or-other`),
        description: 'Everything, for the dashboard on the kitchen wall',
        eventTypes: ['task.created', 'focus.session.completed', 'habit.checked_in'],
      },
    })
    expect(webhook.status).toBe(201)
    const ping = await send('POST', `/webhooks/${webhook.body.id}/ping`, { authorization: user.authorization })
    expect(ping.status).toBe(202)
    await eventually(
      async () => hooks.at(`${path}/a-rather-long-path-that-a-phone-has-to-wrap-somewhere-or-other`),
      (requests) => requests.length === 1,
    )
    await turnedOffForFailing(webhook.body.id)

    // As the webhook_disabled notification links to it: Settings, scrolled to the section.
    const { page, done } = await openApp(browser, phone, user, '/settings#webhooks')
    const section = page.getByRole('region', { name: 'Webhooks' })
    const item = section.getByRole('listitem', { name: 'Everything, for the dashboard on the kitchen wall' })
    await item.getByText('Turned off by FocusHub after failing deliveries').waitFor(firstScreen)
    await expect
      .poll(() => section.evaluate((element) => Math.round(element.getBoundingClientRect().top)))
      .toBeLessThan(100)
    await item.getByText('My events: Task created, Session completed, Habit checked in').waitFor()
    expect(await item.getByRole('button', { name: /^Send test/ }).count()).toBe(0)

    await item.getByRole('button', { name: /^Deliveries/ }).click()
    const delivery = item.getByRole('listitem').filter({ hasText: 'webhook.ping' })
    await delivery.getByText('Delivered', { exact: true }).waitFor()
    expect(await delivery.getByRole('button', { name: 'Replay' }).count()).toBe(0)
    await delivery.getByRole('button', { name: 'Show attempts' }).click()
    await delivery.getByText(/^Attempt 1 · .* · answered 204/).waitFor()

    // A project I own: only its own events are offered.
    const form = section.getByRole('form', { name: 'New webhook' })
    expect(await form.getByRole('group', { name: 'Focus' }).count()).toBe(1)
    await form.getByLabel('Events of').selectOption({ label: 'Project Garden' })
    expect(await form.getByRole('group', { name: 'Focus' }).count()).toBe(0)
    expect(await form.getByRole('group', { name: 'Habits' }).count()).toBe(0)
    await form.getByLabel('Member joined a project').waitFor()

    await expectAccessible(page, 'settings, webhooks on a phone')
    expect(await fitsPhone(page)).toBe(true)
    await screenshot(page, 'settings-webhooks-phone')

    // Turned on again, it no longer says why it was off.
    await item.getByRole('button', { name: /^Turn on/ }).click()
    await item.getByText('On', { exact: true }).waitFor()
    expect(await item.getByText('Turned off by FocusHub').count()).toBe(0)
    await item.getByRole('button', { name: /^Send test/ }).waitFor()
    await done()
  })
})
