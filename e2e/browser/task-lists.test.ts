import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { type SignedUp, send, signUp } from '../client.ts'
import { desktop, expectAccessible, launchBrowser, openApp, phone, screenshot } from './harness.ts'

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

const utcDate = (daysFromToday: number) => new Date(Date.now() + daysFromToday * 86_400_000).toISOString().slice(0, 10)

interface Seed {
  title: string
  description?: string
  priority?: string
  due?: string
  labelIds?: string[]
  done?: boolean
}

async function created<T = { id: string }>(answer: Promise<{ status: number; body: T }>) {
  const { status, body } = await answer
  if (status !== 201) throw new Error(`answered ${status}: ${JSON.stringify(body)}`)
  return body
}

/** A project of `user` holding `tasks`, in that order (each created after the one before). */
async function projectWith(user: SignedUp, name: string, tasks: Seed[]) {
  const authorization = user.authorization
  const project = await created(send('POST', '/projects', { authorization, body: { name } }))
  for (const { done, ...task } of tasks) {
    const { id } = await created(send('POST', '/tasks', { authorization, body: { ...task, projectId: project.id } }))
    if (done) await send('POST', `/tasks/${id}/complete`, { authorization, body: {} })
  }
  return project
}

/** The task titles the API lists for the project in its manual order. */
async function apiOrder(user: SignedUp, projectId: string) {
  const listed = await send('GET', `/tasks?projectId=${projectId}&sort=position&status=todo&limit=50`, {
    authorization: user.authorization,
  })
  return (listed.body as { items: { title: string }[] }).items.map((each) => each.title)
}

// Every page load refreshes the session through NGINX, which spends the per-IP budget of /auth all
// browser tests share; a 429 waits its Retry-After (5 s without one). The first screen after a load
// may wait for that, and so may a whole flow.
const afterLoad = { timeout: 60_000 }
const flowTimeout = 90_000

const chores = ['Buy paint', 'Paint the hallway', 'Fix the door', 'Dust the shelves']

/** The titles of the open project's list, top to bottom. */
const shownOrder = (page: Page) =>
  page.getByRole('region', { name: 'Home' }).getByRole('listitem').getByRole('link').allInnerTexts()

/**
 * Signed in, on Today. Pages are then reached through the app's own links, not loaded: every load
 * refreshes the session, which spends the per-IP budget of /auth that every client through NGINX shares.
 */
async function signedIn(user: SignedUp, options = desktop) {
  const opened = await openApp(browser, options, user)
  await opened.page.getByRole('heading', { name: 'Today', level: 1 }).waitFor(afterLoad)
  return opened
}

async function openProject(page: Page, name = 'Home') {
  await page.getByRole('link', { name: 'Projects', exact: true }).click()
  await page.getByRole('link', { name, exact: true }).click()
  await page.getByRole('heading', { name }).waitFor()
}

const announcement = (page: Page) => page.locator('[aria-live="assertive"]')

const moved = (page: Page) =>
  page.waitForResponse(
    (response) => response.request().method() === 'PATCH' && /\/api\/v1\/tasks\//.test(response.url()),
  )

