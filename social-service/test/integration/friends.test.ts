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
  service = await startSocialService({ PENDING_FRIEND_REQUESTS_MAX: '2', FRIENDS_MAX: '2' })
})
afterAll(() => service.close())

const ask = (from: Person, to: string) =>
  send(service, from, 'POST', '/social/friend-requests', { body: { userId: to } })
const accept = (person: Person, from: string) => send(service, person, 'POST', `/social/friend-requests/${from}/accept`)
const decline = (person: Person, from: string) =>
  send(service, person, 'POST', `/social/friend-requests/${from}/decline`)
const cancel = (person: Person, to: string) => send(service, person, 'DELETE', `/social/friend-requests/${to}`)
const unfriend = (person: Person, friend: string) => send(service, person, 'DELETE', `/social/friends/${friend}`)
const listed = (person: Person, url: string) => listedIds(service, person, url)

describe('friend requests', () => {
  it('asks once (201, the addressee told), again answers the pending request (200), listed on both sides', async () => {
    const [ada, grace] = [await newPerson(service, 'Ada'), await newPerson(service, 'Grace')]
    const first = await ask(ada, grace.id)
    expect(first.statusCode, first.body).toBe(201)
    expect(first.json()).toMatchObject({ user: { userId: grace.id, displayName: 'Grace' } })
    const again = await ask(ada, grace.id)
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual(first.json())
    const events = await outboxEvents(service.db, { type: 'social.friend.requested', userId: ada.id })
    expect(events.map((event) => event.data)).toEqual([{ addresseeId: grace.id, audience: [grace.id] }])
    expect(await listed(ada, '/social/friend-requests/outgoing')).toEqual([grace.id])
    expect(await listed(grace, '/social/friend-requests/incoming')).toEqual([ada.id])
    expect(await listed(ada, '/social/friend-requests/incoming')).toEqual([])
    expectProblem(await ask(grace, ada.id), 409, 'friend-request-incoming')
  })

  it('accepting makes us friends on both sides and tells both; then asking again is 409 already-friends', async () => {
    const [ada, grace] = [await newPerson(service, 'Ada'), await newPerson(service, 'Grace')]
    await ask(ada, grace.id)
    const accepted = await accept(grace, ada.id)
    expect(accepted.statusCode, accepted.body).toBe(200)
    expect(accepted.json()).toMatchObject({ user: { userId: ada.id, displayName: 'Ada' } })
    const [event] = await outboxEvents(service.db, { type: 'social.friend.accepted', userId: grace.id })
    expect(event.data).toEqual({ requesterId: ada.id, audience: [ada.id, grace.id] })
    expect(await listed(ada, '/social/friends')).toEqual([grace.id])
    expect(await listed(grace, '/social/friends')).toEqual([ada.id])
    expect(await listed(grace, '/social/friend-requests/incoming')).toEqual([])
    expectProblem(await ask(ada, grace.id), 409, 'already-friends')
    expectProblem(await accept(grace, ada.id), 404, 'not-found')
  })

  it('declines (deleted, nobody told) and cancels; a request that is not there is 404', async () => {
    const [ada, grace] = [await newPerson(service), await newPerson(service)]
    await ask(ada, grace.id)
    expect((await decline(grace, ada.id)).statusCode).toBe(204)
    expect(await listed(ada, '/social/friend-requests/outgoing')).toEqual([])
    expectProblem(await decline(grace, ada.id), 404, 'not-found')
    await ask(ada, grace.id)
    expect((await cancel(ada, grace.id)).statusCode).toBe(204)
    expect(await listed(grace, '/social/friend-requests/incoming')).toEqual([])
    expectProblem(await cancel(ada, grace.id), 404, 'not-found')
    expect(await outboxEvents(service.db, { type: 'social.friend.accepted', userId: grace.id })).toEqual([])
  })

  it('lets nobody else accept, decline or cancel a request between two others', async () => {
    const [ada, grace, stranger] = [await newPerson(service), await newPerson(service), await newPerson(service)]
    await ask(ada, grace.id)
    expectProblem(await accept(stranger, ada.id), 404, 'not-found')
    expectProblem(await decline(stranger, ada.id), 404, 'not-found')
    expectProblem(await cancel(stranger, grace.id), 404, 'not-found')
    expectProblem(await accept(ada, grace.id), 404, 'not-found')
    expect(await listed(stranger, '/social/friend-requests/incoming')).toEqual([])
    expect(await listed(stranger, '/social/friend-requests/outgoing')).toEqual([])
    expect(await listed(grace, '/social/friend-requests/incoming')).toEqual([ada.id])
  })

  it('removes a friend on both sides; a stranger cannot and sees no one in their list', async () => {
    const [ada, grace, stranger] = [await newPerson(service), await newPerson(service), await newPerson(service)]
    await ask(ada, grace.id)
    await accept(grace, ada.id)
    expectProblem(await unfriend(stranger, ada.id), 404, 'not-found')
    expect(await listed(stranger, '/social/friends')).toEqual([])
    expect((await unfriend(ada, grace.id)).statusCode).toBe(204)
    expect(await listed(grace, '/social/friends')).toEqual([])
    expectProblem(await unfriend(ada, grace.id), 404, 'not-found')
  })

  it('refuses myself (422), past PENDING_FRIEND_REQUESTS_MAX and past FRIENDS_MAX (409)', async () => {
    const ada = await newPerson(service)
    expectProblem(await ask(ada, ada.id), 422, 'self-relation')
    const asked = [await newPerson(service), await newPerson(service)]
    for (const person of asked) expect((await ask(ada, person.id)).statusCode).toBe(201)
    expectProblem(await ask(ada, (await newPerson(service)).id), 409, 'friend-request-limit-reached')
    for (const person of asked) expect((await accept(person, ada.id)).statusCode).toBe(200)
    const third = await newPerson(service)
    expect((await ask(third, ada.id)).statusCode).toBe(201)
    expectProblem(await accept(ada, third.id), 409, 'friend-limit-reached')
    expect(await listed(ada, '/social/friend-requests/incoming')).toEqual([third.id])
  })

  it('answers a blocked person, either way, on every route exactly as a user id that does not exist', async () => {
    const [ada, blockedByAda, blocksAda] = [
      await newPerson(service),
      await newPerson(service),
      await newPerson(service),
    ]
    await send(service, ada, 'PUT', `/social/blocks/${blockedByAda.id}`)
    await send(service, blocksAda, 'PUT', `/social/blocks/${ada.id}`)
    const routes = [ask, accept, decline, cancel, unfriend]
    for (const route of routes) {
      const nobody = problemOf(await route(ada, randomUUID()))
      expect(nobody).toMatchObject({ status: 404, detail: 'No such user' })
      for (const [from, to] of [
        [ada, blockedByAda],
        [blockedByAda, ada],
        [ada, blocksAda],
        [blocksAda, ada],
      ])
        expect(problemOf(await route(from, to.id))).toEqual(nobody)
    }
  })
})
