import { randomUUID } from 'node:crypto'
import { anyCursor } from '@focushub/shared/testing'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Answer, send, signUp } from './client.ts'

/**
 * Every list's `?cursor=` through NGINX: a cursor outside the pattern the document declares
 * answers 400 problem+json, any cursor inside it (forged or not) a page — never a 5xx.
 */

const base64url = (text: string) => Buffer.from(text).toString('base64url')

let authorization: string
let lists: string[]
/** The rooms' lists, read by a user of their own: one user's rate budget (600 a minute) holds only so many lists. */
let roomLists: string[]
let roomHost: string

beforeAll(async () => {
  const user = await signUp()
  authorization = user.authorization
  const call = (path: string, body: unknown) => send('POST', path, { authorization, body })
  const project = await call('/projects', { name: 'Cursors' })
  expect(project.status).toBe(201)
  for (const [priority, due] of [
    ['high', '2026-01-05T10:00:00.000Z'],
    ['low', undefined],
  ]) {
    const task = await call('/tasks', { title: `Task ${priority}`, projectId: project.body.id, priority, due })
    expect(task.status).toBe(201)
  }
  for (const name of ['Read', 'Run']) expect((await call('/habits', { name })).status).toBe(201)
  for (const name of ['home', 'work']) expect((await call('/labels', { name })).status).toBe(201)
  roomHost = (await signUp()).authorization
  const asHost = (path: string, body: unknown) => send('POST', path, { authorization: roomHost, body })
  const room = await asHost('/focus/rooms', { name: 'Cursors', visibility: 'public', tags: ['cursors'] })
  expect(room.status).toBe(201)
  expect((await asHost(`/focus/rooms/${room.body.id}/messages`, { body: 'one' })).status).toBe(201)
  roomLists = [
    '/focus/rooms',
    '/focus/rooms?tag=cursors',
    '/focus/rooms/invitations',
    `/focus/rooms/${room.body.id}/messages`,
    `/focus/rooms/${room.body.id}/bans`,
    `/focus/rooms/${room.body.id}/invite-links`,
  ]
  const tasks = ['created', '-created', 'due', 'priority', 'position'].map((sort) => `/tasks?sort=${sort}`)
  lists = [
    ...tasks,
    '/projects',
    '/projects?archived=true',
    `/projects/${project.body.id}/members`,
    `/projects/${project.body.id}/invitations`,
    '/invitations',
    '/labels',
    '/focus/sessions',
    '/focus/sessions/shared',
    '/habits',
    '/habits?archived=true',
    '/achievements',
  ]
})

/** Every list with the user who reads it. */
const everyList = () => [
  ...lists.map((list) => ({ list, reader: authorization })),
  ...roomLists.map((list) => ({ list, reader: roomHost })),
]

const page = (list: string, cursor: string, reader = authorization) =>
  send('GET', `${list}${list.includes('?') ? '&' : '?'}limit=1&cursor=${encodeURIComponent(cursor)}`, {
    authorization: reader,
  })

/** The document's path a list is served at (its ids matched against the path's parameters). */
const documentedPath = (paths: Record<string, unknown>, list: string) => {
  const path = `/api/v1${list.split('?')[0]}`
  const pattern = (template: string) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`)
  // A path served as written wins over a template it also matches (`/focus/rooms/invitations`, not `{id}`).
  if (path in paths) return path
  return Object.keys(paths).find((template) => template.includes('{') && pattern(template).test(path))
}

function expectPageOrProblem(answer: Answer, cursor: string) {
  const context = `cursor ${cursor} answered ${answer.status} ${JSON.stringify(answer.body)}`
  if (answer.status === 200) {
    expect(Array.isArray(answer.body.items), context).toBe(true)
    return
  }
  expect(answer.status, context).toBe(400)
  expect(answer.headers.get('content-type'), context).toMatch(/^application\/problem\+json/)
}

describe('list cursors', () => {
  it('answer 400 problem+json for the forged cursors of the security review', async () => {
    const forged = [
      ['/tasks?sort=due', base64url(`{"sort":"due","key":"not-a-date","id":"${randomUUID()}"}`)],
      ['/tasks?sort=priority', base64url(`{"sort":"priority","key":1e400,"id":"${randomUUID()}"}`)],
    ]
    for (const [list, cursor] of forged) {
      const answer = await page(list, cursor)
      expect(answer.status).toBe(400)
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/)
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: '/querystring/cursor' })])
    }
  })

  it("serve the next page for the server's own cursor on every list", async () => {
    for (const { list, reader } of everyList()) {
      const first = await send('GET', `${list}${list.includes('?') ? '&' : '?'}limit=1`, { authorization: reader })
      expect(first.status, list).toBe(200)
      if (first.body.nextCursor === null) continue
      expect((await page(list, first.body.nextCursor, reader)).status, list).toBe(200)
    }
  })

  it('serve a page for every cursor the document declares, forged or not, on every list', async () => {
    const document = (await send('GET', '/openapi.json')).body
    for (const { list, reader } of everyList()) {
      const path = documentedPath(document.paths, list) as string
      const parameters = document.paths[path].get.parameters as { name: string; schema: { pattern: string } }[]
      const declared = new RegExp(parameters.find((parameter) => parameter.name === 'cursor')?.schema.pattern ?? '')
      await fc.assert(
        fc.asyncProperty(fc.stringMatching(declared), async (cursor) => {
          const answer = await page(list, cursor, reader)
          expect(answer.status, `${list} ${cursor} ${JSON.stringify(answer.body)}`).toBe(200)
        }),
        // Few: the next test spends most of the user's rate budget (600 a minute).
        { numRuns: 3 },
      )
    }
  }, 120_000)

  it('answer every random cursor, well-formed or not, with a page or a 400 problem, on every list', async () => {
    for (const { list, reader } of everyList()) {
      await fc.assert(
        fc.asyncProperty(anyCursor, async (cursor) => {
          expectPageOrProblem(await page(list, cursor, reader), cursor)
        }),
        { numRuns: 30 },
      )
    }
  }, 120_000)
})
