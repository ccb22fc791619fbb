import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { send, signUp } from '../client.ts'
import { processes } from '../stack.ts'
import { desktop, expectAccessible, launchBrowser, openApp, phone, screenshot } from './harness.ts'

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

const utcDate = (daysFromToday: number) => new Date(Date.now() + daysFromToday * 86_400_000).toISOString().slice(0, 10)

/** An account made through the API (UTC, the day starting at midnight) with tasks due yesterday and today. */
async function userWithTasks(displayName: string) {
  const user = await signUp({ displayName })
  for (const [title, due, priority] of [
    ['Renew the passport', utcDate(-1), 'high'],
    ['Write the weekly review', utcDate(0), 'medium'],
    ['Call the dentist', utcDate(0), 'none'],
  ]) {
    const created = await send('POST', '/tasks', { authorization: user.authorization, body: { title, due, priority } })
    if (created.status !== 201) throw new Error(`task answered ${created.status}: ${JSON.stringify(created.body)}`)
  }
  return user
}

const today = (page: Page) => page.getByRole('heading', { name: 'Today', level: 1 }).waitFor()

const task = (page: Page, title: string) => page.getByRole('listitem').filter({ hasText: title })

describe('the web app through NGINX', () => {
  it.concurrent('signs up, plans today with quick add, completes a task and signs out', async ({ expect }) => {
    const { page, done } = await openApp(browser)
    await page.getByRole('heading', { name: 'Sign in to FocusHub' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/sign-in')
    await page.getByRole('link', { name: 'Create an account' }).click()
    await page.getByRole('heading', { name: 'Create your FocusHub account' }).waitFor()

    // The API's message for the password shows under the password field.
    const email = `ada-${crypto.randomUUID().slice(0, 8)}@example.com`
    await page.getByLabel('Name').fill('Ada')
    await page.getByLabel('E-mail').fill(email)
    await page.getByLabel('Password').fill('short')
    await page.getByRole('button', { name: 'Sign up' }).click()
    const password = page.getByLabel('Password')
    await expect.poll(() => password.getAttribute('aria-invalid')).toBe('true')
    const describedBy = (await password.getAttribute('aria-describedby'))!
    expect(await page.locator(`[id="${describedBy}"]`).innerText()).toMatch(/8 characters/)
    await expectAccessible(page, 'sign up')
    await screenshot(page, 'sign-up')

    await password.fill('correct horse battery')
    await page.getByRole('button', { name: 'Sign up' }).click()
    await today(page)
    expect(new URL(page.url()).pathname).toBe('/today')
    await page.getByText('Nothing due today').waitFor()
    // The refresh token is an HttpOnly cookie: no script reads it, yet a reload stays signed in.
    expect(await page.evaluate(() => document.cookie)).not.toContain('focushub_refresh')
    const cookies = await page.context().cookies()
    expect(cookies.find((cookie) => cookie.name === 'focushub_refresh')).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: '/api/v1/auth',
    })
    await page.reload()
    await today(page)

    // q focuses quick add; Enter adds the task, due today.
    await page.locator('body').press('q')
    const quickAdd = page.getByLabel('Quick add (press q)')
    await expect.poll(() => quickAdd.evaluate((input) => input === document.activeElement)).toBe(true)
    await quickAdd.fill('Plan the sprint')
    await quickAdd.press('Enter')
    await task(page, 'Plan the sprint').waitFor()
    await expect.poll(() => quickAdd.inputValue()).toBe('')
    await expect.poll(() => task(page, 'Plan the sprint').getAttribute('aria-busy')).toBe('false')
    await expectAccessible(page, 'today')

    await page.getByRole('checkbox', { name: 'Complete Plan the sprint' }).click()
    await task(page, 'Plan the sprint').waitFor({ state: 'detached' })
    await page.getByText('Nothing due today').waitFor()

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('heading', { name: 'Sign in to FocusHub' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/sign-in')
    await expectAccessible(page, 'sign in')
    await screenshot(page, 'sign-in')
    // The sign-in is over on the server too: a reload stays signed out.
    await page.reload()
    await page.getByRole('heading', { name: 'Sign in to FocusHub' }).waitFor()
    await page.getByLabel('E-mail').fill(email)
    await page.getByLabel('Password').fill('correct horse battery')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await today(page)
    await page.getByText('Nothing due today').waitFor()
    await done()
  })

  it.concurrent('rolls an optimistic completion back when the API refuses it', async ({ expect }) => {
    const user = await userWithTasks('Grace')
    const { page, done } = await openApp(browser, desktop, user)
    await today(page)
    await task(page, 'Call the dentist').waitFor()
    await expectAccessible(page, 'today with tasks')
    await screenshot(page, 'today')
    await page.route('**/api/v1/tasks/*/complete', (route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'Changed elsewhere' }),
      }),
    )
    await Promise.all([
      page.waitForResponse('**/api/v1/tasks/*/complete'),
      page.getByRole('checkbox', { name: 'Complete Call the dentist' }).click(),
    ])
    // Back in its place, with the API's reason.
    await task(page, 'Call the dentist').getByRole('alert').filter({ hasText: 'Changed elsewhere' }).waitFor()
    expect(await page.getByRole('checkbox', { name: 'Complete Call the dentist' }).isChecked()).toBe(false)
    await page.unroute('**/api/v1/tasks/*/complete')
    await done()
  })

  it.concurrent('creates a project, adds a task with priority and due date, edits its title and completes it', async ({
    expect,
  }) => {
    const user = await userWithTasks('Linus')
    const { page, done } = await openApp(browser, desktop, user)
    await today(page)
    await page.getByRole('link', { name: 'Projects' }).click()
    await page.getByRole('heading', { name: 'Inbox' }).waitFor()
    await task(page, 'Renew the passport').waitFor()

    // A blank name: the API's message shows under the project name field.
    const projectName = page.getByLabel('New project')
    await projectName.fill('   ')
    await page.getByRole('button', { name: 'Create', exact: true }).click()
    await expect.poll(() => projectName.getAttribute('aria-invalid')).toBe('true')
    await projectName.fill('Home renovation')
    await page.getByRole('button', { name: 'Create', exact: true }).click()
    await page.getByRole('link', { name: 'Home renovation' }).click()
    await page.getByRole('heading', { name: 'Home renovation' }).waitFor()
    await page.getByText('No open tasks in this project.').waitFor()

    await page.getByLabel('New task').fill('Paint the hallway')
    await page.getByLabel('Priority').selectOption('high')
    await page.getByLabel('Due').fill(utcDate(3))
    await page.getByRole('button', { name: 'Add', exact: true }).click()
    const painted = task(page, 'Paint the hallway')
    await painted.getByText('high').waitFor()
    await expect.poll(() => painted.getAttribute('aria-busy')).toBe('false')

    // A blank title is refused: the message shows under the title field, the title is put back.
    await page.getByRole('button', { name: 'Edit Paint the hallway' }).click()
    const title = page.getByLabel('Title')
    await title.fill('  ')
    await title.press('Enter')
    await expect.poll(() => title.getAttribute('aria-invalid')).toBe('true')
    await title.fill('Paint the hallway blue')
    await title.press('Enter')
    await task(page, 'Paint the hallway blue').getByRole('button', { name: 'Edit Paint the hallway blue' }).waitFor()
    await expectAccessible(page, 'projects')
    await screenshot(page, 'projects')

    await page.getByRole('checkbox', { name: 'Complete Paint the hallway blue' }).click()
    await page.getByText('No open tasks in this project.').waitFor()
    const open = await send('GET', '/tasks?limit=50&status=todo', { authorization: user.authorization })
    expect(open.body.items.map((item: { title: string }) => item.title)).not.toContain('Paint the hallway blue')
    await done()
  })

  it.concurrent('fits a 360 px phone: Today, quick add and projects', async ({ expect }) => {
    const user = await userWithTasks('Margaret')
    const { page, done } = await openApp(browser, phone, user)
    await today(page)
    await page.getByRole('heading', { name: 'Overdue' }).waitFor()
    await task(page, 'Renew the passport').waitFor()
    await task(page, 'Write the weekly review').waitFor()
    await page.getByLabel('Quick add (press q)').fill('Water the plants')
    await page.getByRole('button', { name: 'Add', exact: true }).click()
    await task(page, 'Water the plants').waitFor()
    await page.getByRole('checkbox', { name: 'Complete Renew the passport' }).click()
    await task(page, 'Renew the passport').waitFor({ state: 'detached' })
    // The quick-added task is shown faded until its save answers; axe judges the saved screen.
    await expect.poll(() => page.locator('[data-task-id^="pending-"]').count()).toBe(0)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await expectAccessible(page, 'today at 360 px')
    await screenshot(page, 'today-phone')
    await page.getByRole('link', { name: 'Projects' }).click()
    await page.getByRole('heading', { name: 'Inbox' }).waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await expectAccessible(page, 'projects at 360 px')
    await screenshot(page, 'projects-phone')
    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('heading', { name: 'Settings' }).waitFor()
    await expect.poll(() => page.getByLabel('Display name').inputValue()).toBe('Margaret')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await expectAccessible(page, 'settings at 360 px')
    await done()
  })

  it.concurrent('changes the profile in Settings, reloads it when stale and signs out everywhere', async ({
    expect,
  }) => {
    const user = await userWithTasks('Hedy')
    const { page, done } = await openApp(browser, desktop, user)
    await today(page)
    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('heading', { name: 'Settings' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/settings')
    const displayName = page.getByLabel('Display name')
    const dayStart = page.getByLabel('Day starts at')
    const timezone = page.getByLabel('Time zone')
    await expect.poll(() => displayName.inputValue()).toBe('Hedy')
    expect(await timezone.inputValue()).toBe('UTC')
    expect(await dayStart.inputValue()).toBe('0')

    // A blank name: the API's message shows under the name field.
    await displayName.fill('   ')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => displayName.getAttribute('aria-invalid')).toBe('true')
    const describedBy = (await displayName.getAttribute('aria-describedby'))!
    expect(await page.locator(`[id="${describedBy}"]`).innerText()).not.toBe('')

    await displayName.fill('Hedy Lamarr')
    await dayStart.selectOption('4')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()
    await page.locator('header').getByText('Hedy Lamarr').waitFor()
    const saved = await send('GET', '/auth/me', { authorization: user.authorization })
    expect(saved.body).toMatchObject({ displayName: 'Hedy Lamarr', dayStartHour: 4, timezone: 'UTC' })

    // Kept across a reload.
    await page.reload()
    await page.getByRole('heading', { name: 'Settings' }).waitFor()
    await expect.poll(() => displayName.inputValue()).toBe('Hedy Lamarr')
    expect(await dayStart.inputValue()).toBe('4')
    await expectAccessible(page, 'settings')
    await screenshot(page, 'settings')

    // Changed elsewhere meanwhile: the save is refused as stale, the form reloads and says so.
    const elsewhere = await send('PATCH', '/auth/me', {
      authorization: user.authorization,
      body: { displayName: 'H. L.' },
    })
    expect(elsewhere.status).toBe(200)
    await dayStart.selectOption('6')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('alert').filter({ hasText: 'changed elsewhere' }).waitFor()
    await expect.poll(() => displayName.inputValue()).toBe('H. L.')
    expect(await dayStart.inputValue()).toBe('4')
    await expectAccessible(page, 'settings, stale')

    // Sign out everywhere: back at sign-in, and the refresh token this browser held is refused.
    const cookie = (await page.context().cookies()).find((each) => each.name === 'focushub_refresh')!
    await page.getByRole('button', { name: 'Sign out everywhere' }).click()
    await page.getByRole('heading', { name: 'Sign in to FocusHub' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/sign-in')
    const refreshed = await send('POST', '/auth/refresh', {
      base: processes['auth-service'],
      body: { refreshToken: cookie.value },
    })
    expect(refreshed.status).toBe(401)
    expect(refreshed.headers.get('content-type')).toContain('application/problem+json')
    await page.reload()
    await page.getByRole('heading', { name: 'Sign in to FocusHub' }).waitFor()
    await done()
  })

  it.concurrent('runs a focus session on a task: start, pause, resume, complete, then abandon one', async ({
    expect,
  }) => {
    const user = await userWithTasks('Grace')
    const { page, done } = await openApp(browser, desktop, user)
    await today(page)
    await page.getByRole('link', { name: 'Focus' }).click()
    await page.getByRole('heading', { name: 'Focus', level: 1 }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/focus')
    await page.getByText('No sessions yet.').waitFor()
    const history = page.getByRole('region', { name: 'Recent sessions' }).getByRole('listitem')

    // Start on one of the open tasks: the server's session, its time left counting down each second.
    await page.getByLabel('Task (optional)').selectOption({ label: 'Write the weekly review' })
    await page.getByRole('button', { name: 'Start focus' }).click()
    const timer = page.getByRole('timer', { name: 'Time left' })
    const secondsLeft = async () => {
      const [minutes, seconds] = (await timer.innerText()).split(':').map(Number)
      return minutes! * 60 + seconds!
    }
    await timer.waitFor()
    const started = await send('GET', '/focus/sessions/current', { authorization: user.authorization })
    expect(started.body).toMatchObject({ session: { status: 'running', phase: 'work' } })
    const session = (started.body as { session: { id: string; taskId: string; remainingSeconds: number } }).session
    const tasks = await send('GET', '/tasks?limit=50', { authorization: user.authorization })
    const review = (tasks.body as { items: { id: string; title: string }[] }).items.find(
      (each) => each.title === 'Write the weekly review',
    )!
    expect(session.taskId).toBe(review.id)
    await page.getByText('On: Write the weekly review').waitFor()
    const first = await secondsLeft()
    expect(first).toBeLessThanOrEqual(25 * 60)
    await expect.poll(secondsLeft, { timeout: 5_000 }).toBeLessThan(first)

    // Pause: the time left holds; resume: it counts down again.
    await page.getByRole('button', { name: 'Pause' }).click()
    await page.getByText('Focus · paused').waitFor()
    const paused = await secondsLeft()
    await expect
      .poll(async () => (await send('GET', '/focus/sessions/current', { authorization: user.authorization })).body)
      .toMatchObject({ session: { status: 'paused' } })
    expect(await secondsLeft()).toBe(paused)
    await page.getByRole('button', { name: 'Resume' }).click()
    await page.getByRole('button', { name: 'Pause' }).waitFor()
    await expect.poll(secondsLeft, { timeout: 5_000 }).toBeLessThan(paused)

    // Complete early: back to Start focus, and the session heads the history.
    await page.getByRole('button', { name: 'Complete' }).click()
    await page.getByRole('button', { name: 'Start focus' }).waitFor()
    await history.filter({ hasText: 'Completed' }).filter({ hasText: 'Write the weekly review' }).waitFor()
    expect(await history.count()).toBe(1)

    // Another, without a task, abandoned: both in the history, newest first.
    await page.getByRole('button', { name: 'Start focus' }).click()
    await timer.waitFor()
    await expect.poll(secondsLeft, { timeout: 5_000 }).toBeLessThan(25 * 60)
    await expectAccessible(page, 'focus')
    await screenshot(page, 'focus')
    await page.getByRole('button', { name: 'Abandon' }).click()
    await page.getByRole('button', { name: 'Start focus' }).waitFor()
    await expect
      .poll(() => history.allInnerTexts())
      .toEqual([expect.stringContaining('Abandoned'), expect.stringContaining('Completed')])
    const listed = await send('GET', '/focus/sessions', { authorization: user.authorization })
    expect((listed.body as { items: { status: string }[] }).items.map((each) => each.status)).toEqual([
      'abandoned',
      'completed',
    ])
    await expectAccessible(page, 'focus, history')
    await done()
  })

  it.concurrent('follows the system dark mode, every screen readable in it', async ({ expect }) => {
    const user = await userWithTasks('Alan')
    const { page, done } = await openApp(browser, { ...desktop, colorScheme: 'dark' }, user)
    await today(page)
    await task(page, 'Write the weekly review').waitFor()
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
    expect(background).toBe('rgb(20, 20, 22)')
    await expectAccessible(page, 'today, dark')
    await screenshot(page, 'today-dark')
    // axe's contrast rules on each screen in the dark palette.
    for (const [link, heading] of [
      ['Projects', 'Inbox'],
      ['Search', 'Search'],
      ['Focus', 'Focus'],
      ['Habits', 'Habits'],
      ['Stats', 'Stats'],
      ['Achievements', 'Achievements'],
      ['Settings', 'Settings'],
    ] as const) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click()
      await page.getByRole('heading', { name: heading }).first().waitFor()
      await expect.poll(() => page.getByText(/^Loading/).count()).toBe(0)
      await expectAccessible(page, `${link.toLowerCase()}, dark`)
    }
    await done()
  })
})
