import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
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

/** The date (YYYY-MM-DD) of the first Monday at least a week from today. */
function mondayAfterAWeek() {
  const day = new Date(Date.now() + 7 * 86_400_000)
  while (day.getUTCDay() !== 1) day.setUTCDate(day.getUTCDate() + 1)
  return day.toISOString().slice(0, 10)
}

async function seed(user: SignedUp, path: string, body: unknown) {
  const created = await send('POST', path, { authorization: user.authorization, body })
  if (created.status !== 201) throw new Error(`${path} answered ${created.status}: ${JSON.stringify(created.body)}`)
  return created.body as { id: string; version: number; projectId: string }
}

const getTask = async (user: SignedUp, id: string) => send('GET', `/tasks/${id}`, { authorization: user.authorization })

/** The app opened at the task's address (one sign-in refresh of the per-IP budget all tests share). */
async function openTask(options: BrowserContextOptions, user: SignedUp, task: { id: string }, title: string) {
  const app = await openApp(browser, options, user, `/tasks/${task.id}`)
  await app.page.getByRole('heading', { name: title, level: 1 }).waitFor()
  return app
}

/** The message under a field, as its aria-describedby names it. */
async function messageUnder(page: Page, label: string) {
  const field = page.getByLabel(label, { exact: true })
  const describedBy = await field.getAttribute('aria-describedby')
  return describedBy ? page.locator(`[id="${describedBy}"]`).innerText() : ''
}

