import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lockOpenRoom } from '../../src/modules/rooms/room-access.ts'
import { type Auth, expectProblem, outboxEvents, startFocusService, type TestService } from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startFocusService({ FOCUS_ROOM_CHAT_BURST: '3', FOCUS_ROOM_CHAT_REFILL_MS: '2000' })
})
afterAll(async () => {
  await service.close()
})

type User = { id: string; auth: Auth }
type Envelope = { userId: string; data: Record<string, unknown> }

async function person(displayName: string): Promise<User> {
  const user = await service.user()
  await service.db
    .insertInto('user_profiles')
    .values({ user_id: user.id, timezone: 'UTC', day_start_hour: 0, as_of: new Date(), display_name: displayName })
    .execute()
  return user
}

const call = (user: User, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  service.app.inject({ method, url, headers: user.auth, ...(payload ? { payload } : {}) })

/** A room `host` made, with `guests` in it (a private room's guests invited first). */
async function roomWith(host: User, visibility: 'public' | 'private', ...guests: User[]) {
  const created = await call(host, 'POST', '/focus/rooms', { name: 'Chat room', visibility })
  expect(created.statusCode, created.body).toBe(201)
  const roomId = created.json().id as string
  if (visibility === 'private' && guests.length > 0) {
    const invited = await call(host, 'POST', `/focus/rooms/${roomId}/invitations`, {
      userIds: guests.map((guest) => guest.id),
    })
    expect(invited.statusCode, invited.body).toBe(201)
  }
  for (const guest of guests) {
    const joined = await call(guest, 'POST', `/focus/rooms/${roomId}/join`)
    expect(joined.statusCode, joined.body).toBeLessThan(300)
  }
  return roomId
}

const post = (user: User, roomId: string, body: string) =>
  call(user, 'POST', `/focus/rooms/${roomId}/messages`, { body })

/** Moves the clock on by `ms`, past the refill of chat budgets. */
const advance = (ms: number) => service.clock.set(new Date(service.clock.now().getTime() + ms))

const roomVersion = async (roomId: string) =>
  (await service.db.selectFrom('rooms').select('version').where('id', '=', roomId).executeTakeFirstOrThrow()).version

const postedIn = async (roomId: string) =>
  ((await outboxEvents(service.db, { type: 'focus.room.message_posted' })) as Envelope[]).filter(
    (event) => event.data.roomId === roomId,
  )

describe('room chat', () => {
  it('posts plain text as sent (trimmed), lists it newest first with names, pages by id', async () => {
    const host = await person('Host')
    const alice = await person('Alice')
    const roomId = await roomWith(host, 'public', alice)

    const first = await post(alice, roomId, '  <b>hello</b> & "you"\n  second line \n')
    expect(first.statusCode, first.body).toBe(201)
    expect(first.json()).toEqual({
      id: expect.any(String),
      userId: alice.id,
      displayName: 'Alice',
      body: '<b>hello</b> & "you"\n  second line',
      createdAt: service.clock.now().toISOString(),
    })
    expect(first.json().id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/)
    const second = await post(host, roomId, 'welcome')
    const third = await post(alice, roomId, 'thanks')

    const page1 = await call(host, 'GET', `/focus/rooms/${roomId}/messages?limit=2`)
    expect(page1.statusCode).toBe(200)
    expect(page1.json().items.map((item: { id: string }) => item.id)).toEqual([third.json().id, second.json().id])
    expect(page1.json().items[1]).toMatchObject({ userId: host.id, displayName: 'Host', body: 'welcome' })
    const page2 = await call(host, 'GET', `/focus/rooms/${roomId}/messages?limit=2&cursor=${page1.json().nextCursor}`)
    expect(page2.json()).toEqual({ items: [first.json()], nextCursor: null })
    expectProblem(await call(host, 'GET', `/focus/rooms/${roomId}/messages?cursor=nope`), 400)
  })

  it('refuses blank, too long and control-character text with 400 naming /body/body', async () => {
    const host = await person('Host')
    const roomId = await roomWith(host, 'public')
    const refused = ['   \n ', 'x'.repeat(501), 'tab\there', 'bell\u0007', 'nul\u0000', 'escape\u001b[31m', 'c1\u0085']
    for (const body of refused) {
      const problem = expectProblem(await post(host, roomId, body), 400, 'validation-failed')
      expect(problem.errors).toEqual([expect.objectContaining({ field: '/body/body' })])
    }
    const longest = await post(host, roomId, `${'é'.repeat(497)}😀\r\n`)
    expect(longest.statusCode, longest.body).toBe(201)
    expect([...longest.json().body]).toHaveLength(498)
    expectProblem(await post(host, roomId, 'x'.repeat(2001)), 400, 'validation-failed')
    expectProblem(
      await call(host, 'POST', `/focus/rooms/${roomId}/messages`, { body: 'hi', html: true }),
      400,
      'validation-failed',
    )
  })

  it('rate-limits each participant: a burst, then 429 with Retry-After until a token refills', async () => {
    const host = await person('Host')
    const alice = await person('Alice')
    const roomId = await roomWith(host, 'public', alice)
    for (const n of [1, 2, 3]) expect((await post(alice, roomId, `burst ${n}`)).statusCode).toBe(201)
    const limited = await post(alice, roomId, 'one too many')
    expectProblem(limited, 429, 'chat-rate-limited')
    expect(limited.headers['retry-after']).toBe('2')
    expect(limited.headers['ratelimit-limit']).toBe('3')
    expect((await post(host, roomId, 'the host has a budget of their own')).statusCode).toBe(201)

    advance(1000)
    expect((await post(alice, roomId, 'half a token')).headers['retry-after']).toBe('1')
    advance(1000)
    expect((await post(alice, roomId, 'refilled')).statusCode).toBe(201)
    expectProblem(await post(alice, roomId, 'empty again'), 429, 'chat-rate-limited')
    advance(60_000)
    for (const n of [1, 2, 3]) expect((await post(alice, roomId, `capped ${n}`)).statusCode).toBe(201)
    expectProblem(await post(alice, roomId, 'the burst is the cap'), 429, 'chat-rate-limited')
    const texts = (await postedIn(roomId)).map((event) => event.data.body)
    expect(texts).not.toContain('one too many')
  })

  it('spends each token once when one person posts many at once: the burst gets through, the rest 429', async () => {
    const host = await person('Host')
    const alice = await person('Alice')
    const roomId = await roomWith(host, 'public', alice)
    const answers = await Promise.all(Array.from({ length: 8 }, (_, n) => post(alice, roomId, `at once ${n}`)))
    const codes = answers.map((answer) => answer.statusCode).sort()
    expect(codes).toEqual([201, 201, 201, 429, 429, 429, 429, 429])
    for (const refused of answers.filter((answer) => answer.statusCode === 429))
      expectProblem(refused, 429, 'chat-rate-limited')
    // Each accepted message is stored once with one event; no refused one is.
    const accepted = answers.filter((answer) => answer.statusCode === 201).map((answer) => answer.json().id)
    const events = (await postedIn(roomId)).filter((event) => event.userId === alice.id)
    expect(events.map((event) => event.data.messageId).sort()).toEqual([...accepted].sort())
    const stored = await service.db.selectFrom('room_messages').select('id').where('room_id', '=', roomId).execute()
    expect(stored.map((row) => row.id).sort()).toEqual([...accepted].sort())
  })

  it('does not refill the budget of someone who leaves and joins again', async () => {
    const host = await person('Host')
    const alice = await person('Alice')
    const roomId = await roomWith(host, 'public', alice)
    for (const n of [1, 2, 3]) expect((await post(alice, roomId, `before ${n}`)).statusCode).toBe(201)
    expect((await call(alice, 'POST', `/focus/rooms/${roomId}/leave`)).statusCode).toBe(204)
    expect((await call(alice, 'POST', `/focus/rooms/${roomId}/join`)).statusCode).toBe(200)
    expectProblem(await post(alice, roomId, 'a fresh budget?'), 429, 'chat-rate-limited')
    // Once a full refill's time has passed, it is full again.
    advance(6000)
    expect((await call(alice, 'POST', `/focus/rooms/${roomId}/leave`)).statusCode).toBe(204)
    expect((await call(alice, 'POST', `/focus/rooms/${roomId}/join`)).statusCode).toBe(200)
    for (const n of [1, 2, 3]) expect((await post(alice, roomId, `after ${n}`)).statusCode).toBe(201)
  })

  it('refuses a muted participant (403) until unmuted', async () => {
    const host = await person('Host')
    const alice = await person('Alice')
    const roomId = await roomWith(host, 'public', alice)
    const muted = await call(host, 'PUT', `/focus/rooms/${roomId}/participants/${alice.id}/mute`)
    expect(muted.statusCode).toBe(200)
    expectProblem(await post(alice, roomId, 'let me talk'), 403, 'participant-muted')
    expect((await call(alice, 'GET', `/focus/rooms/${roomId}/messages`)).statusCode).toBe(200)
    await call(host, 'DELETE', `/focus/rooms/${roomId}/participants/${alice.id}/mute`)
    expect((await post(alice, roomId, 'thanks')).statusCode).toBe(201)
  })

  it('publishes each message to the participants, at the room version, without changing it', async () => {
    const host = await person('Host')
    const alice = await person('Alice')
    const roomId = await roomWith(host, 'public', alice)
    const version = await roomVersion(roomId)
    const posted = await post(alice, roomId, 'hello room')
    expect(await roomVersion(roomId)).toBe(version)
    const [event] = await postedIn(roomId)
    expect(event.userId).toBe(alice.id)
    expect(event.data).toEqual({
      roomId,
      audience: expect.arrayContaining([host.id, alice.id]),
      roomVersion: version,
      messageId: posted.json().id,
      body: 'hello room',
      postedAt: posted.json().createdAt,
    })
    expect(event.data.audience).toHaveLength(2)
  })

  it("does not wait for the room's lock: a message goes through while a timer change holds the room", async () => {
    const host = await person('Host')
    const roomId = await roomWith(host, 'public')
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    let locked = () => {}
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve
    })
    const holder = service.db.transaction().execute(async (trx) => {
      await lockOpenRoom(trx, roomId)
      locked()
      await held
    })
    await isLocked
    try {
      expect((await post(host, roomId, 'no waiting')).statusCode).toBe(201)
    } finally {
      release()
      await holder
    }
  })

  it('answers only participants: a private room 404 to strangers, a public one 409 not-in-room', async () => {
    const host = await person('Host')
    const stranger = await person('Stranger')
    const privateRoom = await roomWith(host, 'private')
    const publicRoom = await roomWith(await person('Other host'), 'public')
    expectProblem(await post(stranger, privateRoom, 'hi'), 404, 'not-found')
    expectProblem(await call(stranger, 'GET', `/focus/rooms/${privateRoom}/messages`), 404, 'not-found')
    expectProblem(await post(stranger, publicRoom, 'hi'), 409, 'not-in-room')
    expectProblem(await call(stranger, 'GET', `/focus/rooms/${publicRoom}/messages`), 409, 'not-in-room')
    const unknown = '0190aaaa-0000-7000-8000-000000000000'
    expectProblem(await post(host, unknown, 'hi'), 404, 'not-found')
  })

  it('cuts a removed participant off at once: no chat, no more events of the room', async () => {
    const host = await person('Host')
    const alice = await person('Alice')
    const bob = await person('Bob')
    const roomId = await roomWith(host, 'private', alice, bob)
    await post(alice, roomId, 'before')
    expect((await call(host, 'DELETE', `/focus/rooms/${roomId}/participants/${bob.id}`)).statusCode).toBe(204)
    expectProblem(await call(bob, 'GET', `/focus/rooms/${roomId}/messages`), 404, 'not-found')
    expectProblem(await post(bob, roomId, 'let me back'), 404, 'not-found')
    await post(alice, roomId, 'after')

    const left = (await outboxEvents(service.db, { type: 'focus.room.left' })) as Envelope[]
    expect(left.find((event) => event.data.participantId === bob.id)?.data.audience).toContain(bob.id)
    const [before, after] = await postedIn(roomId)
    expect(before.data.audience).toContain(bob.id)
    expect(after.data.audience).toEqual(expect.arrayContaining([host.id, alice.id]))
    expect(after.data.audience).not.toContain(bob.id)
  })
})
