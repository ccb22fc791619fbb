// Direct messages in the web app (issue #26, social-service's conversations): two users, each in a
// browser context of their own. One starts a conversation from a search and writes HTML-looking text
// (shown as typed); it arrives live on the other's phone with an unread badge, is read there (the
// sender sees "Seen" live), answered while the sender watches the typing indicator, then edited and a
// second one deleted, each live. A person who takes no messages is refused clearly; a group is created
// from the form and left.
import { randomUUID } from 'node:crypto'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { eventually, type SignedUp, send, signUp } from '../client.ts'
import {
  desktop,
  expectAccessible,
  firstScreen,
  fitsPhone,
  flowTimeout,
  launchBrowser,
  liveOn,
  markLoaded,
  openApp,
  phone,
  screenshot,
  stillLoaded,
} from './harness.ts'

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

const log = (page: Page) => page.getByRole('log', { name: 'Messages' })
const conversations = (page: Page) => page.getByRole('list', { name: 'Conversations' }).getByRole('listitem')
const messagesLink = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Messages/ })

/** Waits until `searcher` finds `name` (social-service makes a profile from auth's event, a moment after sign-up). */
const findable = (searcher: SignedUp, name: string) =>
  eventually(
    () => send('GET', `/social/people?q=${encodeURIComponent(name)}`, { authorization: searcher.authorization }),
    (answer) => answer.status === 200 && answer.body.items.length === 1,
  )

/** Opens the conversation with `name` from the New message search. */
async function startWith(page: Page, name: string) {
  await page.getByRole('searchbox', { name: 'To' }).fill(name)
  await page.getByRole('button', { name: `Message ${name}` }).click()
}

