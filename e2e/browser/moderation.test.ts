// Moderation in the web app (issue #26, social-service's reports and cases): a reporter, an author and a
// moderator, each in a browser context of their own. Bruno reports Ada's post from his feed (a reason
// asked for, the details counted, a plain confirmation, a second report said to be his open one); the
// moderator (made one in auth-service's database, then signed in, as a role change ends sign-ins) finds
// the case in the queue, reads the reported text as typed, and hides the post with a warning. Ada's
// open feed marks her post hidden with the reason, without a reload, and lists it among what moderators
// hid of hers; Bruno's feed no longer has it. The log and closed cases show what was done. A person
// reported from People and suspended sees the banner with its end on Feed, and a post refused with it. A
// comment and a message reported and hidden show their author why, a message a tombstone to the others.
import { randomUUID } from 'node:crypto'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, type SignedUp, send, setRole, signIn, signUp } from '../client.ts'
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
const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' })

/** A moderator: the stack has none (client.ts setRole); signed in afresh, their token carries the role. */
async function makeModerator(user: SignedUp): Promise<SignedUp> {
  await setRole([user.userId], 'moderator')
  return signIn(user)
}

/** The case whose row says `text` in the open queue, read a page at a time (oldest first). */
async function openCase(page: Page, text: string) {
  await page.goto('/moderation')
  const items = page.getByRole('list', { name: 'Open cases' }).getByRole('listitem')
  const row = items.filter({ hasText: text })
  const loadMore = page.getByRole('button', { name: 'Load more' })
  await row.or(loadMore).first().waitFor(firstScreen)
  while ((await row.count()) === 0) {
    const shown = await items.count()
    await loadMore.click()
    await expect.poll(() => items.count()).toBeGreaterThan(shown)
  }
  await row.getByRole('link').click()
}

/** Reports through the dialog opened by `button`, with a reason and details; answers the dialog. */
async function report(page: Page, button: Locator, reason: string, details: string) {
  await button.click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Reason').selectOption({ label: reason })
  await dialog.getByLabel('Details (optional)').fill(details)
  await dialog.getByText(`${details.length} / 1000`, { exact: true }).waitFor()
  await dialog.getByRole('button', { name: 'Send report' }).click()
  await dialog.getByRole('status').waitFor()
  return dialog
}

