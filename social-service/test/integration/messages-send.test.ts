import { randomUUID } from 'node:crypto'
import { setTimeout } from 'node:timers/promises'
import { type KyselyPlugin, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendMessage } from '../../src/modules/messages/messages.service.ts'
import { age, blockBetween, direct, eventsOf, group, letMessage, post } from './messages-support.ts'
import { expectProblem, newPerson, type Person, send, startSocialService, type TestService } from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startSocialService()
})
afterAll(() => service.close())

const messagesOf = (person: Person, id: string, query = '') =>
  send(service, person, 'GET', `/social/conversations/${id}/messages${query}`)

/** Every route of a conversation, as `person` calls it (a message id of it where the route needs one). */
const everyRoute = (person: Person, id: string, messageId: string) => [
  send(service, person, 'GET', `/social/conversations/${id}`),
  send(service, person, 'GET', `/social/conversations/${id}/messages`),
  send(service, person, 'POST', `/social/conversations/${id}/messages`, { body: { body: 'hi' } }),
  send(service, person, 'PATCH', `/social/conversations/${id}/messages/${messageId}`, { body: { body: 'hi' } }),
  send(service, person, 'DELETE', `/social/conversations/${id}/messages/${messageId}`),
  send(service, person, 'PUT', `/social/conversations/${id}/read`, { body: { messageId } }),
  send(service, person, 'POST', `/social/conversations/${id}/typing`),
  send(service, person, 'PUT', `/social/conversations/${id}/mute`),
  send(service, person, 'DELETE', `/social/conversations/${id}/mute`),
  send(service, person, 'POST', `/social/conversations/${id}/leave`),
  send(service, person, 'POST', `/social/conversations/${id}/members`, { body: { userIds: [randomUUID()] } }),
  send(service, person, 'DELETE', `/social/conversations/${id}/members/${person.id}`),
]

