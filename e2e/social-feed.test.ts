import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { openSse } from '../gateway/test/integration/live-clients.ts'
import { api, eventually, type SignedUp, send, signUp } from './client.ts'

const as = (user: SignedUp) => ({ authorization: user.authorization })
const ids = (answer: { body: { items: { id: string }[] } }) => answer.body.items.map((item) => item.id)

describe('the community feed through NGINX', () => {
  it('friends see each other’s posts, comment and like (the author told live); a block hides it all', async () => {
    const name = `Feed${randomUUID().slice(0, 8)}`
    const tag = `e2e-${randomUUID().slice(0, 8)}`
    const [ada, grace] = await Promise.all([
      signUp({ displayName: `${name} Ada` }),
      signUp({ displayName: `${name} Grace` }),
    ])
    const live = await openSse(`${api}/events`, as(ada))
    await live.named('ready')

    // Grace's social profile arrives with auth.user.registered: she can be asked once it has.
    await eventually(
      () => send('POST', '/social/friend-requests', { ...as(ada), body: { userId: grace.userId } }),
      (answer) => answer.status === 201,
    )
    expect((await send('POST', `/social/friend-requests/${ada.userId}/accept`, as(grace))).status).toBe(200)
    expect((await send('PUT', `/social/following/${ada.userId}`, as(grace))).status).toBe(200)

    const friendsOnly = await send('POST', '/social/posts', {
      ...as(ada),
      body: { body: 'Friends only', visibility: 'friends' },
    })
    expect(friendsOnly.status).toBe(201)
    const open = await send('POST', '/social/posts', {
      ...as(ada),
      body: { body: 'Deep work, day 10', visibility: 'public', tags: [tag.toUpperCase()] },
    })
    expect(open.status).toBe(201)
    expect(open.body).toMatchObject({ tags: [tag], visibility: 'public', author: { userId: ada.userId } })
    const postIds = [open.body.id, friendsOnly.body.id]

    expect(ids(await send('GET', '/social/feed', as(grace)))).toEqual(postIds)
    expect(ids(await send('GET', `/social/tags/${tag}/posts`, as(grace)))).toEqual([open.body.id])

    const commented = await send('POST', `/social/posts/${open.body.id}/comments`, {
      ...as(grace),
      body: { body: 'Well done!' },
    })
    expect(commented.status).toBe(201)
    const told = await live.until(() => live.events().find((event) => event.type === 'social.comment.created'), 15_000)
    expect(told).toMatchObject({ userId: grace.userId, data: { postId: open.body.id, commentId: commented.body.id } })
    const liked = await send('PUT', `/social/posts/${open.body.id}/like`, as(grace))
    expect(liked.body).toEqual({ liked: true, likeCount: 1 })
    const likeTold = await live.until(() => live.events().find((event) => event.type === 'social.post.liked'), 15_000)
    expect(likeTold).toMatchObject({ userId: grace.userId, data: { postId: open.body.id } })
    expect((await send('GET', `/social/posts/${open.body.id}`, as(ada))).body).toMatchObject({
      likeCount: 1,
      commentCount: 1,
    })

    expect((await send('PUT', `/social/blocks/${grace.userId}`, as(ada))).status).toBe(200)
    expect(ids(await send('GET', '/social/feed', as(grace)))).toEqual([])
    expect(ids(await send('GET', `/social/tags/${tag}/posts`, as(grace)))).toEqual([])
    for (const id of postIds) expect((await send('GET', `/social/posts/${id}`, as(grace))).status).toBe(404)
    expect((await send('GET', `/social/people/${ada.userId}/posts`, as(grace))).status).toBe(404)
    expect((await send('GET', `/social/posts/${open.body.id}/comments`, as(ada))).body.items).toEqual([])
    await live.close()
  })
})
