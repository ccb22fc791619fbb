import { strFromU8, unzipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, eventually, type SignedUp, send, signUp } from './client.ts'
import { edgeUrl } from './stack.ts'

/**
 * Issue #30, export, through NGINX: everything of an account, read from every service by
 * notification-service's job into a ZIP of JSON and CSV in the object storage, downloaded through a
 * short-lived link (NGINX's /storage/), and imported again into another account.
 */

// biome-ignore lint/suspicious/noExplicitAny: the ZIP's JSON is asserted field by field
type Json = any

let ada: SignedUp
let project: { id: string }
let parent: { id: string }
let habit: { id: string }
let zip: Uint8Array

const as = (user: SignedUp) => ({ authorization: user.authorization })

async function created(path: string, user: SignedUp, body: object) {
  const answer = await send('POST', path, { ...as(user), body })
  expect(answer.status, JSON.stringify(answer.body)).toBe(201)
  return answer.body
}

/** Asks for an export and waits until its job has built it. */
async function readyExport(user: SignedUp) {
  const asked = await send('POST', '/exports', as(user))
  expect(asked.status, JSON.stringify(asked.body)).toBe(202)
  expect(asked.body).toMatchObject({ state: 'pending' })
  const ready = await eventually(
    () => send('GET', `/exports/${asked.body.id}`, as(user)),
    (answer) => answer.body.state !== 'pending',
    60_000,
  )
  expect(ready.body.state, JSON.stringify(ready.body)).toBe('ready')
  return ready.body
}

const fileOf = (name: string): Json => JSON.parse(strFromU8(unzipSync(zip)[name]))

beforeAll(async () => {
  ada = await signUp({ displayName: 'Ada', timezone: 'Europe/Paris' })
  project = await created('/projects', ada, { name: 'Launch' })
  const label = await created('/labels', ada, { name: 'deep-work' })
  parent = await created('/tasks', ada, {
    projectId: project.id,
    title: 'Write the plan',
    priority: 'high',
    due: '2031-03-20',
    labelIds: [label.id],
  })
  await created('/tasks', ada, { projectId: project.id, title: 'Draft the intro', parentId: parent.id })
  habit = await created('/habits', ada, { name: 'Read' })
  const checkIn = await send('POST', `/habits/${habit.id}/check-ins`, { ...as(ada), body: { status: 'done' } })
  expect(checkIn.status, JSON.stringify(checkIn.body)).toBeLessThan(300)
  await created('/social/posts', ada, { body: 'Shipping the plan today', visibility: 'public' })
})

