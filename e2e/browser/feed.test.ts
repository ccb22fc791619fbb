// The community feed in the web app (issue #26, social-service's posts): two users, each in a browser
// context of their own. Bruno follows Ada; she writes a public post with tags (HTML-looking text shown as
// typed), a friends-only one and one for herself from the composer. Bruno's feed shows the public one
// only; he likes it and comments, and Ada's open screen shows the like and the comment without a reload.
// Her comment is added and deleted; the tag's link opens the tag's public feed (her friends-only post
// with the same tag not in it), an author's name opens their posts, and a post of hers is deleted. A
// long feed is paged with Load more.
import { randomUUID } from 'node:crypto'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { eventually, send, signUp } from '../client.ts'
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

const post = (page: Page, text: string) => page.getByRole('article').filter({ hasText: text })

/** Writes a post from the composer and waits for it in my feed. */
async function write(page: Page, body: string, tags: string, visibility: 'Public' | 'Friends' | 'Only me') {
  const composer = page.getByRole('region', { name: 'New post' })
  await composer.getByLabel('What are you working on?').fill(body)
  await composer.getByLabel('Tags').fill(tags)
  await composer.getByLabel('Who can see it').selectOption({ label: visibility })
  await composer.getByRole('button', { name: 'Post', exact: true }).click()
  await post(page, body.split('\n')[0]).waitFor()
}

