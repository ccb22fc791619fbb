import { zipSync } from 'fflate'
import type { Browser, Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { send, signUp } from '../client.ts'
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
 * Issue #30's import from Todoist in Settings, against the local stack: a project's CSV (Todoist's template
 * format) checked, imported and imported again; a file that is not one refused in the API's words; a backup
 * ZIP of two projects, on a phone.
 */

const csv = [
  'TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE',
  'section,Planning,,,,,,,,',
  'task,Write the plan @work,The whole plan,1,1,,,2031-03-20,en,UTC',
  'note,Remember the budget,,,,,,,,',
  'task,Draft the intro,,2,2,,,2031-03-18 09:30,en,UTC',
  'task,Buy milk @home,,4,1,,,every monday,en,UTC',
  '',
].join('\n')

const file = (name: string, mimeType: string, content: string | Uint8Array) => ({
  name,
  mimeType,
  buffer: Buffer.from(content),
})

/** The section's file input, given `chosen` as if picked. */
const choose = (section: Locator, chosen: ReturnType<typeof file>) =>
  section.getByLabel('Todoist file (.csv or .zip)').setInputFiles(chosen)

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

describe('Import from Todoist in the web app (issue #30)', { timeout: flowTimeout }, () => {
  it.concurrent('checks a CSV, imports it, opens its project, and imports nothing new the second time', async ({
    expect,
  }) => {
    const user = await signUp({ displayName: 'Tove' })
    const { page, done } = await openApp(browser, desktop, user, '/settings')
    const section = page.getByRole('region', { name: 'Import from Todoist' })
    await section.waitFor(firstScreen)
    const status = section.getByRole('status')

    // No file yet: asked for one. A CSV: its project named after it, editable; a blank name refused under it.
    await section.getByRole('button', { name: 'Check' }).click()
    await section.getByText('Choose a file exported from Todoist.').waitFor()
    await choose(section, file('Launch.csv', 'text/csv', csv))
    expect(await section.getByText('Choose a file exported from Todoist.').count()).toBe(0)
    const name = section.getByLabel('Project name')
    expect(await name.inputValue()).toBe('Launch')
    await name.fill(' ')
    await section.getByRole('button', { name: 'Check' }).click()
    await section.getByText('Enter a name for the project.').waitFor()
    expect(await name.getAttribute('aria-invalid')).toBe('true')
    await name.fill('Launch')

    // The dry run: what it will make, and what it cannot carry over; nothing made yet.
    await section.getByRole('button', { name: 'Check' }).click()
    await status.getByText('Will create 1 project, 3 tasks and 2 labels; 0 already imported.').waitFor()
    await section.getByRole('heading', { name: 'What importing Launch.csv will make' }).waitFor()
    const projects = section.getByRole('list', { name: 'Projects' })
    await projects.getByText('new project · 3 tasks to create').waitFor()
    expect(await projects.getByRole('link').count()).toBe(0)
    const notes = section.getByRole('list', { name: 'Not carried over' })
    expect(await notes.getByRole('listitem').allInnerTexts()).toEqual([
      'Line 2: section "Planning" not imported (its tasks are)',
      'Line 6: due "every monday" is not a date FocusHub reads: kept in the description',
    ])
    const before = await send('GET', '/projects', { authorization: user.authorization })
    expect(before.body.items.map((project: { name: string }) => project.name)).not.toContain('Launch')
    await expectAccessible(page, 'settings, import from Todoist checked')
    await screenshot(page, 'settings-import')

    // Imported: what was made, the focus on it, the project linked.
    await section.getByRole('button', { name: 'Import' }).click()
    await status.getByText('Created 1 project, 3 tasks and 2 labels; 0 already imported.').waitFor()
    const heading = section.getByRole('heading', { name: 'Imported Launch.csv' })
    await expect.poll(() => heading.evaluate((element) => element === document.activeElement)).toBe(true)
    await projects.getByText('new project · 3 tasks created').waitFor()
    expect(await section.getByRole('button', { name: 'Import' }).count()).toBe(0)
    await expectAccessible(page, 'settings, import from Todoist done')

    // The project's screen lists its tasks, and the nav and the label filter know what was made, unreloaded.
    await projects.getByRole('link', { name: 'Launch' }).click()
    await page.getByRole('heading', { name: 'Launch', level: 2 }).waitFor()
    const projectNav = page.getByRole('navigation', { name: 'Projects' })
    expect(await projectNav.getByRole('link', { name: 'Launch' }).getAttribute('aria-current')).toBe('page')
    for (const title of ['Write the plan', 'Draft the intro', 'Buy milk']) await page.getByText(title).first().waitFor()
    await page.getByRole('button', { name: 'Filters' }).click()
    await expect
      .poll(() => page.getByLabel('Label').locator('option').allInnerTexts())
      .toEqual(expect.arrayContaining(['work', 'home']))

    // The same file again: nothing new, 3 already imported.
    await page.goBack()
    await section.waitFor()
    await choose(section, file('Launch.csv', 'text/csv', csv))
    expect(await status.innerText()).toBe('')
    await section.getByRole('button', { name: 'Check' }).click()
    await status.getByText('Nothing new to create; 3 already imported.').waitFor()
    await projects.getByText('imported before · 0 tasks to create · 3 already imported').waitFor()
    await section.getByRole('button', { name: 'Import' }).click()
    await status.getByText('Created nothing new; 3 already imported.').waitFor()
    await projects.getByRole('link', { name: 'Launch' }).waitFor()
    const projectId = new URL(
      (await projects.getByRole('link', { name: 'Launch' }).getAttribute('href')) ?? '',
      page.url(),
    ).pathname.split('/')[2]
    const tasks = await send('GET', `/tasks?projectId=${projectId}&limit=200`, { authorization: user.authorization })
    expect(tasks.body.items).toHaveLength(3)
    await done()
  })

  it.concurrent('refuses a file that is not from Todoist, and checks and imports a backup ZIP on a phone', async ({
    expect,
  }) => {
    const user = await signUp({ displayName: 'Ines' })
    const { page, done } = await openApp(browser, phone, user, '/settings')
    const section = page.getByRole('region', { name: 'Import from Todoist' })
    await section.waitFor(firstScreen)
    const status = section.getByRole('status')

    // Not a Todoist CSV: the API's detail.
    await choose(section, file('contacts.csv', 'text/csv', 'name,email\nAda,a@b.c\n'))
    await section.getByRole('button', { name: 'Check' }).click()
    const refusal = section.getByRole('alert')
    await refusal.getByText('contacts: not a Todoist CSV (no TYPE and CONTENT columns)').waitFor()

    // A backup: one project a CSV, no project name to give; another file clears the refusal.
    const zip = zipSync({
      'Home [2203306141].csv': new TextEncoder().encode(csv),
      'Work.csv': new TextEncoder().encode('TYPE,CONTENT,PRIORITY,INDENT\ntask,Ship it,1,1\ntask,Tell the team,,1\n'),
    })
    await choose(section, file('Todoist backup.zip', 'application/zip', zip))
    expect(await refusal.count()).toBe(0)
    expect(await section.getByLabel('Project name').count()).toBe(0)
    await section.getByText('Each CSV in the ZIP becomes a project named after its file.').waitFor()
    await section.getByRole('button', { name: 'Check' }).click()
    await status.getByText('Will create 2 projects, 5 tasks and 2 labels; 0 already imported.').waitFor()
    const projects = section.getByRole('list', { name: 'Projects' })
    const lines = await projects.getByRole('listitem').allInnerTexts()
    expect(lines.map((line) => line.replace(/\s+/g, ' '))).toEqual([
      'Home new project · 3 tasks to create',
      'Work new project · 2 tasks to create',
    ])
    await section
      .getByRole('list', { name: 'Not carried over' })
      .getByText('Home, line 2: section "Planning"')
      .waitFor()
    await expectAccessible(page, 'settings, import from Todoist on a phone')
    expect(await fitsPhone(page)).toBe(true)
    await screenshot(page, 'settings-import-phone')

    await section.getByRole('button', { name: 'Import' }).click()
    await status.getByText('Created 2 projects, 5 tasks and 2 labels; 0 already imported.').waitFor()
    await projects.getByRole('link', { name: 'Work' }).waitFor()
    expect(await fitsPhone(page)).toBe(true)
    const mine = await send('GET', '/projects', { authorization: user.authorization })
    expect(mine.body.items.map((project: { name: string }) => project.name)).toEqual(
      expect.arrayContaining(['Home', 'Work']),
    )

    // A file that is neither a CSV nor a ZIP is refused here, before anything is sent.
    await choose(section, file('notes.txt', 'text/plain', 'hello'))
    await section.getByText('Choose a .csv or .zip file exported from Todoist.').waitFor()
    expect(await section.getByRole('list', { name: 'Projects' }).count()).toBe(0)
    await done()
  })
})
