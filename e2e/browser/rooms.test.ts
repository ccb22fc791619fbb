// Focus rooms in the web app (issue #25): a host and two participants, each in a browser context of
// their own, in one private room joined by an invite link — everyone sees everyone, one shared timer,
// the chat as plain text, a participant removed — and the directory of public rooms on a phone.
import { randomUUID } from 'node:crypto'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { type SignedUp, send, signUp } from '../client.ts'
import {
  appUrl,
  desktop,
  expectAccessible,
  firstScreen,
  fitsPhone,
  flowTimeout,
  launchBrowser,
  liveOn,
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

const roomHeading = (page: Page, name: string) => page.getByRole('heading', { name, level: 1 }).waitFor(firstScreen)
const participants = (page: Page) => page.getByRole('list', { name: 'Participants' }).getByRole('listitem')
const chat = (page: Page) => page.getByRole('log', { name: 'Messages' })

/** The shared timer's time left as shown, in seconds. */
async function shownSeconds(page: Page) {
  const [minutes, seconds] = (await page.getByRole('timer', { name: 'Time left' }).innerText()).split(':').map(Number)
  return minutes * 60 + seconds
}

/** The page as hidden (another tab in front) or shown again, as the browser tells it. */
const setHidden = (page: Page, hidden: boolean) =>
  page.evaluate((hidden) => {
    Object.defineProperty(document, 'visibilityState', { value: hidden ? 'hidden' : 'visible', configurable: true })
    document.dispatchEvent(new Event('visibilitychange'))
  }, hidden)

/** A public room of `host`'s, created through the API. */
async function publicRoom(host: SignedUp, name: string, tags: string[]) {
  const created = await send('POST', '/focus/rooms', {
    authorization: host.authorization,
    body: { name, visibility: 'public', capacity: 8, tags },
  })
  if (created.status !== 201) throw new Error(`room answered ${created.status}: ${JSON.stringify(created.body)}`)
  return created.body.id as string
}

describe('focus rooms in the web app', () => {
  it.concurrent(
    'a host and two participants in one private room: invite link, presence, shared timer, chat, removal',
    async ({ expect }) => {
      const [host, alice, bob] = await Promise.all([
        signUp({ displayName: 'Hanna' }),
        signUp({ displayName: 'Alice' }),
        signUp({ displayName: 'Bob' }),
      ])
      const name = `Deep work ${randomUUID().slice(0, 6)}`

      // The host creates a private room from the form, on their own timer plan.
      const hosting = await openApp(browser, desktop, host, '/rooms')
      const hostPage = hosting.page
      await hostPage.getByRole('heading', { name: 'Rooms', level: 1 }).waitFor(firstScreen)
      await expect.poll(() => hostPage.getByLabel('Focus (minutes)').inputValue()).toBe('25')
      await hostPage.getByRole('region', { name: 'Create a room' }).getByLabel('Name').fill(name)
      await hostPage.getByLabel('Who can find it').selectOption('private')
      await hostPage.getByLabel('Capacity (2–50 people)').fill('5')
      await hostPage.getByLabel('Tags (up to 5, separated by spaces)').fill('Study deep-work')
      await hostPage.getByRole('button', { name: 'Create room' }).click()
      await roomHeading(hostPage, name)
      await hostPage.getByText('Private · 1 of 5 · study, deep-work').waitFor()
      await liveOn(hostPage)

      // An invite link, copied.
      await hostPage
        .context()
        .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(appUrl).origin })
      await hostPage.getByRole('button', { name: 'Create invite link' }).click()
      const linkField = hostPage.getByLabel('New invite link (shown only once: copy it now)')
      await linkField.waitFor()
      await hostPage.getByRole('button', { name: 'Copy link' }).click()
      await hostPage.getByRole('status').filter({ hasText: 'Copied.' }).waitFor()
      const link = await hostPage.evaluate(() => navigator.clipboard.readText())
      expect(link).toBe(await linkField.inputValue())
      expect(link).toMatch(/\/rooms\/join#[\w-]{43}$/)
      await hostPage
        .getByRole('list', { name: 'Invite links' })
        .getByRole('listitem')
        .getByText(/^Expires/)
        .waitFor()

      // The others open it and are in the room.
      const path = new URL(link).pathname + new URL(link).hash
      const others = await Promise.all([openApp(browser, desktop, alice, path), openApp(browser, desktop, bob, path)])
      const [alicePage, bobPage] = others.map((each) => each.page)
      const pages = [hostPage, alicePage, bobPage]
      for (const page of [alicePage, bobPage]) {
        await roomHeading(page, name)
        expect(new URL(page.url()).pathname).toMatch(/^\/rooms\/[0-9a-f-]{36}$/)
        expect(new URL(page.url()).hash).toBe('')
        await liveOn(page)
      }

      // Everyone sees everyone, the host marked.
      for (const page of pages) {
        await expect.poll(() => participants(page).count()).toBe(3)
        for (const person of ['Hanna', 'Alice', 'Bob']) await participants(page).filter({ hasText: person }).waitFor()
        await participants(page).filter({ hasText: 'Hanna' }).getByText('Host', { exact: true }).waitFor()
      }
      await participants(alicePage).filter({ hasText: 'Alice (you)' }).waitFor()
      // Only the host controls the timer here.
      expect(await alicePage.getByRole('button', { name: 'Start' }).isDisabled()).toBe(true)
      await alicePage.getByText('Only the host controls the timer.').waitFor()

      // The host starts the shared timer: every context shows the running work phase with the same time left.
      const shifts = await watchLayoutShifts(alicePage)
      await hostPage.getByRole('button', { name: 'Start' }).click()
      for (const page of pages) {
        await page.getByText('Focus, cycle 1', { exact: true }).waitFor()
        await page.getByRole('button', { name: 'Pause' }).waitFor()
      }
      const shown = await Promise.all(pages.map(shownSeconds))
      expect(Math.max(...shown) - Math.min(...shown)).toBeLessThanOrEqual(2)
      expect(Math.min(...shown)).toBeGreaterThan(24 * 60)
      for (const page of pages)
        await expect.poll(() => participants(page).filter({ hasText: 'Focusing' }).count()).toBe(3)
      // It counts down, second by second, and nothing moves as it does.
      const before = await shownSeconds(alicePage)
      await expect.poll(() => shownSeconds(alicePage), { timeout: 5000 }).toBeLessThan(before)
      expect(await shifts()).toBeLessThan(0.01)
      await alicePage.getByRole('status').filter({ hasText: 'My session is running' }).waitFor()

      // Paused, everyone shows the time the server froze; resumed, it counts again.
      await hostPage.getByRole('button', { name: 'Pause' }).click()
      for (const page of pages) await page.getByText('Focus, cycle 1 · paused', { exact: true }).waitFor()
      const frozen = await Promise.all(pages.map(shownSeconds))
      expect(new Set(frozen).size).toBe(1)
      await hostPage.getByRole('button', { name: 'Resume' }).click()
      for (const page of pages) await page.getByText('Focus, cycle 1', { exact: true }).waitFor()

      // A message from Alice shows in the others' chat as the text she typed, never as markup.
      await alicePage.getByRole('textbox', { name: 'Message' }).fill('<b>hi</b> & welcome')
      await alicePage.getByRole('textbox', { name: 'Message' }).press('Enter')
      for (const page of pages) {
        await chat(page).getByText('<b>hi</b> & welcome', { exact: true }).waitFor()
        expect(await chat(page).locator('b').count()).toBe(0)
      }
      await chat(hostPage)
        .getByRole('listitem')
        .filter({ hasText: 'Alice' })
        .getByText('<b>hi</b>', { exact: false })
        .waitFor()
      // Muted by the host, Alice is told so by the composer, and her message is not sent.
      await hostPage.getByRole('button', { name: 'Mute Alice' }).click()
      await participants(hostPage).filter({ hasText: 'Alice' }).getByText('Muted', { exact: true }).waitFor()
      await participants(alicePage).filter({ hasText: 'Alice (you)' }).getByText('Muted', { exact: true }).waitFor()
      await alicePage.getByRole('textbox', { name: 'Message' }).fill('can you hear me?')
      await alicePage.getByRole('button', { name: 'Send' }).click()
      await alicePage.getByRole('alert').filter({ hasText: 'The host muted you in this room' }).waitFor()
      expect(await alicePage.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('can you hear me?')
      await hostPage.getByRole('button', { name: 'Unmute Alice' }).click()
      await participants(alicePage).filter({ hasText: 'Alice (you)' }).getByText('Muted', { exact: true }).waitFor({
        state: 'detached',
      })
      await expectAccessible(alicePage, 'a room, as a participant')
      await expectAccessible(hostPage, 'a room, as its host')
      await screenshot(hostPage, 'room')

      // Bob's page is hidden: the others see him away, then back when it shows again.
      await setHidden(bobPage, true)
      const bobRow = participants(hostPage).filter({ hasText: 'Bob' })
      await bobRow.getByText('Away', { exact: true }).waitFor()
      await setHidden(bobPage, false)
      await bobRow.getByText('Focusing', { exact: true }).waitFor()

      // The host removes Bob: his screen leaves the room and says so; the others see two.
      await hostPage.getByRole('button', { name: 'Remove Bob' }).click()
      await bobPage.getByRole('alert').filter({ hasText: 'The host removed you from this room.' }).waitFor()
      expect(await bobPage.getByRole('log', { name: 'Messages' }).count()).toBe(0)
      for (const page of [hostPage, alicePage]) await expect.poll(() => participants(page).count()).toBe(2)
      expect(
        (
          await send('GET', `/focus/rooms/${new URL(hostPage.url()).pathname.split('/').at(-1)}`, {
            authorization: bob.authorization,
          })
        ).status,
      ).toBe(404)

      await Promise.all([hosting.done(), ...others.map((each) => each.done())])
    },
    flowTimeout,
  )

  it.concurrent(
    'the directory finds a public room by name and by tag, on a phone, and joining it shows the room',
    async ({ expect }) => {
      const [host, user] = await Promise.all([signUp({ displayName: 'Grace' }), signUp({ displayName: 'Lin' })])
      const suffix = randomUUID().slice(0, 6)
      const name = `Writers corner ${suffix}`
      const tag = `write-${suffix}`
      await publicRoom(host, name, ['writing', tag])

      const { page, done } = await openApp(browser, phone, user, '/rooms')
      await page.getByRole('heading', { name: 'Rooms', level: 1 }).waitFor(firstScreen)
      const directory = page
        .getByRole('list', { name: 'Public rooms' })
        .getByRole('listitem')
        .filter({ has: page.getByRole('link') })
      const search = page.getByRole('search')
      await search.getByLabel('Name').fill(`corner ${suffix.toUpperCase()}`)
      await expect.poll(() => directory.allInnerTexts()).toEqual([expect.stringContaining(name)])
      await directory.first().getByText('1 of 8 in it · Timer not running').waitFor()
      await search.getByLabel('Name').fill('')
      await search.getByLabel('Tag').fill(tag)
      await expect.poll(() => directory.allInnerTexts()).toEqual([expect.stringContaining(name)])
      await search.getByLabel('Tag').fill(`${tag}-none`)
      await page.getByText('No open room matches.').waitFor()
      await search.getByLabel('Tag').fill(tag)
      await directory.first().waitFor()
      expect(await fitsPhone(page)).toBe(true)
      await expectAccessible(page, 'the rooms directory')
      await screenshot(page, 'rooms-phone')

      // A public room shows to anyone; joining puts me in it, with the chat and my part.
      await directory.first().getByRole('link', { name }).click()
      await roomHeading(page, name)
      await page.getByRole('button', { name: 'Join room' }).click()
      await page.getByRole('button', { name: 'Leave room' }).waitFor()
      await participants(page).filter({ hasText: 'Lin (you)' }).waitFor()
      await page.getByLabel('Focus with the shared timer').waitFor()
      await chat(page).getByText('No messages yet.').waitFor()
      expect(await fitsPhone(page)).toBe(true)
      await expectAccessible(page, 'a room on a phone')
      await screenshot(page, 'room-phone')

      // Rooms says which room I am in.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rooms' }).click()
      await page
        .getByRole('status')
        .filter({ hasText: `You are in ${name}` })
        .getByRole('link', { name })
        .click()
      await page.getByRole('button', { name: 'Leave room' }).click()
      await page.getByRole('heading', { name: 'Rooms', level: 1 }).waitFor()
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'You are in' }).count()).toBe(0)
      await done()
    },
    flowTimeout,
  )

  it.concurrent(
    'the directory on a desktop, an invite link that is not valid, and an invitation arriving live',
    async ({ expect }) => {
      const [host, inviter, user] = await Promise.all([
        signUp({ displayName: 'Ines' }),
        signUp({ displayName: 'Kofi' }),
        signUp({ displayName: 'Omar' }),
      ])
      const suffix = randomUUID().slice(0, 6)
      await publicRoom(host, `Morning sprint ${suffix}`, ['sprint'])
      const { page, done } = await openApp(browser, desktop, user, `/rooms/join#${'x'.repeat(43)}`)
      await page.getByRole('alert').filter({ hasText: 'This invite link is not valid.' }).waitFor(firstScreen)
      await page.getByRole('link', { name: 'All rooms' }).click()
      await page.getByRole('heading', { name: 'Rooms', level: 1 }).waitFor()
      await page.getByRole('search').getByLabel('Name').fill(`sprint ${suffix}`)
      await page.getByRole('link', { name: `Morning sprint ${suffix}` }).waitFor()
      await page.getByRole('button', { name: 'Create room' }).waitFor()

      // Invited to a private room by e-mail: the invitation shows without a reload, and joins.
      await liveOn(page)
      const thesis = await send('POST', '/focus/rooms', {
        authorization: inviter.authorization,
        body: { name: `Thesis club ${suffix}`, visibility: 'private' },
      })
      expect(thesis.status).toBe(201)
      const invited = await send('POST', `/focus/rooms/${thesis.body.id}/invitations`, {
        authorization: inviter.authorization,
        body: { emails: [user.email] },
      })
      expect(invited.status).toBe(201)
      const invitation = page.getByRole('region', { name: 'Invitations' }).getByRole('listitem')
      await invitation
        .filter({ hasText: `Thesis club ${suffix}` })
        .getByText('From Kofi')
        .waitFor()
      await expectAccessible(page, 'the rooms directory, desktop')
      await screenshot(page, 'rooms')
      await page.getByRole('button', { name: `Join Thesis club ${suffix}` }).click()
      await roomHeading(page, `Thesis club ${suffix}`)
      await participants(page).filter({ hasText: 'Omar (you)' }).waitFor()

      // Another room's invite link while in this one: refused, with the way back to the room I am in.
      const otherHost = await signUp({ displayName: 'Pia' })
      const other = await send('POST', '/focus/rooms', {
        authorization: otherHost.authorization,
        body: { name: `Reading group ${suffix}`, visibility: 'private' },
      })
      const link = await send('POST', `/focus/rooms/${other.body.id}/invite-links`, {
        authorization: otherHost.authorization,
        body: {},
      })
      expect(link.status).toBe(201)
      // Followed inside the app, as a link in a chat or an e-mail opened in this tab would be.
      await page.evaluate((to) => history.pushState(null, '', to), `/rooms/join#${link.body.token}`)
      const refusal = page.getByRole('alert').filter({ hasText: 'You are in another room.' })
      await refusal.waitFor()
      await refusal.getByRole('link', { name: 'Open it' }).click()
      await roomHeading(page, `Thesis club ${suffix}`)
      await done()
    },
    flowTimeout,
  )
})
