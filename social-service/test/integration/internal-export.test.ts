import { serviceAuthorization } from '@focushub/shared/auth'
import { readWholeExport } from '@focushub/shared/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newPost } from './feed-support.ts'
import { blockBetween, direct, post } from './messages-support.ts'
import { expectProblem, newPerson, type Person, send, startSocialService, type TestService } from './support.ts'

const secret = 'a-notification-secret-for-tests'
let service: TestService
let ann: Person
let bob: Person
let cat: Person
let dan: Person
let bobsPost: string
let conversationId: string

const asNotificationService = { authorization: serviceAuthorization('notification-service', secret) }
const exportOf = (userId: string, query: string, headers: Record<string, string> = asNotificationService) =>
  service.app.inject({ method: 'GET', url: `/internal/users/${userId}/export${query}`, headers })

async function call(person: Person, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: object) {
  const response = await send(service, person, method, url, { body })
  expect(response.statusCode, response.body).toBeLessThan(300)
  return response.json()
}

const comment = (person: Person, postId: string, body: string) =>
  call(person, 'POST', `/social/posts/${postId}/comments`, { body })

beforeAll(async () => {
  service = await startSocialService({ SOCIAL_INTERNAL_CALLERS: `notification-service:${secret}` })
  ann = await newPerson(service, 'Ann')
  bob = await newPerson(service, 'Bob')
  cat = await newPerson(service, 'Cat')
  dan = await newPerson(service, 'Dan')
  await call(ann, 'PATCH', '/social/me', { handle: 'ann_exports' })
  await call(ann, 'POST', '/social/friend-requests', { userId: bob.id })
  await call(bob, 'POST', `/social/friend-requests/${ann.id}/accept`)
  await call(ann, 'PUT', `/social/following/${bob.id}`)
  await call(ann, 'PUT', `/social/following/${cat.id}`)
  await call(cat, 'PUT', `/social/following/${ann.id}`)
  // Dan blocks Ann back (no route lets him: she is nobody to him): her list of blocks leaves him out, her
  // export keeps her block.
  await call(ann, 'PUT', `/social/blocks/${dan.id}`)
  await blockBetween(service, dan, ann)

  const annsPost = await newPost(service, ann, { body: 'Deep work', tags: ['focus', 'study'] })
  await newPost(service, ann, { body: 'For friends', visibility: 'friends' })
  await newPost(service, ann, { body: 'Just me', visibility: 'private' })
  bobsPost = await newPost(service, bob, { body: "Bob's post" })
  await comment(ann, bobsPost, 'First!')
  await comment(bob, annsPost, 'Nice one')
  await comment(ann, bobsPost, 'Second')
  await call(ann, 'PUT', `/social/posts/${bobsPost}/like`)
  await call(ann, 'PUT', `/social/posts/${annsPost}/like`)
  await call(bob, 'PUT', `/social/posts/${annsPost}/like`)

  conversationId = await direct(service, ann, bob)
  await post(service, ann, conversationId, 'hello')
  await post(service, bob, conversationId, 'hi Ann')
  await post(service, ann, conversationId, 'how are you')
  await post(service, ann, conversationId, 'bye')
})
afterAll(() => service.close())

describe('GET /internal/users/{userId}/export', () => {
  it("pages through the user's profile, people and what they wrote or liked, as the public routes show it", async () => {
    const { collections, pages } = await readWholeExport((query) => exportOf(ann.id, query), 2)
    expect(Object.keys(collections)).toEqual([
      'profile',
      'friends',
      'following',
      'blocks',
      'posts',
      'comments',
      'likes',
      'messages',
    ])
    expect(pages).toBe(13)

    expect(collections.profile).toEqual([await call(ann, 'GET', '/social/me')])
    expect(collections.profile[0]).toMatchObject({ handle: 'ann_exports', displayName: 'Ann' })

    const newestFirst = async (url: string) => (await call(ann, 'GET', url)).items.reverse()
    expect(collections.friends).toEqual(await newestFirst('/social/friends'))
    expect(collections.friends).toEqual([
      { user: { userId: bob.id, handle: null, displayName: 'Bob' }, since: expect.any(String) },
    ])
    expect(collections.following).toEqual(await newestFirst('/social/following'))
    expect(collections.following.map((entry) => (entry.user as { userId: string }).userId)).toEqual([bob.id, cat.id])
    expect(await newestFirst('/social/blocks')).toEqual([])
    expect(collections.blocks).toEqual([
      { user: { userId: dan.id, handle: null, displayName: 'Dan' }, since: expect.any(String) },
    ])

    expect(collections.posts).toEqual(await newestFirst(`/social/people/${ann.id}/posts`))
    expect(collections.posts.map((item) => item.body)).toEqual(['Deep work', 'For friends', 'Just me'])
    expect(collections.posts[0]).toEqual({
      id: expect.any(String),
      author: { userId: ann.id, handle: 'ann_exports', displayName: 'Ann' },
      body: 'Deep work',
      tags: ['focus', 'study'],
      visibility: 'public',
      likeCount: 2,
      commentCount: 1,
      likedByMe: true,
      createdAt: expect.any(String),
      editedAt: null,
      hidden: null,
    })

    const comments = (await call(ann, 'GET', `/social/posts/${bobsPost}/comments`)).items
    expect(collections.comments).toEqual(comments)
    expect(collections.comments.map((item) => item.body)).toEqual(['First!', 'Second'])
    expect(collections.comments[0]).toEqual({
      id: expect.any(String),
      postId: bobsPost,
      author: { userId: ann.id, handle: 'ann_exports', displayName: 'Ann' },
      body: 'First!',
      createdAt: expect.any(String),
      hidden: null,
    })

    expect(collections.likes.map((like) => like.postId)).toEqual([collections.posts[0].id, bobsPost].sort())
    expect(collections.likes[0]).toEqual({ postId: expect.any(String), likedAt: expect.any(String) })

    const chat = (await newestFirst(`/social/conversations/${conversationId}/messages`)) as { authorId: string }[]
    expect(collections.messages).toEqual(chat.filter((message) => message.authorId === ann.id))
    expect(collections.messages.map((message) => message.body)).toEqual(['hello', 'how are you', 'bye'])
    expect(collections.messages[0]).toEqual({
      id: expect.any(String),
      conversationId,
      authorId: ann.id,
      body: 'hello',
      createdAt: expect.any(String),
      editedAt: null,
      deletedAt: null,
      hidden: false,
      hiddenReason: null,
    })
  })

  it("leaves out another user's data", async () => {
    const { collections } = await readWholeExport((query) => exportOf(ann.id, query), 2)
    const text = JSON.stringify(collections)
    for (const theirs of ["Bob's post", 'Nice one', 'hi Ann']) expect(text).not.toContain(theirs)
    const bobs = (await readWholeExport((query) => exportOf(bob.id, query), 2)).collections
    expect(bobs.posts.map((item) => item.body)).toEqual(["Bob's post"])
    expect(bobs.messages.map((message) => message.body)).toEqual(['hi Ann'])
    expect(bobs.blocks).toEqual([])
  })

  it('answers only a listed service (401 for an access token or no credential)', async () => {
    for (const headers of [ann.headers, {}]) {
      expectProblem(await exportOf(ann.id, '?limit=2', headers), 401, 'unauthorized')
    }
  })

  it('refuses a cursor it did not make (400)', async () => {
    expectProblem(await exportOf(ann.id, '?after=bm90LWEtY3Vyc29y'), 400, 'validation-failed')
  })
})
