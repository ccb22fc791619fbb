// People in the web app (issue #26, social-service's connections): two users, each in a browser context
// of their own. One sets a handle (a refused one said under the field, a stale save reloaded), the other
// finds them by it and asks to be friends; the request arrives live, is accepted, and the friendship
// shows live on the asker's screen; then a block cuts it: the blocked one's search no longer finds the
// blocker, whose friendship is gone after a reload.
import { randomUUID } from 'node:crypto'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { send, signUp } from '../client.ts'
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

const list = (page: Page, name: string) => page.getByRole('list', { name, exact: true }).getByRole('listitem')
const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true })

describe('people in the web app', () => {
  it.concurrent(
    'a handle set, found, befriended live in two contexts, then a block cuts it',
    async ({ expect }) => {
      const tag = randomUUID().slice(0, 6)
      const [ada, bruno] = await Promise.all([
        signUp({ displayName: `Ada ${tag}` }),
        signUp({ displayName: `Bruno ${tag}` }),
      ])
      const handle = `bruno_${tag}`

      const [adaApp, brunoApp] = await Promise.all([
        openApp(browser, desktop, ada, '/people'),
        openApp(browser, phone, bruno, '/people'),
      ])
      const [adaPage, brunoPage] = [adaApp.page, brunoApp.page]
      for (const page of [adaPage, brunoPage]) {
        await page.getByRole('heading', { name: 'People', level: 1 }).waitFor(firstScreen)
        await liveOn(page)
        await markLoaded(page)
      }
      await adaPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).waitFor()
      expect(await adaPage.getByRole('link', { name: 'People' }).getAttribute('aria-current')).toBe('page')

      // Bruno's handle: a refused shape said under the field, then one that is kept.
      await brunoPage.getByText('No handle yet').waitFor()
      const handleField = brunoPage.getByLabel('Handle', { exact: true })
      await handleField.fill('no spaces')
      await brunoPage.getByRole('button', { name: 'Save profile' }).click()
      await brunoPage.getByText('Use 3 to 30 letters (a–z), digits or underscores, without spaces.').waitFor()
      expect(await handleField.getAttribute('aria-invalid')).toBe('true')
      await handleField.fill(handle)
      await brunoPage.getByRole('button', { name: 'Save profile' }).click()
      await brunoPage.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()
      await brunoPage.getByText(`@${handle}`, { exact: true }).waitFor()

      // Changed elsewhere meanwhile: the save is refused (412), the form reloaded with what is saved.
      const me = await send('GET', '/social/me', { authorization: bruno.authorization })
      const elsewhere = await send('PATCH', '/social/me', {
        authorization: bruno.authorization,
        body: { whoMayMessage: 'friends', version: me.body.version },
      })
      expect(elsewhere.status).toBe(200)
      await brunoPage.getByLabel('Who may follow me').selectOption('nobody')
      await brunoPage.getByRole('button', { name: 'Save profile' }).click()
      await brunoPage
        .getByText('Your profile was changed elsewhere, so it has been reloaded.', { exact: false })
        .waitFor()
      await expect.poll(() => brunoPage.getByLabel('Who may message me').inputValue()).toBe('friends')
      expect(await brunoPage.getByLabel('Who may follow me').inputValue()).toBe('everyone')

      // Bruno waits on his requests; Ada finds him by his handle and asks to be friends.
      await tab(brunoPage, 'Requests').click()
      await brunoPage.getByText('No requests to you.').waitFor()
      expect(new URL(brunoPage.url()).search).toBe('?tab=requests')
      await adaPage.getByLabel('Name or handle').fill(handle.slice(0, 8).toUpperCase())
      const found = list(adaPage, 'People found').filter({ hasText: `@${handle}` })
      await found.waitFor()
      await found.getByRole('button', { name: `Add friend: Bruno ${tag} (@${handle})` }).click()
      await found.getByRole('button', { name: /^Cancel friend request to Bruno/ }).waitFor()
      await tab(adaPage, 'Requests').click()
      await list(adaPage, 'My friend requests')
        .filter({ hasText: `Bruno ${tag}` })
        .waitFor()

      // It arrives on Bruno's open screen without a reload; he accepts.
      const request = list(brunoPage, 'Friend requests to me').filter({ hasText: `Ada ${tag}` })
      await request.waitFor()
      expect(await stillLoaded(brunoPage)).toBe(true)
      await expectAccessible(brunoPage, 'people, requests on a phone')
      expect(await fitsPhone(brunoPage)).toBe(true)
      await screenshot(brunoPage, 'people-phone')
      await request.getByRole('button', { name: `Accept friend request from Ada ${tag}` }).click()
      await brunoPage.getByText('No requests to you.').waitFor()

      // Ada sees Bruno among her friends without a reload.
      await tab(adaPage, 'Friends').click()
      await list(adaPage, 'Friends')
        .filter({ hasText: `Bruno ${tag}` })
        .waitFor()
      expect(await stillLoaded(adaPage)).toBe(true)
      await found.getByText('Friends', { exact: true }).waitFor()
      await expectAccessible(adaPage, 'people, friends')
      await screenshot(adaPage, 'people')

      // Bruno blocks Ada from a search by her name (confirmed); she is gone from his friends.
      await tab(brunoPage, 'Friends').click()
      await list(brunoPage, 'Friends')
        .filter({ hasText: `Ada ${tag}` })
        .waitFor()
      await brunoPage.getByLabel('Name or handle').fill(`ada ${tag}`)
      const ada1 = list(brunoPage, 'People found').filter({ hasText: `Ada ${tag}` })
      await ada1.getByRole('button', { name: `Block Ada ${tag}`, exact: true }).click()
      await ada1.getByRole('button', { name: `Block Ada ${tag} now` }).click()
      await brunoPage.getByText('Nobody found.').waitFor()
      await brunoPage.getByText('No friends yet. Find people above and add them.').waitFor()
      await tab(brunoPage, 'Blocked').click()
      await list(brunoPage, 'People I block')
        .filter({ hasText: `Ada ${tag}` })
        .waitFor()

      // Ada's search no longer finds Bruno, and after a reload he is not among her friends.
      await adaPage.getByLabel('Name or handle').fill(`${handle.slice(0, 8)}x`)
      await adaPage.getByText('Nobody found.').waitFor()
      await adaPage.getByLabel('Name or handle').fill(handle)
      await adaPage.getByText('Nobody found.').waitFor()
      expect(await list(adaPage, 'People found').count()).toBe(0)
      await adaPage.reload()
      await adaPage.getByRole('heading', { name: 'People', level: 1 }).waitFor(firstScreen)
      await adaPage.getByText('No friends yet. Find people above and add them.').waitFor()
      expect(await list(adaPage, 'Friends').count()).toBe(0)

      await Promise.all([adaApp.done(), brunoApp.done()])
    },
    flowTimeout,
  )
})