describe('the task lists through NGINX', () => {
  it.concurrent(
    'orders a project by dragging a handle and from the keyboard; a reload keeps the order',
    async ({ expect }) => {
      const user = await signUp({ displayName: 'Dora' })
      const project = await projectWith(
        user,
        'Home',
        chores.map((title) => ({ title })),
      )
      const { page, done } = await signedIn(user)
      await openProject(page)
      await expect.poll(() => shownOrder(page)).toEqual(chores)
      // Each title opens the task's own screen.
      expect(await page.getByRole('link', { name: 'Fix the door' }).getAttribute('href')).toMatch(
        /^\/tasks\/[0-9a-f-]{36}$/,
      )

      // Dragged by its handle above another task.
      const handle = (await page.getByRole('button', { name: 'Move Dust the shelves' }).boundingBox())!
      const target = (await page.getByRole('listitem').filter({ hasText: 'Paint the hallway' }).boundingBox())!
      await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2)
      await page.mouse.down()
      await Promise.all([
        moved(page),
        (async () => {
          await page.mouse.move(target.x + target.width / 2, target.y + target.height / 4, { steps: 8 })
          await page.mouse.up()
        })(),
      ])
      const dragged = ['Buy paint', 'Dust the shelves', 'Paint the hallway', 'Fix the door']
      await expect.poll(() => shownOrder(page)).toEqual(dragged)
      await expect.poll(() => apiOrder(user, project.id)).toEqual(dragged)

      // From the keyboard: picked up and moved, then Escape puts it back and sends nothing.
      await page.getByRole('button', { name: 'Move Fix the door' }).focus()
      await page.keyboard.press('Space')
      await expect.poll(() => announcement(page).innerText()).toContain('Picked up Fix the door, position 4 of 4')
      await page.keyboard.press('ArrowUp')
      await expect
        .poll(() => shownOrder(page))
        .toEqual(['Buy paint', 'Dust the shelves', 'Fix the door', 'Paint the hallway'])
      await page.keyboard.press('Escape')
      await expect.poll(() => announcement(page).innerText()).toContain('Fix the door is back at position 4 of 4')
      expect(await shownOrder(page)).toEqual(dragged)

      // Space, ArrowUp, Space: moved, said, and sent; the handle keeps the focus all along.
      const paint = page.getByRole('button', { name: 'Move Paint the hallway' })
      await paint.focus()
      await page.keyboard.press('Space')
      await page.keyboard.press('ArrowUp')
      await expect.poll(() => paint.evaluate((button) => button === document.activeElement)).toBe(true)
      await Promise.all([moved(page), page.keyboard.press('Space')])
      await expect.poll(() => announcement(page).innerText()).toBe('Moved Paint the hallway to position 2 of 4.')
      const keyed = ['Buy paint', 'Paint the hallway', 'Dust the shelves', 'Fix the door']
      await expect.poll(() => shownOrder(page)).toEqual(keyed)
      await expect.poll(() => apiOrder(user, project.id)).toEqual(keyed)

      // To the end, past the last one (Enter drops too).
      await page.getByRole('button', { name: 'Move Buy paint' }).focus()
      await page.keyboard.press('Space')
      for (const _ of chores) await page.keyboard.press('ArrowDown')
      await Promise.all([moved(page), page.keyboard.press('Enter')])
      const last = ['Paint the hallway', 'Dust the shelves', 'Fix the door', 'Buy paint']
      await expect.poll(() => apiOrder(user, project.id)).toEqual(last)

      // Kept across a reload.
      await page.reload()
      await page.getByRole('heading', { name: 'Home' }).waitFor(afterLoad)
      await expect.poll(() => shownOrder(page)).toEqual(last)
      await expectAccessible(page, 'project in manual order')
      await done()
    },
    flowTimeout,
  )

  it.concurrent(
    'rolls a refused move back; lists the shortcuts on ?; j and k move between tasks, x completes',
    async ({ expect }) => {
      const user = await signUp({ displayName: 'Ron' })
      const project = await projectWith(
        user,
        'Home',
        chores.map((title) => ({ title })),
      )
      const { page, done } = await signedIn(user)
      await openProject(page)
      await expect.poll(() => shownOrder(page)).toEqual(chores)

      // Refused by the API: back in its place, with the reason shown and said.
      await page.route('**/api/v1/tasks/*', (route) =>
        route.request().method() === 'PATCH'
          ? route.fulfill({
              status: 409,
              contentType: 'application/problem+json',
              body: JSON.stringify({
                type: 'about:blank',
                title: 'Conflict',
                status: 409,
                detail: 'Changed elsewhere',
              }),
            })
          : route.continue(),
      )
      await page.getByRole('button', { name: 'Move Fix the door' }).focus()
      await page.keyboard.press('Space')
      await page.keyboard.press('ArrowUp')
      await Promise.all([moved(page), page.keyboard.press('Space')])
      await page.getByRole('alert').filter({ hasText: 'Could not move Fix the door: Changed elsewhere' }).waitFor()
      await expect.poll(() => shownOrder(page)).toEqual(chores)
      await expect
        .poll(() => announcement(page).innerText())
        .toBe('Fix the door could not be moved: Changed elsewhere. It is back at position 3 of 4.')
      await page.unroute('**/api/v1/tasks/*')
      expect(await apiOrder(user, project.id)).toEqual(chores)

      // ? lists the shortcuts; j and k move between the tasks, x completes the focused one.
      await page.locator('body').press('?')
      const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
      await dialog.waitFor()
      for (const what of ['Search tasks', 'Focus the next or previous task', 'Complete the focused task'])
        await dialog.getByText(what).waitFor()
      await expectAccessible(page, 'keyboard shortcuts')
      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'hidden' })
      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click()
      await dialog.getByRole('button', { name: 'Close' }).click()
      await dialog.waitFor({ state: 'hidden' })

      const focused = () => page.evaluate(() => document.activeElement?.textContent)
      await page.locator('body').press('j')
      await expect.poll(focused).toBe('Buy paint')
      await page.keyboard.press('j')
      await page.keyboard.press('j')
      await expect.poll(focused).toBe('Fix the door')
      await page.keyboard.press('k')
      await expect.poll(focused).toBe('Paint the hallway')
      await page.keyboard.press('x')
      const rest = ['Buy paint', 'Fix the door', 'Dust the shelves']
      await expect.poll(() => shownOrder(page)).toEqual(rest)
      await expect.poll(() => apiOrder(user, project.id)).toEqual(rest)
      // The focus went on to the next task: x again completes it.
      await expect.poll(focused).toBe('Fix the door')
      await page.keyboard.press('x')
      await expect.poll(() => apiOrder(user, project.id)).toEqual(['Buy paint', 'Dust the shelves'])
      await done()
    },
    flowTimeout,
  )

  it.concurrent(
    'finds a task by a word of its description, in any project, from the / key',
    async ({ expect }) => {
      const user = await signUp({ displayName: 'Sue' })
      await projectWith(user, 'Home', [
        { title: 'Paint the hallway', description: 'Two coats of eggshell white' },
        { title: 'Fix the door', description: 'The hinge squeaks' },
      ])
      await projectWith(user, 'Garden', [
        { title: 'Repaint the fence', description: 'Eggshell blue, after the rain', priority: 'high', due: utcDate(2) },
        { title: 'Mow the lawn' },
      ])
      const { page, done } = await signedIn(user)
      await page.locator('body').press('/')
      await page.getByRole('heading', { name: 'Search', level: 1 }).waitFor()
      const box = page.getByLabel('Search tasks (press /)')
      await expect.poll(() => box.evaluate((input) => input === document.activeElement)).toBe(true)

      // English stemming: "eggshells" finds both descriptions' "eggshell", whatever the project.
      await box.fill('eggshells')
      const results = page.getByRole('region', { name: 'Results' }).getByRole('listitem')
      await expect
        .poll(async () => (await results.getByRole('link').allInnerTexts()).sort())
        .toEqual(['Paint the hallway', 'Repaint the fence'])
      await results.filter({ hasText: 'Repaint the fence' }).getByText('Garden').waitFor()
      await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('eggshells')
      await expectAccessible(page, 'search')
      await screenshot(page, 'task-search')

      // The words stay in the URL: a reload searches them again.
      await page.reload()
      await page.getByRole('heading', { name: 'Search', level: 1 }).waitFor(afterLoad)
      expect(await box.inputValue()).toBe('eggshells')
      await expect.poll(() => results.count()).toBe(2)

      await box.fill('squeaks')
      await expect.poll(() => results.getByRole('link').allInnerTexts()).toEqual(['Fix the door'])
      await box.fill('zebra')
      await page.getByText('No tasks match “zebra”.').waitFor()

      // A title opens the task's own screen.
      await box.fill('hinge')
      await results.getByRole('link', { name: 'Fix the door' }).click()
      await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/tasks\/[0-9a-f-]{36}$/)
      await done()
    },
    flowTimeout,
  )

  it.concurrent(
    'filters a project by status, priority, label and due date, kept in the URL across a reload',
    async ({ expect }) => {
      const user = await signUp({ displayName: 'Fay' })
      const label = await created(
        send('POST', '/labels', { authorization: user.authorization, body: { name: 'errand' } }),
      )
      await projectWith(user, 'Home', [
        { title: 'Buy paint', priority: 'high', due: utcDate(-1), labelIds: [label.id] },
        { title: 'Paint the hallway', priority: 'high', due: utcDate(3) },
        { title: 'Fix the door', priority: 'low', due: utcDate(0), labelIds: [label.id] },
        { title: 'Dust the shelves' },
        { title: 'Hang the mirror', priority: 'high', done: true },
      ])
      const { page, done } = await signedIn(user)
      await openProject(page)
      await expect.poll(() => shownOrder(page)).toEqual(chores)

      await page.getByRole('button', { name: 'Filters' }).click()
      const filters = page.getByRole('group', { name: 'Filter tasks' })
      await filters.getByLabel('Priority').selectOption('high')
      await expect.poll(() => shownOrder(page)).toEqual(['Buy paint', 'Paint the hallway'])
      await expect.poll(() => new URL(page.url()).search).toBe('?priority=high')

      // The filter is in the URL: a reload keeps it, shown in its control.
      await page.reload()
      await page.getByRole('heading', { name: 'Home' }).waitFor(afterLoad)
      await expect.poll(() => shownOrder(page)).toEqual(['Buy paint', 'Paint the hallway'])
      expect(await filters.getByLabel('Priority').inputValue()).toBe('high')
      await page.getByRole('button', { name: 'Filters (1)' }).waitFor()

      await filters.getByLabel('Status').selectOption('all')
      await expect.poll(() => shownOrder(page)).toEqual(['Buy paint', 'Paint the hallway', 'Hang the mirror'])
      await expectAccessible(page, 'project with filters')
      await screenshot(page, 'projects-filters')
      await filters.getByLabel('Status').selectOption('done')
      await expect.poll(() => shownOrder(page)).toEqual(['Hang the mirror'])
      await filters.getByRole('button', { name: 'Clear filters' }).click()
      await expect.poll(() => shownOrder(page)).toEqual(chores)
      expect(new URL(page.url()).search).toBe('')

      await filters.getByLabel('Label').selectOption({ label: 'errand' })
      await expect.poll(() => shownOrder(page)).toEqual(['Buy paint', 'Fix the door'])
      await filters.getByLabel('Label').selectOption('')
      await filters.getByLabel('Due').selectOption('overdue')
      await expect.poll(() => shownOrder(page)).toEqual(['Buy paint'])
      await filters.getByLabel('Due').selectOption('today')
      await expect.poll(() => shownOrder(page)).toEqual(['Fix the door'])
      await filters.getByLabel('Due').selectOption('week')
      await expect.poll(() => shownOrder(page)).toEqual(['Paint the hallway', 'Fix the door'])
      await filters.getByLabel('Priority').selectOption('low')
      await expect.poll(() => shownOrder(page)).toEqual(['Fix the door'])
      expect(new URL(page.url()).searchParams.toString()).toBe('priority=low&due=week')

      await filters.getByLabel('Priority').selectOption('urgent')
      await page.getByText('No tasks match these filters.').waitFor()
      await done()
    },
    flowTimeout,
  )

  it.concurrent(
    'fits a 360 px phone: a filtered project and search',
    async ({ expect }) => {
      const user = await signUp({ displayName: 'Max' })
      await projectWith(user, 'Home', [
        { title: 'Paint the hallway with a long title that has to wrap on a phone', priority: 'high', due: utcDate(1) },
        { title: 'Fix the door', priority: 'high', description: 'The hinge squeaks' },
        { title: 'Dust the shelves' },
      ])
      const { page, done } = await signedIn(user, phone)
      await openProject(page)
      await page.getByRole('button', { name: 'Filters' }).click()
      await page.getByRole('group', { name: 'Filter tasks' }).getByLabel('Priority').selectOption('high')
      await expect.poll(() => shownOrder(page)).toHaveLength(2)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
      await expectAccessible(page, 'filtered project at 360 px')

      await page.getByRole('link', { name: 'Search', exact: true }).click()
      await page.getByLabel('Search tasks (press /)').fill('hinge')
      await page.getByRole('region', { name: 'Results' }).getByRole('link', { name: 'Fix the door' }).waitFor()
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
      await expectAccessible(page, 'search at 360 px')
      await done()
    },
    flowTimeout,
  )
})
