import { randomUUID } from 'node:crypto'
import type { ConsumedEvent, EventType } from '@focushub/shared/events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { befriend } from './messages-support.ts'
import {
  consumed,
  deliverEvents,
  newPerson,
  outboxEvents,
  type Person,
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

const unlocked = (userId: string, name = 'Ten focus sessions') =>
  consumed('habit.achievement.unlocked', userId, {
    achievementId: `focus-sessions-${randomUUID().slice(0, 8)}`,
    name,
    points: 10,
    totalPoints: 10,
    level: 1,
    unlockedAt: new Date().toISOString(),
  })

const checkedIn = (userId: string, currentStreak: number, habitId = randomUUID(), localDate = '2026-12-07') =>
  consumed('habit.checked_in', userId, {
    habitId,
    localDate,
    status: 'done',
    value: null,
    source: 'user',
    currentStreak,
  })

async function turnOn(person: Person) {
  const response = await send(service, person, 'PATCH', '/social/me', { body: { milestonePosts: true } })
  expect(response.statusCode, response.body).toBe(200)
  expect(response.json()).toMatchObject({ milestonePosts: true })
}

/** The posts of `author` as `reader` reads them, newest first. */
async function postsOf(author: Person, reader = author) {
  const response = await send(service, reader, 'GET', `/social/people/${author.id}/posts`)
  expect(response.statusCode, response.body).toBe(200)
  return response.json().items as { id: string; body: string; tags: string[]; visibility: string }[]
}

describe('milestone posts', () => {
  it('are off by default: nothing is posted', async () => {
    const ann = await newPerson(service)
    expect((await send(service, ann, 'GET', '/social/me')).json()).toMatchObject({ milestonePosts: false })
    await apply(unlocked(ann.id), checkedIn(ann.id, 7))
    expect(await postsOf(ann)).toEqual([])
  })

  it('are not posted while the user is suspended from social features', async () => {
    const ann = await newPerson(service)
    await turnOn(ann)
    const now = Date.now()
    await service.db
      .insertInto('social_suspensions')
      .values({ user_id: ann.id, since: new Date(now), until: new Date(now + 86_400_000), reason: 'spam' })
      .execute()
    await apply(unlocked(ann.id), checkedIn(ann.id, 7))
    expect(await postsOf(ann)).toEqual([])
  })

  it('post an achievement once to friends, tagged milestone, outside the quota, and tell the author', async () => {
    const [ann, friend, stranger] = [await newPerson(service), await newPerson(service), await newPerson(service)]
    await befriend(service, ann, friend)
    await turnOn(ann)
    const event = unlocked(ann.id, 'Deep worker')
    await apply(event)
    await apply(event)
    const posts = await postsOf(ann, friend)
    expect(posts).toMatchObject([
      { body: 'Unlocked the achievement Deep worker', tags: ['milestone'], visibility: 'friends' },
    ])
    expect(await postsOf(ann, stranger)).toEqual([])
    const created = await outboxEvents(service.db, { type: 'social.post.created', userId: ann.id })
    expect(created.map((e) => [e.data, e.requestId])).toEqual([
      [{ postId: posts[0].id, visibility: 'friends' }, event.requestId],
    ])
    await apply(unlocked(ann.id, 'Early bird'))
    expect((await postsOf(ann)).map((post) => post.body)).toEqual([
      'Unlocked the achievement Early bird',
      'Unlocked the achievement Deep worker',
    ])
  })

  it('post a streak of 7 without naming the habit, not one of 8, nor a skipped day', async () => {
    const ann = await newPerson(service)
    await turnOn(ann)
    const habitId = randomUUID()
    await apply(checkedIn(ann.id, 6, habitId, '2026-12-06'), checkedIn(ann.id, 7, habitId, '2026-12-07'))
    await apply(checkedIn(ann.id, 8, habitId, '2026-12-08'))
    const skipped = checkedIn(ann.id, 7, habitId, '2026-12-09')
    await apply({ ...skipped, data: { ...skipped.data, status: 'skipped' } })
    expect((await postsOf(ann)).map((post) => [post.body, post.tags])).toEqual([
      ['Reached a 7-day streak', ['milestone']],
    ])
  })

  it('post a streak reached twice the same day, or redelivered, once', async () => {
    const ann = await newPerson(service)
    await turnOn(ann)
    const habitId = randomUUID()
    const reached = checkedIn(ann.id, 30, habitId)
    await apply(reached)
    await apply(reached)
    await apply(checkedIn(ann.id, 29, habitId), checkedIn(ann.id, 30, habitId))
    expect((await postsOf(ann)).map((post) => post.body)).toEqual(['Reached a 30-day streak'])
    const claims = await service.db.selectFrom('milestone_posts').selectAll().where('user_id', '=', ann.id).execute()
    expect(claims.map((claim) => claim.milestone)).toEqual([`streak:${habitId}:30:2026-12-07`])
  })

  it('stop when turned off, and go with a deleted user', async () => {
    const ann = await newPerson(service)
    await turnOn(ann)
    await apply(checkedIn(ann.id, 100))
    const off = await send(service, ann, 'PATCH', '/social/me', { body: { milestonePosts: false } })
    expect(off.json()).toMatchObject({ milestonePosts: false })
    await apply(checkedIn(ann.id, 365))
    expect((await postsOf(ann)).map((post) => post.body)).toEqual(['Reached a 100-day streak'])
    await apply(consumed('auth.user.deleted', ann.id, {}))
    const left = await service.db
      .selectFrom('milestone_posts')
      .select('user_id')
      .where('user_id', '=', ann.id)
      .execute()
    expect(left).toEqual([])
  })
})
