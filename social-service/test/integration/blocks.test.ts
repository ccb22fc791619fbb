import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  expectProblem,
  listedIds,
  newPerson,
  outboxEvents,
  type Person,
  problemOf,
  send,
  startSocialService,
  type TestService,
} from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startSocialService({ BLOCKS_MAX: '2' })
})
afterAll(() => service.close())

const block = (from: Person, to: string) => send(service, from, 'PUT', `/social/blocks/${to}`)
const unblock = (from: Person, to: string) => send(service, from, 'DELETE', `/social/blocks/${to}`)
const listed = (person: Person, url: string) => listedIds(service, person, url)
const everyList = ['following', 'followers', 'friends', 'friend-requests/incoming', 'friend-requests/outgoing']

/** Two friends who follow each other, with a third person's pending request each way. */
async function connectedPair() {
  const [ada, grace] = [await newPerson(service, 'Ada'), await newPerson(service, 'Grace')]
  await send(service, ada, 'POST', '/social/friend-requests', { body: { userId: grace.id } })
  await send(service, grace, 'POST', `/social/friend-requests/${ada.id}/accept`)
  await send(service, ada, 'PUT', `/social/following/${grace.id}`)
  await send(service, grace, 'PUT', `/social/following/${ada.id}`)
  expect(await listed(ada, '/social/friends')).toEqual([grace.id])
  expect(await listed(ada, '/social/followers')).toEqual([grace.id])
  return { ada, grace }
}

describe('blocks', () => {
  it('cuts follows and the friendship both ways, tells no one, and lists the blocked person as mine only', async () => {
    const { ada, grace } = await connectedPair()
    const before = (await outboxEvents(service.db)).length
    const blocked = await block(ada, grace.id)
    expect(blocked.statusCode, blocked.body).toBe(200)
    expect(blocked.json()).toMatchObject({ user: { userId: grace.id, displayName: 'Grace' } })
    for (const list of everyList) {
      expect(await listed(ada, `/social/${list}`)).toEqual([])
      expect(await listed(grace, `/social/${list}`)).toEqual([])
    }
    expect(await outboxEvents(service.db)).toHaveLength(before)
    expect(await listed(ada, '/social/blocks')).toEqual([grace.id])
    expect(await listed(grace, '/social/blocks')).toEqual([])
    expect((await block(ada, grace.id)).json()).toEqual(blocked.json())
  })

  it('cuts pending requests both ways', async () => {
    const [ada, grace, cal] = [await newPerson(service), await newPerson(service), await newPerson(service)]
    await send(service, ada, 'POST', '/social/friend-requests', { body: { userId: grace.id } })
    await send(service, cal, 'POST', '/social/friend-requests', { body: { userId: ada.id } })
    await block(ada, grace.id)
    await block(cal, ada.id)
    expect(await listed(grace, '/social/friend-requests/incoming')).toEqual([])
    expect(await listed(ada, '/social/friend-requests/incoming')).toEqual([])
  })

  it('when they blocked me first, records my block but answers as for nobody, and hides them from my list', async () => {
    const [ada, grace] = [await newPerson(service), await newPerson(service)]
    await block(grace, ada.id)
    const nobody = problemOf(await block(ada, randomUUID()))
    expect(nobody).toMatchObject({ status: 404, detail: 'No such user' })
    expect(problemOf(await block(ada, grace.id))).toEqual(nobody)
    expect(await listed(ada, '/social/blocks')).toEqual([])
    await unblock(grace, ada.id)
    expect(await listed(ada, '/social/blocks')).toEqual([grace.id])
    expectProblem(await send(service, grace, 'PUT', `/social/following/${ada.id}`), 404, 'not-found')
  })

  it('unblocks (204 whatever was there); what the block ended stays ended', async () => {
    const { ada, grace } = await connectedPair()
    await block(ada, grace.id)
    expect((await unblock(ada, grace.id)).statusCode).toBe(204)
    expect((await unblock(ada, grace.id)).statusCode).toBe(204)
    expect((await unblock(ada, randomUUID())).statusCode).toBe(204)
    expect(await listed(ada, '/social/blocks')).toEqual([])
    expect(await listed(ada, '/social/friends')).toEqual([])
    expect((await send(service, grace, 'PUT', `/social/following/${ada.id}`)).statusCode).toBe(200)
  })

  it('refuses myself (422) and past BLOCKS_MAX (409); a stranger sees only their own list', async () => {
    const [ada, stranger] = [await newPerson(service), await newPerson(service)]
    expectProblem(await block(ada, ada.id), 422, 'self-relation')
    for (let i = 0; i < 2; i++) expect((await block(ada, (await newPerson(service)).id)).statusCode).toBe(200)
    expectProblem(await block(ada, (await newPerson(service)).id), 409, 'block-limit-reached')
    expect(await listed(stranger, '/social/blocks')).toEqual([])
    expectProblem(await service.app.inject({ method: 'GET', url: '/social/blocks' }), 401, 'unauthorized')
  })

  it('never lets a follow or request racing a block survive it', async () => {
    for (let round = 0; round < 5; round++) {
      const [ada, grace] = [await newPerson(service), await newPerson(service)]
      const answers = await Promise.all([
        send(service, grace, 'PUT', `/social/following/${ada.id}`),
        send(service, grace, 'POST', '/social/friend-requests', { body: { userId: ada.id } }),
        block(ada, grace.id),
      ])
      expect(answers[2].statusCode).toBe(200)
      expect(await listed(ada, '/social/followers')).toEqual([])
      expect(await listed(ada, '/social/friend-requests/incoming')).toEqual([])
    }
  })
})