describe('the community feed in the web app', () => {
  it.concurrent(
    'a tagged post seen by a follower, liked and commented on live, tags and authors as links, friends-only and private posts kept from him',
    async ({ expect }) => {
      const tag = randomUUID().slice(0, 6)
      const [adaName, brunoName] = [`Ada ${tag}`, `Bruno ${tag}`]
      const [ada, bruno] = await Promise.all([signUp({ displayName: adaName }), signUp({ displayName: brunoName })])
      // Bruno follows Ada (no friendship): social-service makes her profile from auth's event, a moment after sign-up.
      await eventually(
        () => send('PUT', `/social/following/${ada.userId}`, { authorization: bruno.authorization }),
        (answer) => answer.status < 300,
      )

      const [adaApp, brunoApp] = await Promise.all([
        openApp(browser, desktop, ada, '/feed'),
        openApp(browser, phone, bruno, '/feed'),
      ])
      const [adaPage, brunoPage] = [adaApp.page, brunoApp.page]
      for (const page of [adaPage, brunoPage]) {
        await page.getByRole('heading', { name: 'Feed', level: 1 }).waitFor(firstScreen)
        await liveOn(page)
      }
      await adaPage.getByText('Nothing here yet. Write a post, or follow people to see theirs.').waitFor()
      const feedLink = adaPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Feed' })
      expect(await feedLink.getAttribute('aria-current')).toBe('page')

      // Ada writes: the count follows the text; tags that are not tags are said under the field, nothing sent.
      const composer = adaPage.getByRole('region', { name: 'New post' })
      const publicText = `Deep work on <b>chapter 3</b> ${tag}\nthen a walk`
      await composer.getByLabel('What are you working on?').fill(publicText)
      await composer.getByText(`${publicText.length} / 2000`, { exact: true }).waitFor()
      await composer.getByLabel('Tags').fill('c++ study')
      await composer.getByRole('button', { name: 'Post', exact: true }).click()
      await composer.getByText('“c++” is not a tag', { exact: false }).waitFor()
      expect(await composer.getByLabel('Tags').getAttribute('aria-invalid')).toBe('true')
      await write(adaPage, publicText, `#Study${tag}, focus${tag}`, 'Public')
      await expect.poll(() => composer.getByLabel('What are you working on?').inputValue()).toBe('')
      await write(adaPage, `Friends only ${tag}`, `study${tag}`, 'Friends')
      await write(adaPage, `Only me ${tag}`, '', 'Only me')
      const adaPublic = post(adaPage, `chapter 3</b> ${tag}`)
      expect(await adaPublic.locator('.post-body').innerText()).toBe(publicText)
      expect(await adaPublic.locator('b').count()).toBe(0)
      await adaPublic.getByRole('link', { name: `#study${tag}` }).waitFor()
      await post(adaPage, `Friends only ${tag}`).getByText('Friends', { exact: true }).waitFor()
      await post(adaPage, `Only me ${tag}`).getByText('Only me', { exact: true }).waitFor()
      await markLoaded(adaPage)

      // Bruno's feed (a new post is not pushed to followers: read on his next visit) shows the public one only.
      await brunoPage.reload()
      const brunoPublic = post(brunoPage, `chapter 3</b> ${tag}`)
      await brunoPublic.waitFor(firstScreen)
      expect(await brunoPage.getByText(`Friends only ${tag}`).count()).toBe(0)
      expect(await brunoPage.getByText(`Only me ${tag}`).count()).toBe(0)
      expect(await brunoPublic.locator('b').count()).toBe(0)
      await brunoPublic.getByRole('heading', { name: adaName, level: 3 }).waitFor()

      // He likes it and comments.
      const like = brunoPublic.getByRole('button', { name: 'Like', exact: true })
      expect(await like.getAttribute('aria-pressed')).toBe('false')
      await like.click()
      await brunoPublic.getByText('1 like', { exact: true }).waitFor()
      expect(await like.getAttribute('aria-pressed')).toBe('true')
      await brunoPublic.getByRole('button', { name: 'Comments' }).click()
      await brunoPublic.getByText('No comments yet.').waitFor()
      await brunoPublic.getByLabel('Add a comment').fill(`Nice <i>one</i> ${tag}`)
      await brunoPublic.getByRole('button', { name: 'Comment', exact: true }).click()
      const brunoComments = brunoPublic.getByRole('list', { name: 'Comments' }).getByRole('listitem')
      await brunoComments.filter({ hasText: `Nice <i>one</i> ${tag}` }).waitFor()
      await expect.poll(() => brunoPublic.getByLabel('Add a comment').inputValue()).toBe('')
      await brunoPublic.getByRole('button', { name: '1 comment', exact: true }).waitFor()
      await expectAccessible(brunoPage, 'the feed on a phone')
      expect(await fitsPhone(brunoPage)).toBe(true)
      await screenshot(brunoPage, 'feed-phone')

      // Ada's open screen shows the like and the comment without a reload.
      await adaPublic.getByText('1 like', { exact: true }).waitFor()
      const adaComments = adaPublic.getByRole('button', { name: '1 comment', exact: true })
      await adaComments.waitFor()
      expect(await stillLoaded(adaPage)).toBe(true)
      await adaComments.click()
      expect(await adaComments.getAttribute('aria-expanded')).toBe('true')
      const comments = adaPublic.getByRole('list', { name: 'Comments' }).getByRole('listitem')
      await comments
        .filter({ hasText: `${brunoName}` })
        .filter({ hasText: `Nice <i>one</i> ${tag}` })
        .waitFor()
      expect(await adaPublic.locator('i').count()).toBe(0)

      // Her own comment, added and deleted after a confirmation.
      await adaPublic.getByLabel('Add a comment').fill('Thanks!')
      await adaPublic.getByRole('button', { name: 'Comment', exact: true }).click()
      const mine = comments.filter({ hasText: 'Thanks!' })
      await mine.getByText('You', { exact: true }).waitFor()
      await adaPublic.getByRole('button', { name: '2 comments', exact: true }).waitFor()
      await expectAccessible(adaPage, 'the feed')
      await screenshot(adaPage, 'feed')
      await mine.getByRole('button', { name: 'Delete', exact: true }).click()
      await mine.getByRole('button', { name: 'Delete comment' }).click()
      await expect.poll(() => comments.filter({ hasText: 'Thanks!' }).count()).toBe(0)
      await adaPublic.getByRole('button', { name: '1 comment', exact: true }).waitFor()

      // Bruno unlikes: the count drops again.
      await like.click()
      await brunoPublic.getByText('No likes', { exact: true }).waitFor()
      expect(await like.getAttribute('aria-pressed')).toBe('false')

      // The tag opens its public feed: the public post, not her friends-only one with the same tag.
      await adaPublic.getByRole('link', { name: `#study${tag}` }).click()
      await adaPage.getByRole('heading', { name: `#study${tag}`, level: 1 }).waitFor()
      expect(new URL(adaPage.url()).pathname).toBe(`/feed/tags/study${tag}`)
      await post(adaPage, `chapter 3</b> ${tag}`).waitFor()
      expect(await adaPage.getByText(`Friends only ${tag}`).count()).toBe(0)
      expect(await feedLink.getAttribute('aria-current')).toBe('page')
      await expectAccessible(adaPage, 'a tag’s feed')

      // Bruno opens Ada's posts from her name: the public one only.
      await brunoPublic.getByRole('link', { name: adaName }).click()
      await brunoPage.getByRole('heading', { name: `Posts by ${adaName}`, level: 1 }).waitFor()
      expect(new URL(brunoPage.url()).pathname).toBe(`/feed/people/${ada.userId}`)
      await post(brunoPage, `chapter 3</b> ${tag}`).waitFor()
      expect(await brunoPage.getByRole('article').count()).toBe(1)
      expect(await fitsPhone(brunoPage)).toBe(true)

      // Ada deletes her private post after a confirmation; it is gone from her feed.
      await adaPage.getByRole('link', { name: 'My feed' }).click()
      const privatePost = post(adaPage, `Only me ${tag}`)
      await privatePost.getByRole('button', { name: 'Delete', exact: true }).click()
      await privatePost.getByRole('button', { name: 'Delete post' }).click()
      await expect.poll(() => adaPage.getByText(`Only me ${tag}`).count()).toBe(0)
      await post(adaPage, `Friends only ${tag}`).waitFor()

      await Promise.all([adaApp.done(), brunoApp.done()])
    },
    flowTimeout,
  )

  it.concurrent(
    'a long feed paged with Load more; someone not there and a tag that is not one said so',
    async ({ expect }) => {
      const tag = randomUUID().slice(0, 6)
      const writer = await signUp({ displayName: `Cleo ${tag}` })
      // 21 posts, one more than a page, within the 50 a day.
      for (let number = 1; number <= 21; number += 1) {
        const written = await send('POST', '/social/posts', {
          authorization: writer.authorization,
          body: { body: `Post ${number} of ${tag}`, visibility: number % 2 ? 'public' : 'friends' },
        })
        expect(written.status).toBe(201)
      }

      const app = await openApp(browser, phone, writer, '/feed')
      const page = app.page
      await post(page, `Post 21 of ${tag}`).waitFor(firstScreen)
      expect(await page.getByRole('article').count()).toBe(20)
      await page.getByRole('button', { name: 'Load more' }).click()
      await post(page, `Post 1 of ${tag}`).waitFor()
      const bodies = await page.locator('.post-body').allTextContents()
      expect(bodies).toEqual(Array.from({ length: 21 }, (_, index) => `Post ${21 - index} of ${tag}`))
      await expect.poll(() => page.getByRole('button', { name: 'Load more' }).count()).toBe(0)
      expect(await fitsPhone(page)).toBe(true)

      await page.goto(`/feed/people/${randomUUID()}`)
      await page.getByRole('alert').filter({ hasText: 'This person cannot be found.' }).waitFor(firstScreen)
      await page.goto('/feed/tags/not%20a%20tag')
      await page.getByRole('alert').filter({ hasText: 'This is not a tag' }).waitFor(firstScreen)
      await expectAccessible(page, 'not a tag')
      await app.done()
    },
    flowTimeout,
  )
})
