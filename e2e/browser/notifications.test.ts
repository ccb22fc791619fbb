import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { type SignedUp, send, signUp } from '../client.ts'
import {
  desktop,
  expectAccessible,
  fitsPhone,
  launchBrowser,
  openApp,
  phone,
  screenshot,
  watchLayoutShifts,
} from './harness.ts'

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

/** The notifications a user's events become pass through Kafka twice (the cause, then notification.created). */
const throughKafka = { timeout: 30_000 }

const today = (page: Page) => page.getByRole('heading', { name: 'Today', level: 1 }).waitFor()
const live = (page: Page) => page.getByRole('status').filter({ hasText: 'Live updates on' }).waitFor()
const bell = (page: Page, unread: number) => page.getByRole('link', { name: `Notifications, ${unread} unread` })
const item = (page: Page, title: string) => page.getByRole('listitem').filter({ hasText: title })

/** A mark a reload would wipe: what shows after it came without one. */
const markPage = (page: Page) => page.evaluate(() => Object.assign(window, { notificationTestMark: true }))
const reloaded = async (page: Page) => !(await page.evaluate(() => 'notificationTestMark' in window))

/** `owner` invites `invitee` to a new project named `name`: the invitee is told ("Invitation to <name>"). */
async function invite(owner: SignedUp, invitee: SignedUp, name: string) {
  const project = await send('POST', '/projects', { authorization: owner.authorization, body: { name } })
  if (project.status !== 201) throw new Error(`project answered ${project.status}`)
  const invited = await send('POST', `/projects/${project.body.id}/invitations`, {
    authorization: owner.authorization,
    body: { email: invitee.email, role: 'editor' },
  })
  if (invited.status !== 202) throw new Error(`invitation answered ${invited.status}`)
}

/** `owner` logs a past session and shares it with `recipient` by e-mail: the recipient is told. */
async function shareSession(owner: SignedUp, recipient: SignedUp) {
  const now = Date.now()
  const session = await send('POST', '/focus/sessions/manual', {
    authorization: owner.authorization,
    body: { startedAt: new Date(now - 30 * 60_000).toISOString(), endedAt: new Date(now - 60_000).toISOString() },
  })
  if (session.status !== 201) throw new Error(`session answered ${session.status}`)
  const shared = await send('POST', `/focus/sessions/${session.body.id}/shares`, {
    authorization: owner.authorization,
    body: { emails: [recipient.email] },
  })
  if (shared.status >= 300) throw new Error(`share answered ${shared.status}: ${JSON.stringify(shared.body)}`)
}

const unreadCount = async (user: SignedUp) =>
  (await send('GET', '/notifications/unread-count', { authorization: user.authorization })).body.unread as number

/** The message a field shows under it (the element its aria-describedby names), once it is marked invalid. */
async function messageUnder(page: Page, field: Locator) {
  await field.and(page.locator('[aria-invalid="true"]')).waitFor()
  return page.locator(`[id="${await field.getAttribute('aria-describedby')}"]`).innerText()
}

