import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { openSse } from '../gateway/test/integration/live-clients.ts'
import { api, eventually, type SignedUp, send, signUp } from './client.ts'

const ids = (answer: { body: { items: { user: { userId: string } }[] } }) =>
  answer.body.items.map((item) => item.user.userId)

/** What a client compares of a problem: everything but the request id. */
const problemOf = (answer: { status: number; body: Record<string, unknown> }) => {
  const { requestId: _requestId, ...problem } = answer.body
  return { status: answer.status, ...problem }
}

const as = (user: SignedUp) => ({ authorization: user.authorization })

describe('social connections through NGINX', () => {
  it('two people find each other, befriend and follow, told live; a block cuts everything and reveals nothing', async () => {
    const tag = `Soc${randomUUID().slice(0, 8)}`
    const [ada, grace] = await Promise.all([
      signUp({ displayName: `${tag} Ada` }),
      signUp({ displayName: `${tag} Grace` }),
    ])
    const live = await openSse(`${api}/events`, as(grace))
    await live.named('ready')

    // Grace's profile reaches social-service through auth.user.registered: she is found once it has.
    const found = await eventually(
      () => send('GET', `/social/people?q=${encodeURIComponent(`${tag} g`)}`, as(ada)),
      (answer) => answer.status === 200 && answer.body.items.length === 1,
    )
    expect(found.body.items).toEqual([{ userId: grace.userId, handle: null, displayName: `${tag} Grace` }])

    const asked = await send('POST', '/social/friend-requests', { ...as(ada), body: { userId: grace.userId } })
    expect(asked.status).toBe(201)
    const requested = await live.until(
      () => live.events().find((event) => event.type === 'social.friend.requested'),
      15_000,
    )
    expect(requested).toMatchObject({ userId: ada.userId, data: { addresseeId: grace.userId } })
    expect(ids(await send('GET', '/social/friend-requests/incoming', as(grace)))).toEqual([ada.userId])

    const accepted = await send('POST', `/social/friend-requests/${ada.userId}/accept`, as(grace))
    expect(accepted.status).toBe(200)
    expect(ids(await send('GET', '/social/friends', as(ada)))).toEqual([grace.userId])
    expect(ids(await send('GET', '/social/friends', as(grace)))).toEqual([ada.userId])

    expect((await send('PUT', `/social/following/${grace.userId}`, as(ada))).status).toBe(200)
    const followed = await live.until(
      () => live.events().find((event) => event.type === 'social.user.followed'),
      15_000,
    )
    expect(followed).toMatchObject({ userId: ada.userId, data: { followeeId: grace.userId } })
    expect(ids(await send('GET', '/social/followers', as(grace)))).toEqual([ada.userId])

    const blocked = await send('PUT', `/social/blocks/${ada.userId}`, as(grace))
    expect(blocked.status).toBe(200)
    for (const list of ['friends', 'following', 'followers']) {
      expect(ids(await send('GET', `/social/${list}`, as(ada)))).toEqual([])
      expect(ids(await send('GET', `/social/${list}`, as(grace)))).toEqual([])
    }
    expect(ids(await send('GET', '/social/blocks', as(grace)))).toEqual([ada.userId])
    const search = await send('GET', `/social/people?q=${encodeURIComponent(tag)}`, as(ada))
    expect(search.body.items).toEqual([])

    const nobodyFollow = problemOf(await send('PUT', `/social/following/${randomUUID()}`, as(ada)))
    expect(nobodyFollow).toMatchObject({ status: 404, detail: 'No such user' })
    expect(problemOf(await send('PUT', `/social/following/${grace.userId}`, as(ada)))).toEqual(nobodyFollow)
    const nobodyAsk = problemOf(
      await send('POST', '/social/friend-requests', { ...as(ada), body: { userId: randomUUID() } }),
    )
    const askAgain = await send('POST', '/social/friend-requests', { ...as(ada), body: { userId: grace.userId } })
    expect(problemOf(askAgain)).toEqual(nobodyAsk)
    expect(askAgain.headers.get('content-type')).toContain('application/problem+json')
  })
})
