import { readFile } from 'node:fs/promises'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { type SignedUp, send, signUp } from '../client.ts'
import { desktop, expectAccessible, fitsPhone, launchBrowser, openApp, phone, screenshot } from './harness.ts'

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

/** A 64 × 64 PNG (a red disc), whose thumbnail task-service makes. */
const disc = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAIAAAAlC+aJAAAAqElEQVR42u3awQ2AMAwEwauEJ/1L1IbypQUnIfhiVnIBOz+wo9burUcAAAAAAAAAgDqA6zwiYwcIdq+QKCv9LYbS6ycNcqifMcghfYYhq/oBw88AH9T3GmRY32WQZ33c8A9ASn3QAMAfkFgfMQAAAAAAAAAAAADgcxrAWgA/9QaA7fdCFTZzLHc9ANvfBypcaIrcyCpcKSvciYtc6nnsAQAAAAAAAIzNA7+m1jNOdYgTAAAAAElFTkSuQmCC',
  'base64',
)
const notes = Buffer.from('Bring the seeds.\nWater on Sunday.\n')

/** task-service thumbnails an image in the background, after its upload completes. */
const thumbnailMade = { timeout: 30_000 }

async function seedTask(user: SignedUp, title: string) {
  const created = await send('POST', '/tasks', { authorization: user.authorization, body: { title } })
  if (created.status !== 201) throw new Error(`/tasks answered ${created.status}: ${JSON.stringify(created.body)}`)
  return created.body as { id: string; title: string }
}

/** The task's attachments as the API lists them, by name (uploads started together finish in any order). */
const attachmentNames = async (user: SignedUp, taskId: string) =>
  (await send('GET', `/tasks/${taskId}/attachments`, { authorization: user.authorization })).body.items
    .map((each: { fileName: string; status: string }) => `${each.fileName} (${each.status})`)
    .sort()

async function openTask(options: BrowserContextOptions, user: SignedUp, task: { id: string; title: string }) {
  const app = await openApp(browser, options, user, `/tasks/${task.id}`)
  await app.page.getByRole('heading', { name: task.title, level: 1 }).waitFor()
  await section(app.page).getByText('No attachments.').waitFor()
  return app
}

const section = (page: Page) => page.getByRole('region', { name: 'Attachments' })
const uploads = (page: Page) => section(page).getByRole('list', { name: 'Uploads' }).getByRole('listitem')
const files = (page: Page) => section(page).getByRole('list', { name: 'Files' }).getByRole('listitem')
const fileNames = async (page: Page) => (await files(page).locator('.attachment-name').allInnerTexts()).sort()
const fileInput = (page: Page) => section(page).locator('input[type="file"]')

/** Holds the browser's PUTs to the storage until the returned function lets them through. */
async function holdUploads(page: Page) {
  let release = () => {}
  const held = new Promise<void>((resolve) => {
    release = resolve
  })
  await page.context().route('**/storage/**', async (route) => {
    if (route.request().method() === 'PUT') await held
    await route.continue().catch(() => {})
  })
  return async () => {
    release()
    await page.context().unroute('**/storage/**')
  }
}

/** Files dropped on the drop zone, as a drag from the desktop delivers them (made in the page). */
const dropFiles = (page: Page, made: { name: string; type: string; text?: string; size?: number }[]) =>
  page.evaluate((specs) => {
    const data = new DataTransfer()
    for (const spec of specs) {
      const bytes = spec.text === undefined ? new Uint8Array(spec.size ?? 0) : new TextEncoder().encode(spec.text)
      data.items.add(new File([bytes], spec.name, { type: spec.type }))
    }
    const zone = document.querySelector('.drop-zone')
    for (const type of ['dragenter', 'dragover', 'drop'])
      zone?.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }))
  }, made)

