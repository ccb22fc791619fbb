import { randomUUID } from 'node:crypto'
import type { ConsumedEvent, EventType } from '@focushub/shared/events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  consumed,
  deliverEvents,
  newPerson,
  registered,
  send,
  startSocialService,
  type TestService,
} from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startSocialService()
})
afterAll(() => service.close())

const apply = (...events: ConsumedEvent<EventType>[]) => deliverEvents(service, events)

const rowsAbout = async (userId: string) => {
  const count = async (query: { execute(): Promise<unknown[]> }) => (await query.execute()).length
  const db = service.db
  return {
    profiles: await count(db.selectFrom('social_profiles').select('user_id').where('user_id', '=', userId)),
    follows: await count(
      db
        .selectFrom('follows')
        .select('follower_id')
        .where((eb) => eb.or([eb('follower_id', '=', userId), eb('followee_id', '=', userId)])),
    ),
    requests: await count(
      db
        .selectFrom('friend_requests')
        .select('from_id')
        .where((eb) => eb.or([eb('from_id', '=', userId), eb('to_id', '=', userId)])),
    ),
    friendships: await count(
      db
        .selectFrom('friendships')
        .select('user_id')
        .where((eb) => eb.or([eb('user_id', '=', userId), eb('friend_id', '=', userId)])),
    ),
    blocks: await count(
      db
        .selectFrom('blocks')
        .select('blocker_id')
        .where((eb) => eb.or([eb('blocker_id', '=', userId), eb('blocked_id', '=', userId)])),
    ),
  }
}

describe('auth events', () => {
  it('makes a social profile with the display name for a registered user, once, and follows a renamed one', async () => {
    const userId = randomUUID()
    const event = registered(userId, 'Ada')
    await apply(event)
    await apply(event)
    const me = { id: userId, headers: await service.bearer(userId) }
    expect((await send(service, me, 'GET', '/social/me')).json()).toMatchObject({ displayName: 'Ada', version: 1 })
    await apply(
      consumed('auth.user.profile_updated', userId, { displayName: 'Ada L.', timezone: 'UTC', dayStartHour: 0 }),
    )
    expect((await send(service, me, 'GET', '/social/me')).json()).toMatchObject({ displayName: 'Ada L.' })
  })

  it('erases a deleted user: profile, follows, requests, friendships and blocks, both ways, and nobody else’s', async () => {
    const [gone, friend, fan, asker, blocker, bystander] = await Promise.all(
      Array.from({ length: 6 }, () => newPerson(service)),
    )
    await send(service, gone, 'POST', '/social/friend-requests', { body: { userId: friend.id } })
    await send(service, friend, 'POST', `/social/friend-requests/${gone.id}/accept`)
    await send(service, fan, 'PUT', `/social/following/${gone.id}`)
    await send(service, gone, 'PUT', `/social/following/${fan.id}`)
    await send(service, asker, 'POST', '/social/friend-requests', { body: { userId: gone.id } })
    await send(service, gone, 'POST', '/social/friend-requests', { body: { userId: bystander.id } })
    await send(service, blocker, 'PUT', `/social/blocks/${gone.id}`)
    await send(service, gone, 'PUT', `/social/blocks/${bystander.id}`)
    await send(service, fan, 'PUT', `/social/following/${friend.id}`)
    expect(await rowsAbout(gone.id)).toEqual({ profiles: 1, follows: 2, requests: 1, friendships: 2, blocks: 2 })

    await apply(consumed('auth.user.deleted', gone.id, {}))
    expect(await rowsAbout(gone.id)).toEqual({ profiles: 0, follows: 0, requests: 0, friendships: 0, blocks: 0 })
    expect(await rowsAbout(friend.id)).toMatchObject({ profiles: 1, follows: 1 })
    const profile = await service.db
      .selectFrom('user_profiles')
      .select('user_id')
      .where('user_id', '=', gone.id)
      .execute()
    expect(profile).toEqual([])
    expect((await send(service, fan, 'PUT', `/social/following/${gone.id}`)).statusCode).toBe(404)
  })
})
