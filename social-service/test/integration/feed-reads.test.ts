import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorsPage, windowPage } from '../../src/modules/feed/feed.repository.ts'
import { follow, idsAt, newPost, unfollow } from './feed-support.ts'
import { befriend, blockBetween } from './messages-support.ts'
import {
  consumed,
  deliverEvents,
  expectProblem,
  newPerson,
  type Person,
  problemOf,
  send,
  startSocialService,
  type TestService,
} from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startSocialService()
})
afterAll(() => service.close())

/** My feed by route, checked against the window's pick (the test database is smaller than the window, so it holds every post). */
async function feedOf(me: Person) {
  const ids = await idsAt(service, me, '/social/feed')
  expect(await windowPage(service.db, me.id, undefined, 50)).toEqual(ids)
  return ids
}

describe('my feed', () => {
  it('shows what I may see of whom I follow and all of mine, newest first in cursor pages', async () => {
    const me = await newPerson(service)
    const friend = await newPerson(service)
    const followed = await newPerson(service)
    const other = await newPerson(service)
    await befriend(service, me, friend)
    await follow(service, me, friend)
    await follow(service, me, followed)
    const mine = await newPost(service, me, { visibility: 'private' })
    const friendsOnly = await newPost(service, friend, { visibility: 'friends' })
    await newPost(service, friend, { visibility: 'private' })
    const followedPublic = await newPost(service, followed, { visibility: 'public' })
    await newPost(service, followed, { visibility: 'friends' })
    await newPost(service, other, { visibility: 'public' })
    const expected = [followedPublic, friendsOnly, mine]
    expect(await idsAt(service, me, '/social/feed')).toEqual(expected)

    const first = await send(service, me, 'GET', '/social/feed?limit=2')
    expect(first.json().items.map((p: { id: string }) => p.id)).toEqual(expected.slice(0, 2))
    const second = await send(service, me, 'GET', `/social/feed?limit=2&cursor=${first.json().nextCursor}`)
    expect(second.json()).toMatchObject({ items: [{ id: mine }], nextCursor: null })
    expectProblem(await send(service, me, 'GET', '/social/feed?cursor=nope'), 400, 'validation-failed')
  })

  it('follows every change at once: unfollow, block either way, made private, unfriended, deleted', async () => {
    const me = await newPerson(service)
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    await follow(service, me, ann)
    await follow(service, me, bob)
    await befriend(service, me, bob)
    const annPost = await newPost(service, ann, { visibility: 'public' })
    const bobPublic = await newPost(service, bob, { visibility: 'public' })
    const bobFriends = await newPost(service, bob, { visibility: 'friends' })
    expect(await feedOf(me)).toEqual([bobFriends, bobPublic, annPost])

    await unfollow(service, me, ann)
    expect(await feedOf(me)).toEqual([bobFriends, bobPublic])
    await follow(service, me, ann)
    await blockBetween(service, ann, me)
    expect(await feedOf(me)).toEqual([bobFriends, bobPublic])

    await service.db.deleteFrom('friendships').where('user_id', 'in', [me.id, bob.id]).execute()
    expect(await feedOf(me)).toEqual([bobPublic])
    await send(service, bob, 'PATCH', `/social/posts/${bobPublic}`, { body: { visibility: 'private' } })
    expect(await feedOf(me)).toEqual([])
    await send(service, bob, 'PATCH', `/social/posts/${bobPublic}`, { body: { visibility: 'public' } })
    expect(await feedOf(me)).toEqual([bobPublic])
    await send(service, bob, 'DELETE', `/social/posts/${bobPublic}`)
    expect(await feedOf(me)).toEqual([])
    await blockBetween(service, me, bob)
    await newPost(service, bob, { visibility: 'public' })
    expect(await feedOf(me)).toEqual([])
  })

  it('reads the same page by the window and author by author, at every cursor', async () => {
    const me = await newPerson(service)
    const people = await Promise.all(Array.from({ length: 4 }, () => newPerson(service)))
    await befriend(service, me, people[0])
    for (const person of people.slice(0, 3)) await follow(service, me, person)
    for (let round = 0; round < 4; round++)
      for (const [index, person] of people.entries())
        await newPost(service, person, { visibility: (['public', 'friends', 'private'] as const)[(round + index) % 3] })
    await newPost(service, me, { visibility: 'private' })
    let cursor: string | undefined
    const seen: string[] = []
    for (;;) {
      const byWindow = await windowPage(service.db, me.id, cursor, 3)
      const byAuthors = await authorsPage(service.db, me.id, cursor, 3)
      expect(byAuthors).toEqual(byWindow)
      if (byWindow.length === 0) break
      seen.push(...byWindow)
      cursor = byWindow.at(-1)
    }
    expect(seen).toEqual(await idsAt(service, me, '/social/feed?limit=200'))
    // Mine (1); the friend's public and friends posts (3 of 4); the others' public ones (1 of 4 each).
    expect(seen).toHaveLength(1 + 3 + 1 + 1)
  })
})