describe('attachments in the task detail', () => {
  it.concurrent('uploads picked and dropped files with progress, previews an image, downloads, cancels and deletes', async ({
    expect,
  }) => {
    const user = await signUp({ displayName: 'Ada' })
    const task = await seedTask(user, 'Plant the herb garden')
    const { page, done } = await openTask(desktop, user, task)

    // Two files picked at once: each listed with its progress and a cancel while its bytes travel.
    const letThrough = await holdUploads(page)
    await fileInput(page).setInputFiles([
      { name: 'garden.png', mimeType: 'image/png', buffer: disc },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: notes },
    ])
    const pngProgress = section(page).getByRole('progressbar', { name: 'garden.png' })
    await pngProgress.waitFor()
    expect(await pngProgress.evaluate((bar: HTMLProgressElement) => bar.max)).toBe(disc.length)
    await section(page).getByRole('progressbar', { name: 'notes.txt' }).waitFor()
    expect(await section(page).getByRole('button', { name: 'Cancel notes.txt' }).isEnabled()).toBe(true)
    await letThrough()
    await expect.poll(() => fileNames(page)).toEqual(['garden.png', 'notes.txt'])
    expect(await uploads(page).count()).toBe(0)
    expect(await files(page).filter({ hasText: 'notes.txt' }).innerText()).toContain('34 bytes')
    expect(await attachmentNames(user, task.id)).toEqual(['garden.png (ready)', 'notes.txt (ready)'])

    // The image's thumbnail shows once made, without a reload; the text file says its type.
    const preview = files(page).filter({ hasText: 'garden.png' }).locator('img')
    await preview.waitFor(thumbnailMade)
    await expect.poll(() => preview.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0)
    expect(await files(page).filter({ hasText: 'notes.txt' }).locator('.file-type').innerText()).toBe('Text')

    // Dropped: a CSV is uploaded, a file over the limit refused here in task-service's words.
    await dropFiles(page, [
      { name: 'harvest.csv', type: 'text/csv', text: 'herb,grams\nbasil,120\n' },
      { name: 'scan.pdf', type: 'application/pdf', size: 30 * 1024 * 1024 },
    ])
    const refused = uploads(page).filter({ hasText: 'scan.pdf' })
    expect(await refused.getByRole('alert').innerText()).toBe('An attachment may have at most 25 MB')
    await expect.poll(() => fileNames(page)).toEqual(['garden.png', 'harvest.csv', 'notes.txt'])
    expect(await attachmentNames(user, task.id)).toEqual([
      'garden.png (ready)',
      'harvest.csv (ready)',
      'notes.txt (ready)',
    ])
    await expectAccessible(page, 'task attachments')
    await screenshot(page, 'task-attachments')
    await refused.getByRole('button', { name: 'Dismiss scan.pdf' }).click()
    await expect.poll(() => uploads(page).count()).toBe(0)

    // Downloaded as the bytes uploaded, under its name.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section(page).getByRole('button', { name: 'Download notes.txt' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('notes.txt')
    expect(await readFile(await download.path())).toEqual(notes)

    // Cancelled while its bytes travel: gone, and what was announced withdrawn.
    const holdAgain = await holdUploads(page)
    await fileInput(page).setInputFiles([{ name: 'later.txt', mimeType: 'text/plain', buffer: notes }])
    await section(page).getByRole('progressbar', { name: 'later.txt' }).waitFor()
    const [withdrawn] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'DELETE'),
      section(page).getByRole('button', { name: 'Cancel later.txt' }).click(),
    ])
    expect(withdrawn.status()).toBe(204)
    await expect.poll(() => uploads(page).count()).toBe(0)
    await holdAgain()

    // Deleted once confirmed.
    await section(page).getByRole('button', { name: 'Delete notes.txt' }).click()
    const confirm = page.getByRole('dialog', { name: 'Delete “notes.txt”?' })
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click()
    await expect.poll(() => fileNames(page)).toEqual(['garden.png', 'harvest.csv'])
    await expect.poll(() => attachmentNames(user, task.id)).toEqual(['garden.png (ready)', 'harvest.csv (ready)'])
    await page.reload()
    await expect.poll(() => fileNames(page)).toEqual(['garden.png', 'harvest.csv'])
    await done()
  })

  it.concurrent('on a 360 px phone, shows task-service refusing a file that is not what it says', async ({
    expect,
  }) => {
    const user = await signUp({ displayName: 'Ben' })
    const task = await seedTask(user, 'Photograph the seedlings before they are planted out in the raised beds')
    const { page, done } = await openTask(phone, user, task)

    // Named and typed a PNG, but text: the completion is refused and the upload discarded.
    await fileInput(page).setInputFiles([
      { name: 'seedlings.png', mimeType: 'image/png', buffer: notes },
      { name: 'a-rather-long-name-for-the-planting-schedule-of-spring.txt', mimeType: 'text/plain', buffer: notes },
    ])
    const refused = uploads(page).filter({ hasText: 'seedlings.png' })
    expect(await refused.getByRole('alert').innerText()).toMatch(/not of type image\/png/)
    await expect.poll(() => fileNames(page)).toEqual(['a-rather-long-name-for-the-planting-schedule-of-spring.txt'])
    expect(await attachmentNames(user, task.id)).toEqual([
      'a-rather-long-name-for-the-planting-schedule-of-spring.txt (ready)',
    ])
    expect(await fitsPhone(page)).toBe(true)
    await expectAccessible(page, 'task attachments on a phone')
    await screenshot(page, 'task-attachments-phone')
    await done()
  })
})
