import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newPost } from './feed-support.ts'
import { befriend, blockBetween } from './messages-support.ts'
import {
  expectProblem,
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
  service = await startSocialService()
})
afterAll(() => service.close())

/** Every route about one post, as `person` calls it: each answers 404 to someone who may not see the post. */
const everyRoute = (person: Person, postId: string, commentId: string) => [
  send(service, person, 'GET', `/social/posts/${postId}`),
  send(service, person, 'PATCH', `/social/posts/${postId}`, { body: { body: 'changed' } }),
  send(service, person, 'DELETE', `/social/posts/${postId}`),
  send(service, person, 'GET', `/social/posts/${postId}/comments`),
  send(service, person, 'POST', `/social/posts/${postId}/comments`, { body: { body: 'hi' } }),
  send(service, person, 'DELETE', `/social/posts/${postId}/comments/${commentId}`),
  send(service, person, 'PUT', `/social/posts/${postId}/like`),
  send(service, person, 'DELETE', `/social/posts/${postId}/like`),
]

async function comment(person: Person, postId: string, body = 'A comment'): Promise<string> {
  const response = await send(service, person, 'POST', `/social/posts/${postId}/comments`, { body: { body } })
  expect(response.statusCode, response.body).toBe(201)
  return response.json().id
}

describe('posts', () => {
  it('writes plain text trimmed, tags lower-cased once each, friends-only by default; tells the author', async () => {
    const ann = await newPerson(service, 'Ann Poster')
    const response = await send(service, ann, 'POST', '/social/posts', {
      body: { body: '  <b>hi</b> https://example.com\nline two ', tags: ['Focus', 'focus', 'deep-work_1'] },
    })
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json()).toMatchObject({
      author: { userId: ann.id, handle: null, displayName: 'Ann Poster' },
      body: '<b>hi</b> https://example.com\nline two',
      tags: ['focus', 'deep-work_1'],
      visibility: 'friends',
      likeCount: 0,
      commentCount: 0,
      likedByMe: false,
      editedAt: null,
    })
    const events = await outboxEvents(service.db, { type: 'social.post.created' })
    expect(events.find((event) => event.data.postId === response.json().id)).toMatchObject({
      userId: ann.id,
      data: { visibility: 'friends' },
    })
  })

  it('refuses bad bodies, tags and fields with 400', async () => {
    const ann = await newPerson(service)
    for (const body of [
      { body: '' },
      { body: '  \n ' },
      { body: 'x'.repeat(2001) },
      { body: 'bell\u0007' },
      { body: 'x', tags: ['no spaces'] },
      { body: 'x', tags: ['x'.repeat(31)] },
      { body: 'x', tags: ['a', 'b', 'c', 'd', 'e', 'f'] },
      { body: 'x', visibility: 'everyone' },
      { body: 'x', extra: 1 },
    ]) {
      expectProblem(await send(service, ann, 'POST', '/social/posts', { body }), 400, 'validation-failed')
    }
    const id = await newPost(service, ann)
    expectProblem(await send(service, ann, 'PATCH', `/social/posts/${id}`, { body: {} }), 400, 'validation-failed')
    expectProblem(await send(service, ann, 'GET', '/social/posts/not-a-uuid'), 400, 'validation-failed')
    const long = await send(service, ann, 'POST', `/social/posts/${id}/comments`, { body: { body: 'x'.repeat(1001) } })
    expectProblem(long, 400, 'validation-failed')
    expect((await send(service, ann, 'POST', '/social/posts', { body: { body: 'é'.repeat(2000) } })).statusCode).toBe(
      201,
    )
  })

  it('shows a post to whom its visibility allows; everyone else gets 404 on every route, as for none', async () => {
    const author = await newPerson(service)
    const friend = await newPerson(service)
    const stranger = await newPerson(service)
    const blocked = await newPerson(service)
    const blocker = await newPerson(service)
    await befriend(service, author, friend)
    await befriend(service, author, blocked)
    await befriend(service, author, blocker)
    await blockBetween(service, author, blocked)
    await blockBetween(service, blocker, author)
    const posts = {
      public: await newPost(service, author, { visibility: 'public' }),
      friends: await newPost(service, author, { visibility: 'friends' }),
      private: await newPost(service, author, { visibility: 'private' }),
    }
    const sees = {
      public: [author, friend, stranger],
      friends: [author, friend],
      private: [author],
    }
    const missing = await send(service, stranger, 'GET', '/social/posts/0190a4c2-7e2a-7000-8000-000000000000')
    for (const [visibility, postId] of Object.entries(posts) as [keyof typeof posts, string][]) {
      const commentId = await comment(author, postId)
      for (const viewer of [author, friend, stranger, blocked, blocker]) {
        const read = await send(service, viewer, 'GET', `/social/posts/${postId}`)
        if (sees[visibility].includes(viewer)) {
          expect(read.statusCode, `${visibility} to a viewer who may see it`).toBe(200)
          continue
        }
        for (const response of await Promise.all(everyRoute(viewer, postId, commentId))) {
          expectProblem(response, 404, 'not-found')
          expect(problemOf(response)).toEqual(problemOf(missing))
        }
      }
    }
  })

  it('lets only the author edit or delete a post (403 to others who see it); deleted, it is gone for all', async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    await befriend(service, ann, bob)
    const id = await newPost(service, ann, { visibility: 'public', tags: ['one'] })
    expectProblem(
      await send(service, bob, 'PATCH', `/social/posts/${id}`, { body: { body: 'x' } }),
      403,
      'not-post-author',
    )
    expectProblem(await send(service, bob, 'DELETE', `/social/posts/${id}`), 403, 'not-post-author')

    const edited = await send(service, ann, 'PATCH', `/social/posts/${id}`, {
      body: { body: ' new text ', tags: ['Two'], visibility: 'friends' },
    })
    expect(edited.statusCode, edited.body).toBe(200)
    expect(edited.json()).toMatchObject({ body: 'new text', tags: ['two'], visibility: 'friends' })
    expect(edited.json().editedAt).not.toBeNull()

    await comment(bob, id)
    await send(service, bob, 'PUT', `/social/posts/${id}/like`)
    expect((await send(service, ann, 'DELETE', `/social/posts/${id}`)).statusCode).toBe(204)
    expectProblem(await send(service, ann, 'GET', `/social/posts/${id}`), 404, 'not-found')
    expectProblem(await send(service, bob, 'GET', `/social/posts/${id}/comments`), 404, 'not-found')
    const left = await service.db.selectFrom('post_comments').select('id').where('post_id', '=', id).execute()
    expect(left).toEqual([])
    const deleted = await outboxEvents(service.db, { type: 'social.post.deleted' })
    expect(deleted.find((event) => event.data.postId === id)).toMatchObject({ userId: ann.id })
  })

  it('takes 50 posts a day, then answers 429 with Retry-After', async () => {
    const ann = await newPerson(service)
    const now = Date.now()
    await service.db
      .insertInto('posts')
      .values(
        Array.from({ length: 50 }, (_, i) => ({
          id: crypto.randomUUID(),
          author_id: ann.id,
          body: 'old',
          tags: [],
          visibility: 'public' as const,
          created_at: new Date(now - (23 * 60 + i) * 60_000),
          edited_at: null,
        })),
      )
      .execute()
    const response = await send(service, ann, 'POST', '/social/posts', { body: { body: 'one too many' } })
    expectProblem(response, 429, 'post-rate-limited')
    const retryAfter = Number(response.headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(11 * 60)
  })
})