describe('messages', () => {
  it('sends plain text as written (trimmed), lists newest first by cursor, and tells the members', async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const id = await direct(service, ann, bob)
    const sent = await send(service, ann, 'POST', `/social/conversations/${id}/messages`, {
      body: { body: '  <b>hi</b> & https://example.com\nline two  ' },
    })
    expect(sent.statusCode, sent.body).toBe(201)
    expect(sent.json()).toMatchObject({
      conversationId: id,
      authorId: ann.id,
      body: '<b>hi</b> & https://example.com\nline two',
      editedAt: null,
      deletedAt: null,
    })
    expect(sent.json().id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/)
    const second = await post(service, bob, id, 'second')
    const third = await post(service, ann, id, 'third')

    const page1 = await messagesOf(bob, id, '?limit=2')
    expect(page1.json().items.map((m: { id: string }) => m.id)).toEqual([third, second])
    const page2 = await messagesOf(bob, id, `?limit=2&cursor=${page1.json().nextCursor}`)
    expect(page2.json()).toEqual({ items: [sent.json()], nextCursor: null })

    const [event] = await eventsOf(service, 'social.message.sent', id)
    expect(event).toMatchObject({
      userId: ann.id,
      data: { messageId: sent.json().id, body: sent.json().body, title: null },
    })
    expect(event.data.audience?.slice().sort()).toEqual([ann.id, bob.id].sort())
  })

  it('refuses an empty, blank, too long or control-character body with 400', async () => {
    const ann = await newPerson(service)
    const id = await direct(service, ann, await newPerson(service))
    for (const body of ['', '   \n ', 'x'.repeat(2001), 'bell\u0007', { body: 'x', extra: 1 }]) {
      const payload = typeof body === 'string' ? { body } : body
      const response = await send(service, ann, 'POST', `/social/conversations/${id}/messages`, { body: payload })
      expectProblem(response, 400, 'validation-failed')
    }
    expect(
      (await send(service, ann, 'POST', `/social/conversations/${id}/messages`, { body: { body: 'é'.repeat(2000) } }))
        .statusCode,
    ).toBe(201)
  })

  it('answers a stranger 404 on every route of a conversation, as for one that does not exist', async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const stranger = await newPerson(service)
    const id = await group(service, ann, bob)
    const messageId = await post(service, ann, id, 'members only')
    for (const response of await Promise.all(everyRoute(stranger, id, messageId)))
      expectProblem(response, 404, 'not-found')
    for (const response of await Promise.all(everyRoute(ann, randomUUID(), messageId)))
      expectProblem(response, 404, 'not-found')
    expect((await messagesOf(bob, id)).json().items).toHaveLength(1)
    expect(await eventsOf(service, 'social.conversation.typing', id)).toEqual([])
  })

  for (const direction of ['they blocked me', 'I blocked them'] as const)
    it(`hides a one-to-one conversation from both on every route when ${direction} (404)`, async () => {
      const ann = await newPerson(service)
      const bob = await newPerson(service)
      const id = await direct(service, ann, bob)
      const messageId = await post(service, ann, id, 'before the block')
      if (direction === 'they blocked me') await blockBetween(service, bob, ann)
      else await blockBetween(service, ann, bob)
      for (const person of [ann, bob])
        for (const response of await Promise.all(everyRoute(person, id, messageId)))
          expectProblem(response, 404, 'not-found')
      const rows = await service.db
        .selectFrom('messages')
        .select(['body', 'deleted_at'])
        .where('conversation_id', '=', id)
        .execute()
      expect(rows).toEqual([{ body: 'before the block', deleted_at: null }])
    })

  it("refuses a send when the other's who_may_message no longer lets me (403), not a found conversation", async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const id = await direct(service, ann, bob)
    await letMessage(service, bob, 'nobody')
    expectProblem(
      await send(service, ann, 'POST', `/social/conversations/${id}/messages`, { body: { body: 'hi' } }),
      403,
      'messages-closed',
    )
    await letMessage(service, bob, 'friends')
    expectProblem(
      await send(service, ann, 'POST', `/social/conversations/${id}/messages`, { body: { body: 'hi' } }),
      403,
      'messages-friends-only',
    )
    expect(
      (await send(service, ann, 'POST', '/social/conversations/direct', { body: { userId: bob.id } })).statusCode,
    ).toBe(200)
    expect(await post(service, bob, id, 'I may write to you')).toBeTruthy()
    expect(await eventsOf(service, 'social.message.sent', id)).toHaveLength(1)
  })

  it('lets one send 30 messages a minute in all conversations, then 429 with Retry-After', async () => {
    const ann = await newPerson(service)
    const one = await direct(service, ann, await newPerson(service))
    const two = await direct(service, ann, await newPerson(service))
    for (let n = 0; n < 30; n++) await post(service, ann, n % 2 ? one : two, `message ${n}`)
    const refused = await send(service, ann, 'POST', `/social/conversations/${one}/messages`, {
      body: { body: 'one more' },
    })
    expectProblem(refused, 429, 'message-rate-limited')
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60)
    expect(refused.headers['ratelimit-limit']).toBe('30')
    await age(service, two, 61_000)
    expect(await post(service, ann, one, 'room again for 15')).toBeTruthy()
  })
  it('counts sends at once exactly: of 35 concurrent sends to two conversations, 30 go', async () => {
    const ann = await newPerson(service)
    const id = await direct(service, ann, await newPerson(service))
    const other = await direct(service, ann, await newPerson(service))
    const responses = await Promise.all(
      Array.from({ length: 35 }, (_, n) =>
        send(service, ann, 'POST', `/social/conversations/${n % 2 ? id : other}/messages`, {
          body: { body: `burst ${n}` },
        }),
      ),
    )
    expect(responses.map((response) => response.statusCode).sort()).toEqual([
      ...Array(30).fill(201),
      ...Array(5).fill(429),
    ])
    const unread = await service.db
      .selectFrom('conversation_members')
      .select((eb) => eb.fn.sum<string>('unread_count').as('total'))
      .where('conversation_id', 'in', [id, other])
      .where('user_id', '<>', ann.id)
      .executeTakeFirstOrThrow()
    expect(Number(unread.total)).toBe(30)
  })

  it('sends racing a block, from either side, wait for it and are refused (404), as for nobody', async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const id = await direct(service, ann, bob)
    const { racing } = await service.db.transaction().execute(async (trx) => {
      // As blocking does (openPair): both profiles locked for update in id order, then the block.
      await sql`select 1 from social_profiles where user_id in (${ann.id}, ${bob.id}) order by user_id for update`.execute(
        trx,
      )
      await trx.insertInto('blocks').values({ blocker_id: bob.id, blocked_id: ann.id }).execute()
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)
      const sends = Promise.all(
        [ann, bob].map((person) =>
          send(service, person, 'POST', `/social/conversations/${id}/messages`, { body: { body: 'racing' } }),
        ),
      )
      await waitersBehind(rows[0].pid, 2)
      return { racing: sends }
    })
    for (const response of await racing) expectProblem(response, 404, 'not-found')
    expect(await service.db.selectFrom('messages').select('id').where('conversation_id', '=', id).execute()).toEqual([])
    expect(await eventsOf(service, 'social.message.sent', id)).toEqual([])
  })

  it('sends in five statements, six in a one-to-one conversation (BEGIN and COMMIT aside)', async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const context = { userId: ann.id, requestId: 'statements', ip: '', authorization: '' }
    const statementsOf = async (conversationId: string) => {
      let count = 0
      // A plugin sees every executed statement's result once (its transformQuery also sees subqueries).
      const counter: KyselyPlugin = {
        transformQuery: (args) => args.node,
        transformResult: async (args) => {
          count++
          return args.result
        },
      }
      await sendMessage({ ...service.ctx, db: service.db.withPlugin(counter) }, context, conversationId, 'counted')
      return count
    }
    expect(await statementsOf(await direct(service, ann, bob))).toBe(6)
    expect(await statementsOf(await group(service, ann, bob))).toBe(5)
  })
})

