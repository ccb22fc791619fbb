import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { befriend, blockBetween, direct, eventsOf, letMessage, post } from './messages-support.ts'
import { expectProblem, newPerson, send, startSocialService, type TestService } from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startSocialService()
})
afterAll(() => service.close())

const start = (from: Awaited<ReturnType<typeof newPerson>>, userId: string) =>
  send(service, from, 'POST', '/social/conversations/direct', { body: { userId } })

describe('one-to-one conversations', () => {
  it('is started once per pair and found again by either person', async () => {
    const ann = await newPerson(service, 'Ann')
    const bob = await newPerson(service, 'Bob')

    const started = await start(ann, bob.id)
    expect(started.statusCode, started.body).toBe(201)
    expect(started.json()).toMatchObject({
      kind: 'direct',
      title: null,
      creatorId: null,
      memberCount: 2,
      with: { userId: bob.id, displayName: 'Bob', handle: null },
      lastMessage: null,
      unreadCount: 0,
      muted: false,
    })
    expect(
      started
        .json()
        .members.map((member: { user: { userId: string } }) => member.user.userId)
        .sort(),
    ).toEqual([ann.id, bob.id].sort())
    const again = await start(ann, bob.id)
    const theirs = await start(bob, ann.id.toUpperCase())
    expect([again.statusCode, theirs.statusCode]).toEqual([200, 200])
    expect([again.json().id, theirs.json().id]).toEqual([started.json().id, started.json().id])
    expect(theirs.json().with.userId).toBe(ann.id)
    const rows = await service.db
      .selectFrom('conversations')
      .select('id')
      .where('direct_low', 'in', [ann.id, bob.id])
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('started by both at once, is one conversation', async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const [a, b] = await Promise.all([start(ann, bob.id), start(bob, ann.id)])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201])
    expect(a.json().id).toBe(b.json().id)
  })

  it('refuses oneself (422), and answers a block either way exactly as nobody (404)', async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const cat = await newPerson(service)
    expectProblem(await start(ann, ann.id), 422, 'self-conversation')
    const nobody = expectProblem(await start(ann, randomUUID()), 404, 'not-found')
    await blockBetween(service, bob, ann)
    await blockBetween(service, ann, cat)
    const blockedByThem = expectProblem(await start(ann, bob.id), 404, 'not-found')
    const blockedByMe = expectProblem(await start(ann, cat.id), 404, 'not-found')
    const theyToMe = expectProblem(await start(bob, ann.id), 404, 'not-found')
    for (const problem of [blockedByThem, blockedByMe, theyToMe]) expect(problem.detail).toBe(nobody.detail)
  })

  it("follows the other's who_may_message: nobody (403), friends only (403 unless friends)", async () => {
    const ann = await newPerson(service)
    const closed = await newPerson(service)
    const picky = await newPerson(service)
    const friend = await newPerson(service)
    await letMessage(service, closed, 'nobody')
    await letMessage(service, picky, 'friends')
    await befriend(service, friend, picky)
    expectProblem(await start(ann, closed.id), 403, 'messages-closed')
    expectProblem(await start(ann, picky.id), 403, 'messages-friends-only')
    expect((await start(friend, picky.id)).statusCode).toBe(201)
    expect((await start(closed, ann.id)).statusCode).toBe(201)
  })

  it('refuses bad input with 400 naming the field', async () => {
    const ann = await newPerson(service)
    const bad = expectProblem(await start(ann, 'not-a-uuid'), 400, 'validation-failed')
    expect(bad.errors?.[0].field).toContain('userId')
    const extra = await send(service, ann, 'POST', '/social/conversations/direct', {
      body: { userId: randomUUID(), admin: true },
    })
    expectProblem(extra, 400, 'validation-failed')
    expectProblem(await send(service, ann, 'GET', '/social/conversations/nope'), 400, 'validation-failed')
    expectProblem(await send(service, ann, 'GET', '/social/conversations?cursor=%%%'), 400, 'validation-failed')
  })

  it('refuses a 1,001st conversation (409), for whoever would be in it', async () => {
    const busy = await newPerson(service)
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const now = new Date()
    const ids = Array.from({ length: 1000 }, () => randomUUID())
    await service.db
      .insertInto('conversations')
      .values(
        ids.map((id) => ({
          id,
          kind: 'group' as const,
          title: 'x',
          creator_id: busy.id,
          member_count: 1,
          direct_low: null,
          direct_high: null,
          last_message_id: null,
          last_message_at: now,
        })),
      )
      .execute()
    await service.db
      .insertInto('conversation_members')
      .values(
        ids.map((id) => ({
          conversation_id: id,
          user_id: busy.id,
          last_message_at: now,
          last_read_message_id: null,
          typing_at: null,
        })),
      )
      .execute()
    expectProblem(await start(busy, ann.id), 409, 'conversation-limit-reached')
    expectProblem(await start(bob, busy.id), 409, 'conversation-limit-reached')
    expect((await start(ann, bob.id)).statusCode).toBe(201)
  })
})