describe('export of an account', () => {
  it('is built in the background and downloaded through a short-lived link', async () => {
    const ready = await readyExport(ada)
    expect(ready.contents).toEqual(
      expect.arrayContaining([
        { path: 'tasks/tasks.json', items: 2 },
        { path: 'tasks/projects.json', items: 2 },
        { path: 'habits/check-ins.json', items: 1 },
      ]),
    )

    const link = await send('POST', `/exports/${ready.id}/link`, as(ada))
    expect(link.status, JSON.stringify(link.body)).toBe(200)
    expect(link.body.url).toMatch(/^\/storage\//)
    const download = await fetch(`${edgeUrl}${link.body.url}`)
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('application/zip')
    expect(download.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?focushub-export-\d{4}-\d\d-\d\d\.zip"?(;|$)/,
    )
    zip = new Uint8Array(await download.arrayBuffer())
    expect(zip.length).toBe(ready.sizeBytes)

    // The link is the key: changed, it opens nothing.
    const forged = await fetch(`${edgeUrl}${link.body.url.replace(/X-Amz-Signature=./, 'X-Amz-Signature=0')}`)
    expect(forged.status).toBe(403)

    expect(fileOf('manifest.json')).toMatchObject({ format: 'focushub-export', version: 1, userId: ada.userId })
    expect(fileOf('account/profile.json')).toMatchObject([{ email: ada.email, displayName: 'Ada' }])
    const tasks = fileOf('tasks/tasks.json')
    expect(tasks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: parent.id, title: 'Write the plan', priority: 'high', due: '2031-03-20' }),
        expect.objectContaining({ title: 'Draft the intro', parentId: parent.id }),
      ]),
    )
    expect(fileOf('tasks/projects.json').map((item: Json) => item.name)).toEqual(
      expect.arrayContaining(['Inbox', 'Launch']),
    )
    expect(fileOf('habits/habits.json')).toMatchObject([{ id: habit.id, name: 'Read' }])
    expect(fileOf('habits/check-ins.json')).toMatchObject([{ habitId: habit.id, status: 'done' }])
    expect(fileOf('social/posts.json')).toMatchObject([{ body: 'Shipping the plan today' }])
    // Every collection has its CSV twin, with a header row.
    const files = unzipSync(zip)
    expect(strFromU8(files['tasks/tasks.csv']).split('\r\n')[0]).toContain('title')
    // No secret leaves: no password or token hash anywhere in the ZIP.
    const everything = Object.values(files)
      .map((file) => strFromU8(file))
      .join('\n')
    expect(everything).not.toMatch(/\$2[aby]\$|password_hash|token_hash/i)

    // Its owner is told.
    const told = await eventually(
      () => send('GET', '/notifications', as(ada)),
      (answer) => answer.body.items?.some((item: Json) => item.kind === 'export_ready'),
    )
    expect(told.body.items.find((item: Json) => item.kind === 'export_ready').data).toEqual({ exportId: ready.id })

    // Another account sees none of it; a personal access token reaches no export.
    const eve = await signUp()
    expect((await send('GET', `/exports/${ready.id}`, as(eve))).status).toBe(404)
    expect((await send('POST', `/exports/${ready.id}/link`, as(eve))).status).toBe(404)
    const token = await created('/auth/tokens', ada, {
      name: 'script',
      scopes: ['tasks:read', 'tasks:write'],
      expiresInDays: 7,
    })
    const byToken = await send('POST', '/exports', { authorization: `Bearer ${token.token}` })
    expect(byToken.status).toBe(403)
    expect(byToken.body.code).toBe('insufficient-scope')
  })

  it('imports again into another account: its projects, tasks, labels, habits and check-ins, once', async () => {
    const grace = await signUp()
    const post = async (kind: 'tasks' | 'habits', dryRun: boolean) => {
      const response = await fetch(`${api}/imports/focushub/${kind}?dryRun=${dryRun}`, {
        method: 'POST',
        headers: { ...as(grace), 'content-type': 'application/zip' },
        body: zip,
      })
      return { status: response.status, body: (await response.json()) as Json }
    }
    const dry = await post('tasks', true)
    expect(dry.status, JSON.stringify(dry.body)).toBe(200)
    expect(dry.body).toMatchObject({ dryRun: true, created: { projects: 1, tasks: 2, labels: 1 } })
    const tasks = await post('tasks', false)
    expect(tasks.body).toMatchObject({ dryRun: false, created: { projects: 1, tasks: 2, labels: 1 } })
    const habits = await post('habits', false)
    expect(habits.status, JSON.stringify(habits.body)).toBe(200)
    expect(habits.body).toMatchObject({ created: { habits: 1, checkIns: 1 } })

    const projects = (await send('GET', '/projects?limit=50', as(grace))).body.items
    const launch = projects.find((item: Json) => item.name === 'Launch')
    const imported = (await send('GET', `/tasks?projectId=${launch.id}&limit=50`, as(grace))).body.items
    const plan = imported.find((task: Json) => task.title === 'Write the plan')
    expect(plan).toMatchObject({ priority: 'high', due: '2031-03-20' })
    expect(imported.find((task: Json) => task.title === 'Draft the intro').parentId).toBe(plan.id)
    const [read] = (await send('GET', '/habits', as(grace))).body.items
    expect(read).toMatchObject({ name: 'Read' })

    // The same file again makes nothing new.
    expect((await post('tasks', false)).body).toMatchObject({ created: { projects: 0, tasks: 0, labels: 0 } })
    expect((await post('habits', false)).body).toMatchObject({ created: { habits: 0, checkIns: 0 } })
  })

  it('answers 401 without a sign-in', async () => {
    const answer = await fetch(`${api}/exports`, { method: 'POST' })
    expect(answer.status).toBe(401)
    expect(answer.headers.get('content-type')).toContain('application/problem+json')
  })
})
