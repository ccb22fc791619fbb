import { randomUUID } from 'node:crypto'
import { anyCursor } from '@focushub/shared/testing'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Answer, send, signUp } from './client.ts'

/**
 * Every list's `?cursor=` through NGINX: a cursor the server did not write answers 400
 * problem+json, a forged one of the right shape at worst a valid page — never a 5xx.
 */

const base64url = (text: string) => Buffer.from(text).toString('base64url')

let authorization: string
let lists: string[]

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

const page = (list: string, cursor: string) =>
  send('GET', `${list}${list.includes('?') ? '&' : '?'}limit=1&cursor=${encodeURIComponent(cursor)}`, {
    authorization,
  })

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
      expect(answer.body.errors).toEqual([{ field: '/querystring/cursor', message: 'is not a cursor' }])
    }
  })

  it("serve the next page for the server's own cursor on every list", async () => {
    for (const list of lists) {
      const first = await send('GET', `${list}${list.includes('?') ? '&' : '?'}limit=1`, { authorization })
      expect(first.status, list).toBe(200)
      if (first.body.nextCursor === null) continue
      expect((await page(list, first.body.nextCursor)).status, list).toBe(200)
    }
  })

  it('answer every random cursor, well-formed or not, with a page or a 400 problem, on every list', async () => {
    for (const list of lists) {
      await fc.assert(
        fc.asyncProperty(anyCursor, async (cursor) => {
          expectPageOrProblem(await page(list, cursor), cursor)
        }),
        { numRuns: 30 },
      )
    }
  }, 120_000)
})