describe('the tag feed', () => {
  it('shows public posts with the tag, any case, newest first, without anyone blocked either way', async () => {
    const me = await newPerson(service)
    const ann = await newPerson(service)
    const blocker = await newPerson(service)
    const tag = `t${crypto.randomUUID().slice(0, 8)}`
    const older = await newPost(service, ann, { visibility: 'public', tags: [tag] })
    const newer = await newPost(service, me, { visibility: 'public', tags: [tag.toUpperCase(), 'other'] })
    await newPost(service, ann, { visibility: 'friends', tags: [tag] })
    await newPost(service, ann, { visibility: 'public', tags: ['other'] })
    await newPost(service, blocker, { visibility: 'public', tags: [tag] })
    await blockBetween(service, blocker, me)
    expect(await idsAt(service, me, `/social/tags/${tag.toUpperCase()}/posts`)).toEqual([newer, older])
    expect(await idsAt(service, blocker, `/social/tags/${tag}/posts`)).toHaveLength(2)

    await send(service, ann, 'PATCH', `/social/posts/${older}`, { body: { visibility: 'private' } })
    expect(await idsAt(service, me, `/social/tags/${tag}/posts`)).toEqual([newer])
    await send(service, me, 'PATCH', `/social/posts/${newer}`, { body: { tags: ['other'] } })
    expect(await idsAt(service, me, `/social/tags/${tag}/posts`)).toEqual([])
    expectProblem(await send(service, me, 'GET', '/social/tags/no%20space/posts'), 400, 'validation-failed')
  })
})

describe("a person's posts", () => {
  it('shows what I may see of them; nobody and a block either way answer the same 404', async () => {
    const author = await newPerson(service)
    const friend = await newPerson(service)
    const stranger = await newPerson(service)
    const blocked = await newPerson(service)
    const blocker = await newPerson(service)
    await befriend(service, author, friend)
    await blockBetween(service, author, blocked)
    await blockBetween(service, blocker, author)
    const pub = await newPost(service, author, { visibility: 'public' })
    const friends = await newPost(service, author, { visibility: 'friends' })
    const priv = await newPost(service, author, { visibility: 'private' })
    const url = `/social/people/${author.id}/posts`
    expect(await idsAt(service, author, url)).toEqual([priv, friends, pub])
    expect(await idsAt(service, friend, url)).toEqual([friends, pub])
    expect(await idsAt(service, stranger, url)).toEqual([pub])
    const nobody = await send(service, stranger, 'GET', `/social/people/${crypto.randomUUID()}/posts`)
    expectProblem(nobody, 404, 'not-found')
    for (const viewer of [blocked, blocker]) {
      const response = await send(service, viewer, 'GET', url)
      expect(problemOf(response)).toEqual(problemOf(nobody))
    }
  })
})

describe('account deletion', () => {
  it("erases a deleted user's posts, comments and likes, and moves others' counters down", async () => {
    const gone = await newPerson(service)
    const ann = await newPerson(service)
    const own = await newPost(service, gone)
    await send(service, ann, 'POST', `/social/posts/${own}/comments`, { body: { body: 'on theirs' } })
    await send(service, ann, 'PUT', `/social/posts/${own}/like`)
    const annPost = await newPost(service, ann)
    await send(service, gone, 'POST', `/social/posts/${annPost}/comments`, { body: { body: 'one' } })
    await send(service, gone, 'POST', `/social/posts/${annPost}/comments`, { body: { body: 'two' } })
    const kept = await send(service, ann, 'POST', `/social/posts/${annPost}/comments`, { body: { body: 'mine' } })
    await send(service, gone, 'PUT', `/social/posts/${annPost}/like`)
    await send(service, ann, 'PUT', `/social/posts/${annPost}/like`)

    await deliverEvents(service, [consumed('auth.user.deleted', gone.id, {})])
    const count = async (table: 'posts' | 'post_comments', column: 'author_id') =>
      (await service.db.selectFrom(table).select('id').where(column, '=', gone.id).execute()).length
    expect(await count('posts', 'author_id')).toBe(0)
    expect(await count('post_comments', 'author_id')).toBe(0)
    const likes = await service.db.selectFrom('post_likes').select('post_id').where('user_id', '=', gone.id).execute()
    expect(likes).toEqual([])
    expect(await service.db.selectFrom('post_comments').select('id').where('post_id', '=', own).execute()).toEqual([])
    const post = (await send(service, ann, 'GET', `/social/posts/${annPost}`)).json()
    expect(post).toMatchObject({ likeCount: 1, commentCount: 1, likedByMe: true })
    expect(await idsAt(service, ann, `/social/posts/${annPost}/comments`)).toEqual([kept.json().id])
  })
})
