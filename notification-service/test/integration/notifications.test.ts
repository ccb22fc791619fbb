import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  deliverEvents,
  expectProblem,
  invitation,
  newUser,
  outboxEvents,
  startNotificationService,
  type TestService,
} from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startNotificationService()
})
afterAll(() => service.close())

interface Item {
  id: string
  title: string
  readAt: string | null
}

async function call(userId: string, method: 'GET' | 'POST' | 'DELETE', url: string) {
  return service.app.inject({ method, url, headers: await service.bearer(userId) })
}

async function ok(userId: string, method: 'GET' | 'POST', url: string) {
  const response = await call(userId, method, url)
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

/** Gives the user `count` notifications, told one after another ("Project 0" oldest), and answers their ids newest first. */
async function seed(userId: string, count: number) {
  for (let i = 0; i < count; i++) await deliverEvents(service, [invitation(userId, `Project ${i}`)])
  const page = await ok(userId, 'GET', '/notifications?limit=200')
  return (page.items as Item[]).map((item) => item.id)
}

/** Every item of a list, page by page. */
async function walk(userId: string, query: string, limit: number) {
  const items: Item[] = []
  let cursor: string | null = null
  do {
    const suffix: string = cursor ? `&cursor=${cursor}` : ''
    const page = await ok(userId, 'GET', `/notifications?limit=${limit}${query}${suffix}`)
    expect(page.items.length).toBeLessThanOrEqual(limit)
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return items
}

describe('GET /notifications', () => {
  it('pages the inbox newest first', async () => {
    const me = newUser()
    const ids = await seed(me, 5)
    const items = await walk(me, '', 2)
    expect(items.map((item) => item.id)).toEqual(ids)
    expect(items.map((item) => item.title)).toEqual([4, 3, 2, 1, 0].map((i) => `Invitation to Project ${i}`))
    expect(items[0]).toMatchObject({
      kind: 'project_invitation',
      readAt: null,
      data: { projectId: expect.any(String) },
    })
  })

  it('puts the unread ones first with order=unread, and filters with unread=', async () => {
    const me = newUser()
    const ids = await seed(me, 5)
    await ok(me, 'POST', `/notifications/${ids[0]}/read`)
    await ok(me, 'POST', `/notifications/${ids[3]}/read`)
    const unreadFirst = await walk(me, '&order=unread', 2)
    expect(unreadFirst.map((item) => item.id)).toEqual([ids[1], ids[2], ids[4], ids[0], ids[3]])
    expect((await walk(me, '&unread=true', 2)).map((item) => item.id)).toEqual([ids[1], ids[2], ids[4]])
    expect((await walk(me, '&unread=false&order=unread', 1)).map((item) => item.id)).toEqual([ids[0], ids[3]])
    expect(await ok(me, 'GET', '/notifications/unread-count')).toEqual({ unread: 3 })
  })

  it('shows no one else their notifications', async () => {
    const me = newUser()
    await seed(newUser(), 2)
    expect(await ok(me, 'GET', '/notifications')).toEqual({ items: [], nextCursor: null })
    expect(await ok(me, 'GET', '/notifications/unread-count')).toEqual({ unread: 0 })
  })

  it.each([
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
    ['order=oldest', 'order'],
    ['unread=maybe', 'unread'],
    ['colour=red', ''],
  ])('refuses ?%s with 400 problem+json', async (query, field) => {
    const response = await call(newUser(), 'GET', `/notifications?${query}`)
    const problem = expectProblem(response, 400, 'validation-failed')
    expect(response.headers['content-type']).toContain('application/problem+json')
    if (field) expect(JSON.stringify(problem.errors)).toContain(field)
  })

  it('needs a token', async () => {
    const response = await service.app.inject({ url: '/notifications' })
    expectProblem(response, 401, 'unauthorized')
  })
})

describe('marking read and deleting', () => {
  it('marks one read once, publishing the new unread count', async () => {
    const me = newUser()
    const [newest] = await seed(me, 2)
    const read = await ok(me, 'POST', `/notifications/${newest}/read`)
    expect(read).toMatchObject({ id: newest, readAt: expect.any(String) })
    const again = await ok(me, 'POST', `/notifications/${newest}/read`)
    expect(again.readAt).toBe(read.readAt)
    const events = await outboxEvents(service.db, { type: 'notification.read', userId: me })
    expect(events.map((event) => event.data)).toEqual([{ notificationId: newest, readAt: read.readAt, unreadCount: 1 }])
  })

  it('marks all read, and a second time marks none', async () => {
    const me = newUser()
    await seed(me, 3)
    expect(await ok(me, 'POST', '/notifications/read-all')).toEqual({ marked: 3 })
    expect(await ok(me, 'POST', '/notifications/read-all')).toEqual({ marked: 0 })
    expect(await ok(me, 'GET', '/notifications/unread-count')).toEqual({ unread: 0 })
    const events = await outboxEvents(service.db, { type: 'notification.all_read', userId: me })
    expect(events.map((event) => event.data)).toEqual([{ readAt: expect.any(String), marked: 3, unreadCount: 0 }])
  })

  it('deletes one; then it is gone', async () => {
    const me = newUser()
    const [newest, older] = await seed(me, 2)
    expect((await call(me, 'DELETE', `/notifications/${newest}`)).statusCode).toBe(204)
    expectProblem(await call(me, 'DELETE', `/notifications/${newest}`), 404, 'not-found')
    expect((await ok(me, 'GET', '/notifications')).items.map((item: Item) => item.id)).toEqual([older])
    const events = await outboxEvents(service.db, { type: 'notification.deleted', userId: me })
    expect(events.map((event) => event.data)).toEqual([{ notificationId: newest, unreadCount: 1 }])
  })

  it('keeps the unread count through every change, and through changes at the same time', async () => {
    const me = newUser()
    const [first, second, third] = await seed(me, 4)
    const count = async () => (await ok(me, 'GET', '/notifications/unread-count')).unread
    expect(await count()).toBe(4)
    await ok(me, 'POST', `/notifications/${first}/read`)
    expect((await call(me, 'DELETE', `/notifications/${first}`)).statusCode).toBe(204)
    expect((await call(me, 'DELETE', `/notifications/${second}`)).statusCode).toBe(204)
    expect(await count()).toBe(2)
    // Whichever commits first, the count ends as the inbox's unread ones.
    await Promise.all([
      ok(me, 'POST', '/notifications/read-all'),
      ok(me, 'POST', `/notifications/${third}/read`),
      ...[1, 2, 3, 4, 5].map((i) => deliverEvents(service, [invitation(me, `Later ${i}`)])),
    ])
    expect(await count()).toBe((await walk(me, '&unread=true', 200)).length)
  })

  it("answers 404 for another user's notification, and changes nothing", async () => {
    const owner = newUser()
    const [id] = await seed(owner, 1)
    const stranger = newUser()
    expectProblem(await call(stranger, 'POST', `/notifications/${id}/read`), 404, 'not-found')
    expectProblem(await call(stranger, 'DELETE', `/notifications/${id}`), 404, 'not-found')
    expect(await ok(stranger, 'POST', '/notifications/read-all')).toEqual({ marked: 0 })
    expect(await ok(owner, 'GET', '/notifications/unread-count')).toEqual({ unread: 1 })
  })

  it('refuses an id that is not a UUID with 400', async () => {
    expectProblem(await call(newUser(), 'POST', '/notifications/42/read'), 400, 'validation-failed')
    expectProblem(await call(newUser(), 'DELETE', '/notifications/42'), 400, 'validation-failed')
  })
})