describe('comments and likes', () => {
  it('lists comments oldest first by cursor, counts them, and tells the post’s author', async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const id = await newPost(service, ann)
    const first = await comment(bob, id, ' first ')
    const second = await comment(ann, id, 'second')
    const third = await comment(bob, id, 'third')
    const page1 = await send(service, ann, 'GET', `/social/posts/${id}/comments?limit=2`)
    expect(page1.json().items.map((c: { id: string }) => c.id)).toEqual([first, second])
    expect(page1.json().items[0]).toMatchObject({ postId: id, body: 'first', author: { userId: bob.id } })
    const page2 = await send(
      service,
      ann,
      'GET',
      `/social/posts/${id}/comments?limit=2&cursor=${page1.json().nextCursor}`,
    )
    expect(page2.json()).toMatchObject({ items: [{ id: third }], nextCursor: null })
    expect((await send(service, bob, 'GET', `/social/posts/${id}`)).json().commentCount).toBe(3)
    const events = await outboxEvents(service.db, { type: 'social.comment.created' })
    expect(events.find((event) => event.data.commentId === first)).toMatchObject({
      userId: bob.id,
      data: { postId: id, audience: [ann.id] },
    })
  })

  it('lets a comment’s author and the post’s author delete it, nobody else (403)', async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const cat = await newPerson(service)
    const id = await newPost(service, ann)
    const bobs = await comment(bob, id)
    const cats = await comment(cat, id)
    const anns = await comment(ann, id)
    expectProblem(await send(service, cat, 'DELETE', `/social/posts/${id}/comments/${bobs}`), 403, 'not-comment-author')
    expectProblem(await send(service, bob, 'DELETE', `/social/posts/${id}/comments/${anns}`), 403, 'not-comment-author')
    expect((await send(service, bob, 'DELETE', `/social/posts/${id}/comments/${bobs}`)).statusCode).toBe(204)
    expect((await send(service, ann, 'DELETE', `/social/posts/${id}/comments/${cats}`)).statusCode).toBe(204)
    expectProblem(await send(service, ann, 'DELETE', `/social/posts/${id}/comments/${cats}`), 404, 'not-found')
    const other = await newPost(service, ann)
    expectProblem(await send(service, ann, 'DELETE', `/social/posts/${other}/comments/${anns}`), 404, 'not-found')
    const post = (await send(service, ann, 'GET', `/social/posts/${id}`)).json()
    expect(post.commentCount).toBe(1)
  })

  it('hides the comments of someone blocked either way from the other', async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const cat = await newPerson(service)
    const id = await newPost(service, ann)
    const bobs = await comment(bob, id)
    const cats = await comment(cat, id)
    await blockBetween(service, bob, cat)
    const ids = async (person: Person) =>
      (await send(service, person, 'GET', `/social/posts/${id}/comments`)).json().items.map((c: { id: string }) => c.id)
    expect(await ids(ann)).toEqual([bobs, cats])
    expect(await ids(bob)).toEqual([bobs])
    expect(await ids(cat)).toEqual([cats])
    expectProblem(await send(service, bob, 'DELETE', `/social/posts/${id}/comments/${cats}`), 404, 'not-found')
  })

  it('likes once per person (again: no change), counts, tells the author once, and unlikes', async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const id = await newPost(service, ann)
    expect((await send(service, bob, 'PUT', `/social/posts/${id}/like`)).json()).toEqual({ liked: true, likeCount: 1 })
    expect((await send(service, bob, 'PUT', `/social/posts/${id}/like`)).json()).toEqual({ liked: true, likeCount: 1 })
    expect((await send(service, ann, 'PUT', `/social/posts/${id}/like`)).json()).toEqual({ liked: true, likeCount: 2 })
    expect((await send(service, bob, 'GET', `/social/posts/${id}`)).json()).toMatchObject({
      likeCount: 2,
      likedByMe: true,
    })
    const liked = (await outboxEvents(service.db, { type: 'social.post.liked' })).filter((e) => e.data.postId === id)
    expect(liked.filter((event) => event.userId === bob.id)).toEqual([
      expect.objectContaining({ data: { postId: id, audience: [ann.id] } }),
    ])
    expect((await send(service, bob, 'DELETE', `/social/posts/${id}/like`)).json()).toEqual({
      liked: false,
      likeCount: 1,
    })
    expect((await send(service, bob, 'DELETE', `/social/posts/${id}/like`)).json()).toEqual({
      liked: false,
      likeCount: 1,
    })
    expect((await send(service, bob, 'GET', `/social/posts/${id}`)).json()).toMatchObject({
      likeCount: 1,
      likedByMe: false,
    })
  })

  it('counts likes and comments made at once exactly', async () => {
    const ann = await newPerson(service)
    const id = await newPost(service, ann)
    const people = await Promise.all(Array.from({ length: 8 }, () => newPerson(service)))
    const answers = await Promise.all(
      people.flatMap((person) => [
        send(service, person, 'PUT', `/social/posts/${id}/like`),
        send(service, person, 'PUT', `/social/posts/${id}/like`),
        send(service, person, 'POST', `/social/posts/${id}/comments`, { body: { body: 'at once' } }),
      ]),
    )
    expect(answers.map((answer) => answer.statusCode).every((status) => status < 300)).toBe(true)
    expect((await send(service, ann, 'GET', `/social/posts/${id}`)).json()).toMatchObject({
      likeCount: 8,
      commentCount: 8,
    })
  })

  it('takes 500 comments a day, then answers 429 with Retry-After', async () => {
    const ann = await newPerson(service)
    const id = await newPost(service, ann)
    const now = Date.now()
    await service.db
      .insertInto('post_comments')
      .values(
        Array.from({ length: 500 }, (_, i) => ({
          id: crypto.randomUUID(),
          post_id: id,
          author_id: ann.id,
          body: 'old',
          created_at: new Date(now - 60 * 60_000 - i * 1000),
        })),
      )
      .execute()
    const response = await send(service, ann, 'POST', `/social/posts/${id}/comments`, { body: { body: 'more' } })
    expectProblem(response, 429, 'comment-rate-limited')
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(22 * 3600)
  })
})