/** Waits until `count` sessions wait on the locks of session `pid`, directly or behind one that does. */
async function waitersBehind(pid: number, count: number) {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await setTimeout(20)) {
    const { rows } = await sql<{ waiting: number }>`
      select count(*)::int as waiting from pg_stat_activity a
      where ${pid} = any(pg_blocking_pids(a.pid))
         or exists (select 1 from unnest(pg_blocking_pids(a.pid)) b (pid) where ${pid} = any(pg_blocking_pids(b.pid)))`.execute(
      service.db,
    )
    if (rows[0].waiting >= count) return
  }
  throw new Error(`fewer than ${count} sessions came to wait behind ${pid}`)
}

describe('editing and deleting', () => {
  it('lets the author edit within 15 minutes; others 403; after, 403 message-window-closed', async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const id = await direct(service, ann, bob)
    const messageId = await post(service, ann, id, 'tpyo')
    const url = `/social/conversations/${id}/messages/${messageId}`
    const edited = await send(service, ann, 'PATCH', url, { body: { body: ' typo ' } })
    expect(edited.statusCode, edited.body).toBe(200)
    expect(edited.json()).toMatchObject({ id: messageId, body: 'typo', editedAt: expect.any(String) })
    const [event] = await eventsOf(service, 'social.message.edited', id)
    expect(event.data).toMatchObject({ messageId, body: 'typo', editedAt: edited.json().editedAt })
    expectProblem(await send(service, bob, 'PATCH', url, { body: { body: 'mine now' } }), 403, 'not-message-author')
    expectProblem(await send(service, bob, 'DELETE', url), 403, 'not-message-author')
    expectProblem(
      await send(service, ann, 'PATCH', `/social/conversations/${id}/messages/${randomUUID()}`, {
        body: { body: 'x' },
      }),
      404,
      'not-found',
    )
    await age(service, id, 14 * 60_000)
    expect((await send(service, ann, 'PATCH', url, { body: { body: 'still in time' } })).statusCode).toBe(200)
    await age(service, id, 60_000)
    expectProblem(await send(service, ann, 'PATCH', url, { body: { body: 'too late' } }), 403, 'message-window-closed')
    expectProblem(await send(service, ann, 'DELETE', url), 403, 'message-window-closed')
    expect((await messagesOf(bob, id)).json().items[0].body).toBe('still in time')
  })

  it('deletes within the window: the body goes, a tombstone stays, the members are told once', async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const id = await direct(service, ann, bob)
    const messageId = await post(service, ann, id, 'oops')
    const url = `/social/conversations/${id}/messages/${messageId}`
    expect((await send(service, ann, 'DELETE', url)).statusCode).toBe(204)
    expect((await send(service, ann, 'DELETE', url)).statusCode).toBe(204)
    const [tombstone] = (await messagesOf(bob, id)).json().items
    expect(tombstone).toMatchObject({ id: messageId, authorId: ann.id, body: '', deletedAt: expect.any(String) })
    expect(await eventsOf(service, 'social.message.deleted', id)).toHaveLength(1)
    expectProblem(await send(service, ann, 'PATCH', url, { body: { body: 'back' } }), 409, 'message-deleted')
    const list = await send(service, bob, 'GET', '/social/conversations')
    expect(list.json().items[0].lastMessage).toMatchObject({ id: messageId, body: '', deleted: true })
  })
})