describe('direct messages in the web app', () => {
  it.concurrent(
    'a conversation started from a search, delivered, read, answered, edited and deleted live in two contexts',
    async ({ expect }) => {
      const tag = randomUUID().slice(0, 6)
      const [adaName, brunoName] = [`Ada ${tag}`, `Bruno ${tag}`]
      const [ada, bruno] = await Promise.all([signUp({ displayName: adaName }), signUp({ displayName: brunoName })])
      await findable(ada, brunoName)

      const [adaApp, brunoApp] = await Promise.all([
        openApp(browser, desktop, ada, '/messages'),
        openApp(browser, phone, bruno, '/messages'),
      ])
      const [adaPage, brunoPage] = [adaApp.page, brunoApp.page]
      for (const page of [adaPage, brunoPage]) {
        await page.getByRole('heading', { name: 'Messages', level: 1 }).waitFor(firstScreen)
        await liveOn(page)
        await markLoaded(page)
      }
      await brunoPage.getByText('No conversations yet.').waitFor()
      expect(await messagesLink(adaPage).getAttribute('aria-current')).toBe('page')

      // Ada finds Bruno and writes to him: the text shows as typed, not as markup.
      await startWith(adaPage, brunoName)
      await adaPage.getByRole('heading', { name: brunoName, level: 2 }).waitFor()
      expect(new URL(adaPage.url()).pathname).toMatch(/^\/messages\/[0-9a-f-]{36}$/)
      const composer = adaPage.getByRole('textbox', { name: 'Message', exact: true })
      await composer.fill('hello <b>there</b>')
      await adaPage.getByText('18 / 2000', { exact: true }).waitFor()
      await composer.press('Enter')
      await log(adaPage).getByText('hello <b>there</b>', { exact: true }).waitFor()
      const first = log(adaPage).getByRole('listitem').first()
      expect(await log(adaPage).locator('b').count()).toBe(0)
      // The live event may show the message a moment before the send's answer clears the composer.
      await expect.poll(() => composer.inputValue()).toBe('')
      expect(await first.getByText('Seen').count()).toBe(0)

      // Bruno's list shows it live, unread, and the nav counts it.
      const fromAda = conversations(brunoPage).filter({ hasText: adaName })
      await fromAda.getByText('hello <b>there</b>').waitFor()
      await fromAda.getByText('1 unread').waitFor()
      await expect.poll(() => messagesLink(brunoPage).textContent()).toBe('Messages, 1 unread')
      expect(await stillLoaded(brunoPage)).toBe(true)
      await expectAccessible(brunoPage, 'my conversations')
      expect(await fitsPhone(brunoPage)).toBe(true)
      await screenshot(brunoPage, 'messages-list-phone')

      // Bruno opens it: read, his badge gone; Ada sees "Seen" under her message without a reload.
      await fromAda.getByRole('link').click()
      await brunoPage.getByRole('heading', { name: adaName, level: 2 }).waitFor()
      await log(brunoPage).getByText('hello <b>there</b>', { exact: true }).waitFor()
      expect(await log(brunoPage).locator('b').count()).toBe(0)
      await expect.poll(() => messagesLink(brunoPage).textContent()).toBe('Messages')
      await first.getByText('Seen', { exact: true }).waitFor()

      // Bruno types: Ada sees it; he sends, and his answer arrives live, the typing gone.
      const brunoComposer = brunoPage.getByRole('textbox', { name: 'Message', exact: true })
      await brunoComposer.fill('Hi Ada!\nHow are you?')
      await adaPage.getByText(`${brunoName} is typing…`).waitFor()
      await brunoComposer.press('Enter')
      const reply = log(adaPage).getByRole('listitem').filter({ hasText: 'How are you?' })
      await reply.waitFor()
      expect(await reply.locator('.message-body').innerText()).toBe('Hi Ada!\nHow are you?')
      await expect.poll(() => adaPage.getByText(`${brunoName} is typing…`).count()).toBe(0)
      // Ada has the conversation open: the reply is read at once, so neither her list nor her nav counts it.
      await expect.poll(() => messagesLink(adaPage).textContent()).toBe('Messages')
      expect(await stillLoaded(adaPage)).toBe(true)
      expect(await reply.getByRole('button', { name: 'Edit' }).count()).toBe(0)

      // Ada edits her message; Bruno sees the new text live.
      await first.getByRole('button', { name: 'Edit' }).click()
      const editor = first.getByRole('textbox', { name: 'Edit message' })
      await editor.fill('hello there, Bruno')
      await editor.press('Enter')
      const edited = log(adaPage).getByRole('listitem').filter({ hasText: 'hello there, Bruno' })
      await edited.getByText('(edited)').waitFor()
      await log(brunoPage).getByText('hello there, Bruno', { exact: true }).waitFor()

      // A second one, deleted after a confirmation: a tombstone on both sides.
      await composer.fill('oops, wrong chat')
      await composer.press('Enter')
      const oops = log(adaPage).getByRole('listitem').filter({ hasText: 'oops, wrong chat' })
      await oops.waitFor()
      await log(brunoPage).getByText('oops, wrong chat').waitFor()
      await oops.getByRole('button', { name: 'Delete' }).click()
      await oops.getByRole('button', { name: 'Delete for everyone' }).click()
      for (const page of [adaPage, brunoPage]) {
        await log(page).getByText('Message deleted').waitFor()
        await expect.poll(() => log(page).getByText('oops, wrong chat').count()).toBe(0)
      }
      expect(await stillLoaded(adaPage)).toBe(true)
      expect(await stillLoaded(brunoPage)).toBe(true)

      await expectAccessible(adaPage, 'a conversation')
      await expectAccessible(brunoPage, 'a conversation on a phone')
      expect(await fitsPhone(brunoPage)).toBe(true)
      await screenshot(adaPage, 'messages')
      await screenshot(brunoPage, 'messages-phone')
      await Promise.all([adaApp.done(), brunoApp.done()])
    },
    flowTimeout,
  )

  it.concurrent(
    'someone who takes no messages is refused clearly; a group created from the form, muted and left',
    async ({ expect }) => {
      const tag = randomUUID().slice(0, 6)
      const names = { cleo: `Cleo ${tag}`, dara: `Dara ${tag}`, eli: `Eli ${tag}` }
      const [cleo, dara] = await Promise.all([
        signUp({ displayName: names.cleo }),
        signUp({ displayName: names.dara }),
        signUp({ displayName: names.eli }),
      ])
      await Promise.all([findable(cleo, names.dara), findable(cleo, names.eli)])
      const daraProfile = await send('GET', '/social/me', { authorization: dara.authorization })
      const closed = await send('PATCH', '/social/me', {
        authorization: dara.authorization,
        body: { whoMayMessage: 'nobody', version: daraProfile.body.version },
      })
      expect(closed.status).toBe(200)

      const app = await openApp(browser, desktop, cleo, '/messages')
      const page = app.page
      await page.getByRole('heading', { name: 'Messages', level: 1 }).waitFor(firstScreen)
      await liveOn(page)

      await startWith(page, names.dara)
      await page
        .getByRole('alert')
        .filter({ hasText: `${names.dara} does not take direct messages.` })
        .waitFor()
      expect(new URL(page.url()).pathname).toBe('/messages')

      // A group: a title and two people picked from the search (one of whom takes no messages: refused).
      const group = page.getByRole('region', { name: 'New group' })
      await group.getByLabel('Group name').fill(`Study ${tag}`)
      for (const name of [names.eli, names.dara]) {
        await group.getByRole('searchbox', { name: 'Add people' }).fill(name)
        await group.getByRole('button', { name: `Add ${name}` }).click()
      }
      const picked = group.getByRole('list', { name: 'In the group' }).getByRole('listitem')
      await expect.poll(() => picked.allTextContents()).toEqual([`${names.eli}×`, `${names.dara}×`])
      await group.getByRole('button', { name: 'Create group' }).click()
      await group.getByRole('alert').waitFor()
      await group.getByRole('button', { name: `Remove ${names.dara}` }).click()
      await group.getByRole('button', { name: 'Create group' }).click()
      await page.getByRole('heading', { name: `Study ${tag}`, level: 2 }).waitFor()
      // Members who joined together are listed by id: Cleo's and Eli's sign-ups raced (two auth-service replicas).
      await page.getByText(new RegExp(`^(${names.cleo}, ${names.eli}|${names.eli}, ${names.cleo})$`)).waitFor()

      // Muted, then left: gone from the list.
      await page.getByRole('button', { name: 'Mute', exact: true }).click()
      await page.getByRole('button', { name: 'Unmute' }).waitFor()
      await conversations(page)
        .filter({ hasText: `Study ${tag}` })
        .getByText('Muted')
        .waitFor()
      await expectAccessible(page, 'a group')
      await page.getByRole('button', { name: 'Leave group' }).click()
      await page.waitForURL('**/messages')
      await expect
        .poll(() =>
          conversations(page)
            .filter({ hasText: `Study ${tag}` })
            .count(),
        )
        .toBe(0)
      await app.done()
    },
    flowTimeout,
  )

  it.concurrent(
    'a long conversation: the newest page at the bottom, older ones with Load older',
    async ({ expect }) => {
      const tag = randomUUID().slice(0, 6)
      const [fay, gus] = await Promise.all([
        signUp({ displayName: `Fay ${tag}` }),
        signUp({ displayName: `Gus ${tag}` }),
      ])
      await findable(fay, `Gus ${tag}`)
      const started = await send('POST', '/social/conversations/direct', {
        authorization: fay.authorization,
        body: { userId: gus.userId },
      })
      expect(started.status).toBe(201)
      // 55 messages, more than a page of 50, within each sender's 30 a minute.
      for (let number = 1; number <= 55; number += 1) {
        const sent = await send('POST', `/social/conversations/${started.body.id}/messages`, {
          authorization: (number % 2 ? fay : gus).authorization,
          body: { body: `Message ${number}` },
        })
        expect(sent.status).toBe(201)
      }

      const app = await openApp(browser, desktop, gus, `/messages/${started.body.id}`)
      const page = app.page
      await log(page).getByText('Message 55', { exact: true }).waitFor(firstScreen)
      expect(await log(page).getByText('Message 5', { exact: true }).count()).toBe(0)
      await page.getByRole('button', { name: 'Load older' }).click()
      await log(page).getByText('Message 1', { exact: true }).waitFor()
      const bodies = await log(page).locator('.message-body').allTextContents()
      expect(bodies).toEqual(Array.from({ length: 55 }, (_, index) => `Message ${index + 1}`))
      await expect.poll(() => page.getByRole('button', { name: 'Load older' }).count()).toBe(0)
      await app.done()
    },
    flowTimeout,
  )
})