describe('moderation in the web app', () => {
  it.concurrent(
    'a post reported from the feed, hidden with a warning by a moderator: its author sees why live, the reporter no longer sees it',
    async ({ expect }) => {
      const tag = randomUUID().slice(0, 6)
      const [adaName, brunoName, moName] = [`Ada ${tag}`, `Bruno ${tag}`, `Mo ${tag}`]
      const [ada, bruno, mo] = await Promise.all([
        signUp({ displayName: adaName }),
        signUp({ displayName: brunoName }),
        signUp({ displayName: moName }),
      ])
      // Bruno follows Ada; social-service makes her profile from auth's event, a moment after sign-up.
      await eventually(
        () => send('PUT', `/social/following/${ada.userId}`, { authorization: bruno.authorization }),
        (answer) => answer.status < 300,
      )
      const text = `Cheap <b>followers</b> here ${tag}`
      const written = await send('POST', '/social/posts', {
        authorization: ada.authorization,
        body: { body: text, visibility: 'public' },
      })
      expect(written.status).toBe(201)
      const moderator = await makeModerator(mo)

      try {
        const [adaApp, brunoApp, moApp] = await Promise.all([
          openApp(browser, desktop, ada, '/feed'),
          openApp(browser, phone, bruno, '/feed'),
          openApp(browser, desktop, moderator, '/today'),
        ])
        const [adaPage, brunoPage, moPage] = [adaApp.page, brunoApp.page, moApp.page]
        const adaPost = post(adaPage, text)
        await adaPost.waitFor(firstScreen)
        await liveOn(adaPage)
        await markLoaded(adaPage)
        // Only a moderator's nav links to Moderation; nobody reports their own post.
        await nav(moPage).getByRole('link', { name: 'Moderation' }).waitFor(firstScreen)
        expect(await nav(adaPage).getByRole('link', { name: 'Moderation' }).count()).toBe(0)
        expect(await adaPost.getByRole('button', { name: /^Report/ }).count()).toBe(0)

        // Bruno reports it from his feed: a reason is asked for before anything is sent.
        const brunoPost = post(brunoPage, text)
        await brunoPost.waitFor(firstScreen)
        const reportButton = brunoPost.getByRole('button', { name: `Report post by ${adaName}` })
        await reportButton.click()
        const dialog = brunoPage.getByRole('dialog', { name: 'Report this post' })
        await dialog.getByText(text, { exact: true }).waitFor()
        await dialog.getByRole('button', { name: 'Send report' }).click()
        await dialog.getByText('Choose a reason.').waitFor()
        expect(await dialog.getByLabel('Reason').getAttribute('aria-invalid')).toBe('true')
        await expectAccessible(brunoPage, 'the report dialog on a phone')
        expect(await fitsPhone(brunoPage)).toBe(true)
        await dialog.getByRole('button', { name: 'Cancel' }).click()
        await dialog.waitFor({ state: 'detached' })

        const sent = await report(brunoPage, reportButton, 'Spam', 'Sells followers, <i>again</i>')
        await sent.getByRole('status').filter({ hasText: 'Reported. A moderator will look at it.' }).waitFor()
        await sent.getByRole('button', { name: 'Close' }).click()
        await sent.waitFor({ state: 'detached' })
        // Reporting it again while the report is open is the same report.
        const again = await report(brunoPage, reportButton, 'Harassment or bullying', 'still there')
        await again.getByRole('status').filter({ hasText: 'You reported this already.' }).waitFor()
        await brunoPage.keyboard.press('Escape')
        await again.waitFor({ state: 'detached' })

        // The moderator finds the case in the queue and reads it: the text as typed, never as markup.
        await openCase(moPage, tag)
        await moPage.getByRole('heading', { name: `Post by ${adaName}`, level: 1 }).waitFor()
        expect(new URL(moPage.url()).pathname).toMatch(/^\/moderation\/cases\/[0-9a-f-]{36}$/)
        const evidence = moPage.locator('blockquote')
        expect(await evidence.innerText()).toBe(text)
        expect(await evidence.locator('b').count()).toBe(0)
        await moPage.getByRole('list', { name: 'Reasons' }).getByText('Spam').waitFor()
        const reports = moPage.getByRole('region', { name: /^Reports, oldest first/ }).getByRole('listitem')
        expect(await reports.count()).toBe(1)
        await reports.filter({ hasText: brunoName }).filter({ hasText: 'Sells followers, <i>again</i>' }).waitFor()
        expect(await moPage.locator('.case-reports i').count()).toBe(0)
        await expectAccessible(moPage, 'a case')
        await screenshot(moPage, 'moderation')

        // Acting needs something chosen; then hide and warn, with the reason Ada reads.
        const resolve = moPage.getByRole('region', { name: 'Resolve' })
        await resolve.getByRole('button', { name: 'Act on this case' }).click()
        await resolve.getByText('Choose at least one: hide, warn or suspend.').waitFor()
        await resolve.getByLabel('Hide the post').check()
        await resolve.getByLabel(`Warn ${adaName}`).check()
        await resolve.getByLabel(`Reason, shown to ${adaName}`).fill('Selling followers is spam.')
        await resolve.getByRole('button', { name: 'Act on this case' }).click()
        const resolution = moPage.getByRole('region', { name: 'Resolution' })
        await resolution.getByRole('status').filter({ hasText: 'Case resolved.' }).waitFor()
        await resolution.getByText('Hidden, warned', { exact: true }).waitFor()
        await resolution.getByText('Reason given: Selling followers is spam.').waitFor()

        // Ada's open feed marks her post hidden, with why, without a reload.
        await adaPost.getByText('Hidden by a moderator: Selling followers is spam.').waitFor()
        expect(await stillLoaded(adaPage)).toBe(true)
        // Her Feed lists what moderators hid of hers, with why.
        await adaPage.getByText('Hidden by moderators (1)').click()
        await adaPage.locator('.hidden-list').getByText('Why: Selling followers is spam.').waitFor()
        await expectAccessible(adaPage, 'a hidden post')
        // Bruno's feed no longer has it.
        await brunoPage.reload()
        await brunoPage.getByRole('heading', { name: 'Feed', level: 1 }).waitFor(firstScreen)
        await brunoPage.getByText('Nothing here yet.', { exact: false }).waitFor()
        expect(await post(brunoPage, text).count()).toBe(0)

        // The log has both actions; the closed cases the case.
        await moPage.getByRole('link', { name: 'Their log' }).click()
        const log = moPage.getByRole('list', { name: 'Moderation log' }).getByRole('listitem')
        await log.filter({ hasText: 'Hid content (post)' }).filter({ hasText: moName }).waitFor()
        await log.filter({ hasText: 'Warned' }).filter({ hasText: 'Selling followers is spam.' }).waitFor()
        expect(await log.count()).toBe(2)
        await moPage.getByRole('tab', { name: 'Closed cases' }).click()
        const closed = moPage.getByRole('list', { name: 'Closed cases' }).getByRole('listitem').filter({ hasText: tag })
        await closed.filter({ hasText: 'Hidden, warned' }).waitFor()
        await moPage.setViewportSize({ width: 360, height: 740 })
        expect(await fitsPhone(moPage)).toBe(true)
        await closed.getByRole('link').click()
        await moPage.getByRole('heading', { name: `Post by ${adaName}`, level: 1 }).waitFor()
        expect(await fitsPhone(moPage)).toBe(true)
        await expectAccessible(moPage, 'a closed case on a phone')
        await screenshot(moPage, 'moderation-phone')

        await Promise.all([adaApp.done(), brunoApp.done(), moApp.done()])
      } finally {
        await setRole([mo.userId], 'user')
      }
    },
    flowTimeout,
  )

  it.concurrent(
    'a comment and a message reported and hidden: their author sees why, the others a tombstone or nothing',
    async ({ expect }) => {
      const tag = randomUUID().slice(0, 6)
      const [adaName, brunoName] = [`Ada ${tag}`, `Bruno ${tag}`]
      const [ada, bruno, mo] = await Promise.all([
        signUp({ displayName: adaName }),
        signUp({ displayName: brunoName }),
        signUp({ displayName: `Moderator ${tag}` }),
      ])
      await eventually(
        () => send('PUT', `/social/following/${ada.userId}`, { authorization: bruno.authorization }),
        (answer) => answer.status < 300,
      )
      const written = await send('POST', '/social/posts', {
        authorization: ada.authorization,
        body: { body: `My plan for today ${tag}`, visibility: 'public' },
      })
      expect(written.status).toBe(201)
      const [commentText, messageText] = [`You are useless ${tag}`, `Buy my course ${tag}`]
      const commented = await send('POST', `/social/posts/${written.body.id}/comments`, {
        authorization: bruno.authorization,
        body: { body: commentText },
      })
      expect(commented.status).toBe(201)
      const started = await send('POST', '/social/conversations/direct', {
        authorization: ada.authorization,
        body: { userId: bruno.userId },
      })
      expect(started.status).toBe(201)
      const conversation = `/messages/${started.body.id}`
      const sentMessage = await send('POST', `/social/conversations/${started.body.id}/messages`, {
        authorization: bruno.authorization,
        body: { body: messageText },
      })
      expect(sentMessage.status).toBe(201)
      const moderator = await makeModerator(mo)
      try {
        const [adaApp, brunoApp, moApp] = await Promise.all([
          openApp(browser, desktop, ada, '/feed'),
          openApp(browser, phone, bruno, conversation),
          openApp(browser, desktop, moderator, '/today'),
        ])
        const [adaPage, brunoPage, moPage] = [adaApp.page, brunoApp.page, moApp.page]

        // Ada reports Bruno's comment on her post, then his message.
        const adaPost = post(adaPage, `My plan for today ${tag}`)
        await adaPost.getByRole('button', { name: '1 comment', exact: true }).click(firstScreen)
        const reportedComment = await report(
          adaPage,
          adaPost.getByRole('button', { name: `Report comment by ${brunoName}` }),
          'Harassment or bullying',
          'Rude',
        )
        await reportedComment.getByRole('button', { name: 'Close' }).click()
        await adaPage.goto(conversation)
        const adaLog = adaPage.getByRole('log', { name: 'Messages' })
        await adaLog.getByText(messageText, { exact: true }).waitFor(firstScreen)
        const reportedMessage = await report(
          adaPage,
          adaLog.getByRole('button', { name: `Report message from ${brunoName}` }),
          'Spam',
          'Selling',
        )
        await reportedMessage.getByRole('button', { name: 'Close' }).click()
        // Nobody reports their own message.
        const brunoLog = brunoPage.getByRole('log', { name: 'Messages' })
        await brunoLog.getByText(messageText, { exact: true }).waitFor(firstScreen)
        await liveOn(brunoPage)
        await markLoaded(brunoPage)
        expect(await brunoLog.getByRole('button', { name: /^Report/ }).count()).toBe(0)

        // The moderator hides both, each with its reason.
        await nav(moPage).getByRole('link', { name: 'Moderation' }).waitFor(firstScreen)
        for (const [text, kind, reason] of [
          [commentText, 'Comment', 'Insults are not allowed.'],
          [messageText, 'Message', 'No selling in messages.'],
        ]) {
          await openCase(moPage, text)
          await moPage.getByRole('heading', { name: `${kind} by ${brunoName}`, level: 1 }).waitFor()
          const resolve = moPage.getByRole('region', { name: 'Resolve' })
          await resolve.getByLabel(`Hide the ${kind.toLowerCase()}`).check()
          await resolve.getByLabel(`Reason, shown to ${brunoName}`).fill(reason)
          await resolve.getByRole('button', { name: 'Act on this case' }).click()
          await moPage.getByRole('region', { name: 'Resolution' }).getByText('Hidden', { exact: true }).waitFor()
        }

        // Bruno's open conversation shows his message a tombstone with why (live), no longer his to edit;
        // Ada's shows only that it was hidden.
        await brunoLog.getByText('Hidden by a moderator: No selling in messages.').waitFor(firstScreen)
        expect(await brunoLog.getByText(messageText).count()).toBe(0)
        expect(await brunoLog.getByRole('button', { name: 'Edit' }).count()).toBe(0)
        expect(await stillLoaded(brunoPage)).toBe(true)
        await expectAccessible(brunoPage, 'a hidden message on a phone')
        expect(await fitsPhone(brunoPage)).toBe(true)
        await adaPage.reload()
        await adaLog.getByText('Hidden by a moderator', { exact: true }).waitFor(firstScreen)
        expect(await adaLog.getByText(messageText).count()).toBe(0)
        expect(await adaLog.getByRole('button', { name: /^Report/ }).count()).toBe(0)

        // His comment shows to him with why; Ada's post no longer lists it.
        await brunoPage.goto('/feed')
        const brunoSees = post(brunoPage, `My plan for today ${tag}`)
        await brunoSees.getByRole('button', { name: '1 comment', exact: true }).click(firstScreen)
        const comment = brunoSees.getByRole('list', { name: 'Comments' }).getByRole('listitem')
        await comment
          .filter({ hasText: commentText })
          .getByText('Hidden by a moderator: Insults are not allowed.')
          .waitFor()
        await adaPage.goto('/feed')
        await adaPost.getByRole('button', { name: '1 comment', exact: true }).click(firstScreen)
        await adaPost.getByText('No comments yet.').waitFor()
        expect(await adaPost.getByText(commentText).count()).toBe(0)

        await Promise.all([adaApp.done(), brunoApp.done(), moApp.done()])
      } finally {
        await setRole([mo.userId], 'user')
      }
    },
    flowTimeout,
  )

  it.concurrent(
    'a person reported from People and suspended: their Feed says until when, and a post is refused with it',
    async ({ expect }) => {
      const tag = randomUUID().slice(0, 6)
      const [cleoName, danName] = [`Cleo ${tag}`, `Dan ${tag}`]
      const [cleo, dan, mo] = await Promise.all([
        signUp({ displayName: cleoName }),
        signUp({ displayName: danName }),
        signUp({ displayName: `Moderator ${tag}` }),
      ])
      await eventually(
        () => send('GET', `/social/people?q=${encodeURIComponent(cleoName)}`, { authorization: dan.authorization }),
        (answer) => answer.status === 200 && answer.body.items.length === 1,
      )
      const moderator = await makeModerator(mo)
      try {
        const [danApp, cleoApp, moApp] = await Promise.all([
          openApp(browser, phone, dan, '/people'),
          openApp(browser, desktop, cleo, '/feed'),
          openApp(browser, desktop, moderator, '/today'),
        ])
        const [danPage, cleoPage, moPage] = [danApp.page, cleoApp.page, moApp.page]

        // Dan finds Cleo on People and reports her.
        await danPage.getByRole('heading', { name: 'People', level: 1 }).waitFor(firstScreen)
        await danPage.getByRole('searchbox', { name: 'Name or handle' }).fill(cleoName)
        const found = danPage.getByRole('list', { name: 'People found' }).getByRole('listitem')
        const sent = await report(
          danPage,
          found.getByRole('button', { name: `Report ${cleoName}` }),
          'Harassment or bullying',
          'Insults in every comment',
        )
        await sent.getByRole('heading', { name: 'Report this person' }).waitFor()
        await sent.getByRole('status').filter({ hasText: 'Reported. A moderator will look at it.' }).waitFor()
        await sent.getByRole('button', { name: 'Close' }).click()

        // The moderator suspends her for 3 days (a person has nothing to hide: no such box).
        await nav(moPage).getByRole('link', { name: 'Moderation' }).waitFor(firstScreen)
        await openCase(moPage, cleoName)
        await moPage.getByRole('heading', { name: `Person: ${cleoName}`, level: 1 }).waitFor()
        const resolve = moPage.getByRole('region', { name: 'Resolve' })
        expect(await resolve.getByLabel(/^Hide/).count()).toBe(0)
        await resolve.getByLabel('Suspend from social features for (days)').fill('400')
        await resolve.getByLabel(`Reason, shown to ${cleoName}`).fill('Repeated insults.')
        await resolve.getByRole('button', { name: 'Act on this case' }).click()
        await resolve.getByText('Suspend for a whole number of days from 1 to 365.').waitFor()
        await resolve.getByLabel('Suspend from social features for (days)').fill('3')
        await resolve.getByRole('button', { name: 'Act on this case' }).click()
        const resolution = moPage.getByRole('region', { name: 'Resolution' })
        await resolution.getByText(/^Suspended until /).waitFor()

        // Cleo's Feed says she is suspended and until when, and her post is refused with it.
        await cleoPage.reload()
        const banner = cleoPage.getByRole('region', { name: /^You are suspended from social features until / })
        await banner.waitFor(firstScreen)
        await banner.getByText('A moderator said why: Repeated insults.').waitFor()
        const composer = cleoPage.getByRole('region', { name: 'New post' })
        await composer.getByLabel('What are you working on?').fill('Hello again')
        await composer.getByRole('button', { name: 'Post', exact: true }).click()
        await composer
          .getByRole('alert')
          .filter({ hasText: /^You are suspended from social features until .+ Until then you cannot post/ })
          .waitFor()
        await expectAccessible(cleoPage, 'the feed while suspended')
        await cleoPage.setViewportSize({ width: 360, height: 740 })
        expect(await fitsPhone(cleoPage)).toBe(true)

        await Promise.all([danApp.done(), cleoApp.done(), moApp.done()])
      } finally {
        await setRole([mo.userId], 'user')
      }
    },
    flowTimeout,
  )
})