describe('my conversation list', () => {
  it('pages newest activity first, each with its unread count and last message', async () => {
    const me = await newPerson(service, 'Me')
    const others = await Promise.all([1, 2, 3].map((n) => newPerson(service, `Other ${n}`)))
    const ids = []
    for (const other of others) ids.push(await direct(service, me, other))
    await post(service, others[0], ids[0], 'first conversation, now the newest')
    await post(service, others[0], ids[0], 'x'.repeat(300))

    const page1 = await send(service, me, 'GET', '/social/conversations?limit=2')
    expect(page1.statusCode, page1.body).toBe(200)
    expect(page1.json().items.map((item: { id: string }) => item.id)).toEqual([ids[0], ids[2]])
    expect(page1.json().items[0]).toMatchObject({
      unreadCount: 2,
      with: { userId: others[0].id, displayName: 'Other 1' },
      lastMessage: { authorId: others[0].id, body: 'x'.repeat(100), edited: false, deleted: false },
    })
    const page2 = await send(service, me, 'GET', `/social/conversations?limit=2&cursor=${page1.json().nextCursor}`)
    expect(page2.json()).toEqual({ items: [expect.objectContaining({ id: ids[1], unreadCount: 0 })], nextCursor: null })
    const theirs = await send(service, others[0], 'GET', '/social/conversations')
    expect(theirs.json().items).toEqual([expect.objectContaining({ id: ids[0], unreadCount: 0 })])
  })

  it('leaves out a one-to-one conversation with a block either way, and brings it back with the unblock', async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const id = await direct(service, ann, bob)
    await blockBetween(service, bob, ann)
    for (const person of [ann, bob]) {
      expect((await send(service, person, 'GET', '/social/conversations')).json().items).toEqual([])
      expectProblem(await send(service, person, 'GET', `/social/conversations/${id}`), 404, 'not-found')
    }
    await service.db.deleteFrom('blocks').where('blocker_id', '=', bob.id).execute()
    expect((await send(service, ann, 'GET', '/social/conversations')).json().items).toHaveLength(1)
  })

  it('mutes and unmutes for me alone; a stranger gets 404', async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const stranger = await newPerson(service)
    const id = await direct(service, ann, bob)
    expect((await send(service, ann, 'PUT', `/social/conversations/${id}/mute`)).statusCode).toBe(204)
    expect((await send(service, ann, 'PUT', `/social/conversations/${id}/mute`)).statusCode).toBe(204)
    expect((await send(service, ann, 'GET', `/social/conversations/${id}`)).json().muted).toBe(true)
    expect((await send(service, bob, 'GET', `/social/conversations/${id}`)).json().muted).toBe(false)
    // A message names who muted it: notification-service leaves them untold.
    const messageId = await post(service, bob, id, 'quiet please')
    const [sentEvent] = (await eventsOf(service, 'social.message.sent', id)).filter(
      (event) => event.data.messageId === messageId,
    )
    expect(sentEvent.data).toMatchObject({
      audience: expect.arrayContaining([ann.id, bob.id]),
      mutedBy: [ann.id],
    })
    expect((await send(service, ann, 'DELETE', `/social/conversations/${id}/mute`)).statusCode).toBe(204)
    expect((await send(service, ann, 'GET', `/social/conversations/${id}`)).json().muted).toBe(false)
    for (const method of ['PUT', 'DELETE'] as const)
      expectProblem(await send(service, stranger, method, `/social/conversations/${id}/mute`), 404, 'not-found')
    expectProblem(await send(service, stranger, 'GET', `/social/conversations/${id}`), 404, 'not-found')
  })
})
