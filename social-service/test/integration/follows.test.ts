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
  service = await startSocialService({ FOLLOWS_MAX: '3' })
})
afterAll(() => service.close())

const follow = (from: Person, to: string) => send(service, from, 'PUT', `/social/following/${to}`)
const unfollow = (from: Person, to: string) => send(service, from, 'DELETE', `/social/following/${to}`)
const listed = (person: Person, url: string) => listedIds(service, person, url)

describe('follows', () => {
  it('follows someone once: the followee is told (social.user.followed, audience them), a repeat changes nothing', async () => {
    const [ada, grace] = [await newPerson(service, 'Ada'), await newPerson(service, 'Grace')]
    const first = await follow(ada, grace.id)
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toMatchObject({ user: { userId: grace.id, displayName: 'Grace', handle: null } })
    const again = await follow(ada, grace.id)
    expect(again.json()).toEqual(first.json())
    const events = await outboxEvents(service.db, { type: 'social.user.followed', userId: ada.id })
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ userId: ada.id, data: { followeeId: grace.id, audience: [grace.id] } })
    expect(await listed(ada, '/social/following')).toEqual([grace.id])
    expect(await listed(grace, '/social/followers')).toEqual([ada.id])
    expect(await listed(grace, '/social/following')).toEqual([])
  })

  it('lists followers newest first in cursor pages, each page its own people', async () => {
    const star = await newPerson(service)
    const fans = []
    for (let i = 0; i < 5; i++) {
      const fan = await newPerson(service)
      expect((await follow(fan, star.id)).statusCode).toBe(200)
      fans.push(fan.id)
    }
    const seen: { user: { userId: string }; since: string }[] = []
    let cursor: string | null = null
    do {
      const url: string = `/social/followers?limit=2${cursor ? `&cursor=${cursor}` : ''}`
      const page = (await send(service, star, 'GET', url)).json()
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    expect(seen.map((item) => item.user.userId).sort()).toEqual([...fans].sort())
    const order = seen.map((item) => [item.since, item.user.userId].join(' '))
    expect(order).toEqual([...order].sort().reverse())
    expectProblem(await send(service, star, 'GET', '/social/followers?cursor=nope'), 400, 'validation-failed')
  })

  it('unfollows (and unfollowing someone not followed is no error)', async () => {
    const [ada, grace] = [await newPerson(service), await newPerson(service)]
    await follow(ada, grace.id)
    expect((await unfollow(ada, grace.id)).statusCode).toBe(204)
    expect((await unfollow(ada, grace.id)).statusCode).toBe(204)
    expect(await listed(grace, '/social/followers')).toEqual([])
  })

  it('refuses to follow myself (422), someone who takes no followers (403) and past FOLLOWS_MAX (409)', async () => {
    const ada = await newPerson(service)
    expectProblem(await follow(ada, ada.id), 422, 'self-relation')
    const hermit = await newPerson(service)
    await send(service, hermit, 'PATCH', '/social/me', { body: { whoMayFollow: 'nobody' } })
    expectProblem(await follow(ada, hermit.id), 403, 'follows-closed')
    for (let i = 0; i < 3; i++) expect((await follow(ada, (await newPerson(service)).id)).statusCode).toBe(200)
    expectProblem(await follow(ada, (await newPerson(service)).id), 409, 'follow-limit-reached')
  })

  it('answers a blocked person, either way, exactly as it answers a user id that does not exist', async () => {
    const [ada, blockedByAda, blocksAda] = [
      await newPerson(service),
      await newPerson(service),
      await newPerson(service),
    ]
    await send(service, ada, 'PUT', `/social/blocks/${blockedByAda.id}`)
    await send(service, blocksAda, 'PUT', `/social/blocks/${ada.id}`)
    const nobody = problemOf(await follow(ada, randomUUID()))
    expect(nobody).toMatchObject({ status: 404, code: 'not-found', detail: 'No such user' })
    for (const [from, to] of [
      [ada, blockedByAda],
      [blockedByAda, ada],
      [ada, blocksAda],
      [blocksAda, ada],
    ]) {
      expect(problemOf(await follow(from, to.id))).toEqual(nobody)
      expect(problemOf(await unfollow(from, to.id))).toEqual(problemOf(await unfollow(from, randomUUID())))
    }
    expect(await listed(ada, '/social/following')).toEqual([])
  })

  it('shows my lists only to me: a stranger sees their own (empty) lists, not mine', async () => {
    const [ada, grace, stranger] = [await newPerson(service), await newPerson(service), await newPerson(service)]
    await follow(ada, grace.id)
    expect(await listed(stranger, '/social/following')).toEqual([])
    expect(await listed(stranger, '/social/followers')).toEqual([])
    expectProblem(await service.app.inject({ method: 'GET', url: '/social/followers' }), 401, 'unauthorized')
    expectProblem(
      await service.app.inject({ method: 'PUT', url: `/social/following/${grace.id}` }),
      401,
      'unauthorized',
    )
    expectProblem(await send(service, ada, 'PUT', '/social/following/not-a-uuid'), 400, 'validation-failed')
  })
})