describe('read receipts, unread counts and typing', () => {
  it('counts unread per member, moves the read position forward only, and sends the receipt', async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const cat = await newPerson(service)
    const id = await group(service, ann, bob, cat)
    const ids = [
      await post(service, ann, id, 'one'),
      await post(service, ann, id, 'two'),
      await post(service, cat, id, 'three'),
    ]
    const unread = async (person: Person) =>
      (await send(service, person, 'GET', `/social/conversations/${id}`)).json().unreadCount
    expect([await unread(ann), await unread(bob), await unread(cat)]).toEqual([1, 3, 0])

    const read = await send(service, bob, 'PUT', `/social/conversations/${id}/read`, { body: { messageId: ids[1] } })
    expect(read.statusCode, read.body).toBe(200)
    expect(read.json()).toEqual({ lastReadMessageId: ids[1], unreadCount: 1 })
    const [receipt] = await eventsOf(service, 'social.conversation.read', id)
    expect(receipt).toMatchObject({ userId: bob.id, data: { lastReadMessageId: ids[1] } })
    expect(receipt.data.audience).toHaveLength(3)

    const back = await send(service, bob, 'PUT', `/social/conversations/${id}/read`, { body: { messageId: ids[0] } })
    expect(back.json()).toEqual({ lastReadMessageId: ids[1], unreadCount: 1 })
    expect(await eventsOf(service, 'social.conversation.read', id)).toHaveLength(1)
    const members = (await send(service, ann, 'GET', `/social/conversations/${id}`)).json().members
    expect(members.find((m: { user: { userId: string } }) => m.user.userId === bob.id).lastReadMessageId).toBe(ids[1])

    const other = await direct(service, bob, ann)
    const foreign = await post(service, ann, other, 'elsewhere')
    expectProblem(
      await send(service, bob, 'PUT', `/social/conversations/${id}/read`, { body: { messageId: foreign } }),
      404,
      'not-found',
    )
    await send(service, bob, 'PUT', `/social/conversations/${id}/read`, { body: { messageId: ids[2] } })
    expect(await unread(bob)).toBe(0)
  })

  it('sends one typing event per member per 3 s; more often is answered 204 and dropped', async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const id = await direct(service, ann, bob)
    const typing = (person: Person) => send(service, person, 'POST', `/social/conversations/${id}/typing`)
    expect((await typing(ann)).statusCode).toBe(204)
    expect((await typing(ann)).statusCode).toBe(204)
    expect((await typing(bob)).statusCode).toBe(204)
    const events = await eventsOf(service, 'social.conversation.typing', id)
    expect(events.map((event) => event.userId)).toEqual([ann.id, bob.id])
    await service.db
      .updateTable('conversation_members')
      .set({ typing_at: new Date(Date.now() - 3_000) })
      .where('conversation_id', '=', id)
      .where('user_id', '=', ann.id)
      .execute()
    expect((await typing(ann)).statusCode).toBe(204)
    expect(await eventsOf(service, 'social.conversation.typing', id)).toHaveLength(3)
  })
})