describe('notifications in the web app', { timeout: 120_000 }, () => {
  it.concurrent('counts new notifications live on the bell, opens the inbox, reads, reads all and deletes', async ({
    expect,
  }) => {
    const [owner, user] = await Promise.all([signUp({ displayName: 'Olga' }), signUp({ displayName: 'Ivan' })])
    const { page, done } = await openApp(browser, desktop, user)
    await today(page)
    await live(page)
    await bell(page, 0).waitFor()
    await markPage(page)
    const shifts = await watchLayoutShifts(page)

    // Told by other users' acts: the bell counts each one without a reload, and moves nothing.
    await invite(owner, user, 'Garden')
    await bell(page, 1).waitFor(throughKafka)
    await shareSession(owner, user)
    await bell(page, 2).waitFor(throughKafka)
    await invite(owner, user, 'Kitchen')
    await bell(page, 3).waitFor(throughKafka)
    expect(await shifts()).toBeLessThan(0.01)
    expect(await reloaded(page)).toBe(false)

    // The inbox, newest first: title (a link to what it is about), body and time.
    await bell(page, 3).click()
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor()
    const titles = page.getByRole('listitem').getByRole('heading')
    await expect
      .poll(() => titles.allTextContents())
      .toEqual([
        'Unread: Invitation to Kitchen',
        'Unread: A focus session was shared with you',
        'Unread: Invitation to Garden',
      ])
    await item(page, 'Invitation to Garden').getByText('as an editor').waitFor()
    expect(await item(page, 'Invitation to Garden').locator('time').getAttribute('datetime')).toMatch(/^\d{4}-/)
    await page.getByRole('status').filter({ hasText: '3 unread' }).waitFor()
    await expectAccessible(page, 'notifications')
    await screenshot(page, 'notifications')

    // Marked read with its button: the bell drops; unread first puts it last.
    await page.getByRole('button', { name: 'Mark read: A focus session was shared with you' }).click()
    await bell(page, 2).waitFor()
    await page.getByRole('button', { name: 'Unread first', pressed: false }).click()
    await page.getByRole('button', { name: 'Unread first', pressed: true }).waitFor()
    expect(new URL(page.url()).search).toBe('?order=unread')
    await expect
      .poll(() => titles.allTextContents())
      .toEqual(['Unread: Invitation to Kitchen', 'Unread: Invitation to Garden', 'A focus session was shared with you'])
    expect(await unreadCount(user)).toBe(2)

    // Opened: it is read, and it leads to what it is about.
    await page.getByRole('link', { name: 'Invitation to Garden' }).click()
    await page.getByRole('heading', { name: 'Invitations', level: 1 }).waitFor()
    await bell(page, 1).waitFor()
    await expect.poll(() => unreadCount(user)).toBe(1)
    await page.keyboard.press('n')
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor()
    await item(page, 'Invitation to Kitchen')
      .getByRole('button', { name: /^Mark read/ })
      .waitFor()

    // A refused delete is put back, with the API's message.
    await page.route('**/api/v1/notifications/*', (route) =>
      route.request().method() === 'DELETE'
        ? route.fulfill({
            status: 503,
            contentType: 'application/problem+json',
            body: JSON.stringify({
              type: 'about:blank',
              title: 'Service Unavailable',
              status: 503,
              detail: 'The inbox is resting',
            }),
          })
        : route.fallback(),
    )
    await page.getByRole('button', { name: 'Delete: Invitation to Kitchen' }).click()
    await page.getByRole('alert').filter({ hasText: 'The inbox is resting' }).waitFor()
    await item(page, 'Invitation to Kitchen').waitFor()
    await bell(page, 1).waitFor()
    await page.unroute('**/api/v1/notifications/*')

    // Deleted; then every other one marked read.
    await page.getByRole('button', { name: 'Delete: Invitation to Kitchen' }).click()
    await item(page, 'Invitation to Kitchen').waitFor({ state: 'detached' })
    await bell(page, 0).waitFor()
    await page.getByRole('button', { name: 'Delete: Invitation to Garden' }).click()
    await item(page, 'Invitation to Garden').waitFor({ state: 'detached' })
    await invite(owner, user, 'Attic')
    await item(page, 'Invitation to Attic').waitFor(throughKafka)
    await bell(page, 1).waitFor()
    await page.getByRole('button', { name: 'Mark all read' }).click()
    await bell(page, 0).waitFor()
    await page.getByRole('status').filter({ hasText: 'All read.' }).waitFor()
    expect(await page.getByRole('button', { name: /^Mark read/ }).count()).toBe(0)
    // The screen says so at once (optimistic); the API once the write is in.
    const readStates = async () =>
      (await send('GET', '/notifications', { authorization: user.authorization })).body.items.map(
        (each: { title: string; readAt: string | null }) => [each.title, each.readAt !== null],
      )
    await expect.poll(readStates).toEqual([
      ['Invitation to Attic', true],
      ['A focus session was shared with you', true],
    ])
    expect(await reloaded(page)).toBe(false)
    await done()
  })

  it.concurrent('pages through the inbox with Load more on a 360 px phone, from empty', async ({ expect }) => {
    const [owner, user] = await Promise.all([signUp({ displayName: 'Olga' }), signUp({ displayName: 'Grace' })])
    const { page, done } = await openApp(browser, phone, user, '/notifications')
    await page.getByText('Nothing here yet.').waitFor()
    await live(page)
    expect(await fitsPhone(page)).toBe(true)
    await expectAccessible(page, 'empty notifications at 360 px')

    // Three at first (shown live in the open inbox), then 19 more: a page of 20, then Load more.
    for (const number of [1, 2, 3]) await invite(owner, user, `Project ${number}`)
    await item(page, 'Invitation to Project 3').waitFor(throughKafka)
    await bell(page, 3).waitFor(throughKafka)
    await expect.poll(() => page.getByRole('listitem').count()).toBe(3)
    expect(await fitsPhone(page)).toBe(true)
    await expectAccessible(page, 'notifications at 360 px')
    await screenshot(page, 'notifications-phone')
    await page.emulateMedia({ colorScheme: 'dark' })
    await expectAccessible(page, 'notifications at 360 px, dark')
    await page.emulateMedia({ colorScheme: 'light' })
    for (let number = 4; number <= 22; number += 1) await invite(owner, user, `Project ${number}`)
    await bell(page, 22).waitFor(throughKafka)
    await item(page, 'Invitation to Project 22').waitFor()
    await expect.poll(() => page.getByRole('listitem').count()).toBe(20)
    expect(await fitsPhone(page)).toBe(true)
    await page.getByRole('button', { name: 'Load more' }).click()
    await page.getByRole('link', { name: 'Invitation to Project 1', exact: true }).waitFor()
    await expect.poll(() => page.getByRole('listitem').count()).toBe(22)
    await page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' })
    await done()
  })

  it.concurrent('saves notification settings (an empty time said under its field) and keeps them across a reload', async ({
    expect,
  }) => {
    const user = await signUp({ displayName: 'Ada' })
    const { page, done } = await openApp(browser, desktop, user, '/settings')
    await page.getByRole('heading', { name: 'Notifications', level: 2 }).waitFor()
    const section = page.getByRole('region', { name: 'Notifications' })
    const emailOfInvitations = section.getByRole('switch', { name: 'E-mail: Project invitation' })
    await expect.poll(() => emailOfInvitations.isChecked()).toBe(true)
    expect(await section.getByRole('switch', { name: 'In-app: Achievement unlocked' }).isChecked()).toBe(true)

    await section.getByRole('switch', { name: 'In-app: Achievement unlocked' }).uncheck()
    await section.getByRole('switch', { name: 'E-mail: Daily goal reached' }).check()
    await emailOfInvitations.uncheck()
    await section.getByRole('switch', { name: 'Mute all notifications' }).check()
    await section.getByRole('switch', { name: 'Quiet hours' }).check()
    const from = section.getByLabel('From')
    const until = section.getByLabel('Until')
    await from.fill('21:30')
    await until.fill('')
    await section.getByRole('button', { name: 'Update notifications' }).click()
    expect(await messageUnder(page, until)).toBe('Enter a time.')
    await until.fill('06:45')
    await section.getByRole('switch', { name: 'Daily agenda', exact: true }).check()
    await section.getByLabel('Agenda time').fill('07:15')
    await section.getByLabel('Review day').selectOption('7')
    await section.getByLabel('Review time').fill('18:30')
    await section.getByRole('button', { name: 'Update notifications' }).click()
    await section.getByRole('status').filter({ hasText: 'Notifications updated.' }).waitFor()

    const saved = await send('GET', '/notification-settings', { authorization: user.authorization })
    expect(saved.body).toEqual({
      muted: true,
      quietHours: { start: '21:30', end: '06:45' },
      kinds: {
        achievement_unlocked: { inApp: false, email: false },
        daily_goal_reached: { inApp: true, email: true },
        focus_session_shared: { inApp: true, email: false },
        project_invitation: { inApp: true, email: false },
        task_reminder: { inApp: true, email: true },
        daily_agenda: { inApp: true, email: true },
        streak_at_risk: { inApp: true, email: false },
        weekly_review: { inApp: true, email: true },
        friend_request: { inApp: true, email: true },
        friend_accepted: { inApp: true, email: false },
        new_follower: { inApp: true, email: false },
        direct_message: { inApp: true, email: false },
        webhook_disabled: { inApp: true, email: true },
        export_ready: { inApp: true, email: true },
      },
      defaultReminderMinutes: null,
      agenda: { enabled: true, time: '07:15' },
      streakNudge: { enabled: true, time: '20:00' },
      weeklyReview: { enabled: true, weekday: 7, time: '18:30' },
    })

    await page.reload()
    await page.getByRole('heading', { name: 'Notifications', level: 2 }).waitFor()
    await expect.poll(() => section.getByRole('switch', { name: 'Mute all notifications' }).isChecked()).toBe(true)
    expect(await section.getByRole('switch', { name: 'In-app: Achievement unlocked' }).isChecked()).toBe(false)
    expect(await section.getByRole('switch', { name: 'E-mail: Daily goal reached' }).isChecked()).toBe(true)
    expect(await emailOfInvitations.isChecked()).toBe(false)
    expect(await from.inputValue()).toBe('21:30')
    expect(await until.inputValue()).toBe('06:45')
    expect(await section.getByLabel('Agenda time').inputValue()).toBe('07:15')
    expect(await section.getByLabel('Review day').inputValue()).toBe('7')
    expect(await section.getByLabel('Review time').inputValue()).toBe('18:30')
    await expectAccessible(page, 'notification settings')
    await screenshot(page, 'notification-settings')
    await page.emulateMedia({ colorScheme: 'dark' })
    await expectAccessible(page, 'notification settings, dark')

    // Quiet hours off again: saved as none.
    await section.getByRole('switch', { name: 'Quiet hours' }).uncheck()
    await expect.poll(() => from.count()).toBe(0)
    await section.getByRole('button', { name: 'Update notifications' }).click()
    await expect
      .poll(
        async () =>
          (await send('GET', '/notification-settings', { authorization: user.authorization })).body.quietHours,
      )
      .toBeNull()
    await done()
  })
})