describe('the task detail screen', () => {
  it.concurrent('edits every field, moves the task, adds labels and a weekly recurrence, all kept across a reload', async ({
    expect,
  }) => {
    const user = await signUp({ displayName: 'Ada', timezone: 'Europe/Berlin' })
    await seed(user, '/labels', { name: 'Errands', color: '#2e7d32' })
    const task = await seed(user, '/tasks', { title: 'Plan the garden' })
    const backyard = await seed(user, '/projects', { name: 'Backyard' })
    const { page, done } = await openTask(desktop, user, task, 'Plan the garden')
    await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: 'Inbox' }).waitFor()

    const monday = mondayAfterAWeek()
    await page.getByLabel('Description', { exact: true }).fill('Beds by the fence, then the herbs.')
    await page.getByLabel('Priority', { exact: true }).selectOption('high')
    await page.getByLabel('Project', { exact: true }).selectOption({ label: 'Backyard' })
    await page.getByLabel('Due date', { exact: true }).fill(monday)
    await page.getByLabel('Time (optional)', { exact: true }).fill('09:30')

    // One label picked, one created inline: both on the task.
    await page.getByLabel('Add a label', { exact: true }).selectOption({ label: 'Errands' })
    await page.getByLabel('New label', { exact: true }).fill('Garden')
    await page.getByRole('button', { name: 'Create label' }).click()
    const chips = page.getByRole('list', { name: 'Labels on this task' }).getByRole('listitem')
    await expect
      .poll(() => chips.allInnerTexts())
      .toEqual([expect.stringContaining('Errands'), expect.stringContaining('Garden')])

    // Every week on Monday and Thursday, 4 times: the 4 dates of the series, from the due date.
    await page.getByLabel('Repeat', { exact: true }).selectOption('weekly')
    await page.getByRole('checkbox', { name: 'Mon', exact: true }).check()
    await page.getByRole('checkbox', { name: 'Thu', exact: true }).check()
    await page.getByRole('radio', { name: 'After a number of times' }).check()
    await page.getByLabel('Times', { exact: true }).fill('4')
    const preview = page.getByRole('list', { name: 'Next dates' }).getByRole('listitem')
    await expect.poll(() => preview.count()).toBe(4)
    expect(await preview.allInnerTexts()).toEqual([
      expect.stringMatching(/^Mon.*9:30/),
      expect.stringMatching(/^Thu/),
      expect.stringMatching(/^Mon/),
      expect.stringMatching(/^Thu/),
    ])
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()
    await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: 'Backyard' }).waitFor()

    const saved = (await getTask(user, task.id)).body
    expect(saved).toMatchObject({
      description: 'Beds by the fence, then the herbs.',
      priority: 'high',
      projectId: backyard.id,
      allDay: false,
      recurrence: { from: 'due' },
    })
    expect(new Date(saved.dueAt).toISOString()).toBe(new Date(`${monday}T08:30:00Z`).toISOString())
    expect(saved.labelIds).toHaveLength(2)
    expect(saved.recurrence.rrule.split(';').sort()).toEqual(['BYDAY=MO,TH', 'COUNT=4', 'FREQ=WEEKLY'])

    await page.reload()
    await page.getByRole('heading', { name: 'Plan the garden', level: 1 }).waitFor()
    await expect.poll(() => page.getByLabel('Description', { exact: true }).inputValue()).toContain('Beds by the fence')
    expect(await page.getByLabel('Priority', { exact: true }).inputValue()).toBe('high')
    await expect.poll(() => page.getByLabel('Project', { exact: true }).inputValue()).toBe(backyard.id)
    expect(await page.getByLabel('Due date', { exact: true }).inputValue()).toBe(monday)
    expect(await page.getByLabel('Time (optional)', { exact: true }).inputValue()).toBe('09:30')
    await expect.poll(() => chips.count()).toBe(2)
    expect(await page.getByLabel('Repeat', { exact: true }).inputValue()).toBe('weekly')
    expect(await page.getByRole('checkbox', { name: 'Mon', exact: true }).isChecked()).toBe(true)
    expect(await page.getByRole('checkbox', { name: 'Thu', exact: true }).isChecked()).toBe(true)
    expect(await page.getByLabel('Times', { exact: true }).inputValue()).toBe('4')
    await expect.poll(() => preview.count()).toBe(4)
    await expectAccessible(page, 'task detail')
    await screenshot(page, 'task-detail')
    await done()
  })

  it.concurrent('shows refused values under their field, reloads a task changed elsewhere, removes a label', async ({
    expect,
  }) => {
    const user = await signUp({ displayName: 'Grace' })
    const outdoor = await seed(user, '/labels', { name: 'Outdoor' })
    const task = await seed(user, '/tasks', {
      title: 'Water the plants',
      due: mondayAfterAWeek(),
      labelIds: [outdoor.id],
    })
    const { page, done } = await openTask(desktop, user, task, 'Water the plants')

    // An interval that is no number of days: said under "Every", nothing sent.
    await page.getByLabel('Repeat', { exact: true }).selectOption('daily')
    await page.getByLabel('Every', { exact: true }).fill('0')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => page.getByLabel('Every', { exact: true }).getAttribute('aria-invalid')).toBe('true')
    expect(await messageUnder(page, 'Every')).toMatch(/whole number from 1/)

    // Every 20 years: the API refuses the rule (no occurrence within its horizon), said under "Repeat".
    await page.getByLabel('Repeat', { exact: true }).selectOption('yearly')
    await page.getByLabel('Every', { exact: true }).fill('20')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => page.getByLabel('Repeat', { exact: true }).getAttribute('aria-invalid')).toBe('true')
    expect(await messageUnder(page, 'Repeat')).toMatch(/no occurrence within 10 years/)
    expect((await getTask(user, task.id)).body.recurrence).toBeNull()

    // A blank title, refused under the title.
    await page.getByLabel('Repeat', { exact: true }).selectOption('none')
    await page.getByLabel('Title', { exact: true }).fill('   ')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => page.getByLabel('Title', { exact: true }).getAttribute('aria-invalid')).toBe('true')
    await expectAccessible(page, 'task detail, refused')

    // Renamed elsewhere meanwhile: the save is refused as stale, the form reloads and says so.
    const elsewhere = await send('PATCH', `/tasks/${task.id}`, {
      authorization: user.authorization,
      body: { title: 'Water the orchids' },
    })
    expect(elsewhere.status).toBe(200)
    await page.getByLabel('Title', { exact: true }).fill('Water the ferns')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: 'changed elsewhere' }).waitFor()
    await expect.poll(() => page.getByLabel('Title', { exact: true }).inputValue()).toBe('Water the orchids')
    expect((await getTask(user, task.id)).body.title).toBe('Water the orchids')

    // Saved again from the version reloaded, a label removed.
    await page.getByRole('button', { name: 'Remove label Outdoor' }).click()
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()
    expect((await getTask(user, task.id)).body).toMatchObject({ title: 'Water the orchids', labelIds: [] })
    await done()
  })

  it.concurrent('fits a 360 px phone; adds, completes and opens a subtask; deletes a task once confirmed', async ({
    expect,
  }) => {
    const user = await signUp({ displayName: 'Margaret' })
    const project = await seed(user, '/projects', { name: 'Moon landing' })
    const task = await seed(user, '/tasks', { title: 'Write the guidance software', projectId: project.id })
    const { page, done } = await openTask(phone, user, task, 'Write the guidance software')

    // A subtask, added and completed: shown done at once, done in the API.
    await page.getByLabel('New subtask', { exact: true }).fill('Test the restarts')
    await page.getByRole('button', { name: 'Add subtask' }).click()
    const complete = page.getByRole('checkbox', { name: 'Complete Test the restarts' })
    await complete.click()
    await expect.poll(() => complete.isDisabled()).toBe(true)
    expect(await complete.isChecked()).toBe(true)
    const subtasks = () => send('GET', `/tasks?parentId=${task.id}`, { authorization: user.authorization })
    await expect
      .poll(async () => (await subtasks()).body.items)
      .toMatchObject([{ title: 'Test the restarts', status: 'done', projectId: project.id }])
    const subtask = (await subtasks()).body.items[0] as { id: string }

    await page.getByLabel('Repeat', { exact: true }).selectOption('weekly')
    await page.getByRole('list', { name: 'Next dates' }).waitFor({ state: 'detached' })
    await page.getByText('A repeating task needs a due date').waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await expectAccessible(page, 'task detail at 360 px')
    await screenshot(page, 'task-detail-phone')

    await page.getByRole('link', { name: 'Test the restarts' }).click()
    await page.getByRole('heading', { name: 'Test the restarts', level: 1 }).waitFor()
    expect(new URL(page.url()).pathname).toBe(`/tasks/${subtask.id}`)
    await page
      .getByRole('navigation', { name: 'Breadcrumbs' })
      .getByRole('link', { name: 'Write the guidance software' })
      .click()
    await page.getByRole('heading', { name: 'Write the guidance software', level: 1 }).waitFor()

    // Cancelled: nothing deleted. Confirmed: gone with its subtask, back at its project.
    await page.getByRole('button', { name: 'Delete task…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Delete “Write the guidance software”?' })
    await dialog.waitFor()
    await expectAccessible(page, 'delete confirmation')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect((await getTask(user, task.id)).status).toBe(200)
    await page.getByRole('button', { name: 'Delete task…' }).click()
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click()
    await page.waitForURL(`**/projects/${project.id}`)
    expect((await getTask(user, task.id)).status).toBe(404)
    expect((await getTask(user, subtask.id)).status).toBe(404)
    await done()
  })
})
