import { validateEvent } from '@focushub/shared/events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Auth, expectProblem, outboxEvents, startFocusService, type TestService } from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startFocusService()
})
afterAll(async () => {
  await service.close()
})

type User = { id: string; auth: Auth }
type Envelope = { userId: string; data: Record<string, unknown> }
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

async function person(displayName: string, role: 'user' | 'admin' = 'user'): Promise<User> {
  const user = await service.user({ role })
  await service.db
    .insertInto('user_profiles')
    .values({ user_id: user.id, timezone: 'UTC', day_start_hour: 0, as_of: new Date(), display_name: displayName })
    .execute()
  return user
}

const call = (user: User, method: Method, url: string, payload?: object) =>
  service.app.inject({ method, url, headers: user.auth, ...(payload ? { payload } : {}) })

/** A room `host` made, with `guests` in it (a private room's guests invited first). */
async function roomWith(host: User, visibility: 'public' | 'private', ...guests: User[]) {
  const created = await call(host, 'POST', '/focus/rooms', { name: 'Moderated room', visibility })
  expect(created.statusCode, created.body).toBe(201)
  const roomId = created.json().id as string
  if (visibility === 'private' && guests.length > 0) await invite(host, roomId, ...guests)
  for (const guest of guests) {
    const joined = await call(guest, 'POST', `/focus/rooms/${roomId}/join`)
    expect(joined.statusCode, joined.body).toBeLessThan(300)
  }
  return roomId
}

async function invite(host: User, roomId: string, ...guests: User[]) {
  const invited = await call(host, 'POST', `/focus/rooms/${roomId}/invitations`, { userIds: guests.map((g) => g.id) })
  expect(invited.statusCode, invited.body).toBe(201)
}

const eventsOf = async (type: string, roomId: string) =>
  ((await outboxEvents(service.db, { type })) as Envelope[]).filter((event) => event.data.roomId === roomId)

const isParticipant = async (roomId: string, userId: string) =>
  (await service.db
    .selectFrom('room_participants')
    .select('user_id')
    .where('room_id', '=', roomId)
    .where('user_id', '=', userId)
    .executeTakeFirst()) !== undefined

/** Every route of this module on a room, as [method, path, body] naming `target`. */
const moderationRoutes = (roomId: string, target: string): [Method, string, object?][] => [
  ['PUT', `/focus/rooms/${roomId}/participants/${target}/mute`],
  ['DELETE', `/focus/rooms/${roomId}/participants/${target}/mute`],
  ['DELETE', `/focus/rooms/${roomId}/participants/${target}`],
  ['POST', `/focus/rooms/${roomId}/bans`, { userId: target }],
  ['GET', `/focus/rooms/${roomId}/bans`],
  ['DELETE', `/focus/rooms/${roomId}/bans/${target}`],
]

describe('room moderation', () => {
  it('is the host’s alone: a participant gets 403 host-only, a private room’s stranger 404 everywhere', async () => {
    const host = await person('Host')
    const alice = await person('Alice')
    const bob = await person('Bob')
    const stranger = await person('Stranger')
    const roomId = await roomWith(host, 'private', alice, bob)
    for (const [method, url, body] of moderationRoutes(roomId, bob.id)) {
      expectProblem(await call(alice, method, url, body), 403, 'host-only')
      expectProblem(await call(stranger, method, url, body), 404, 'not-found')
    }
    await call(alice, 'POST', `/focus/rooms/${roomId}/messages`, { body: 'hi' })
    const [message] = (await eventsOf('focus.room.message_posted', roomId)).map((event) => event.data.messageId)
    for (const [method, url, body] of [
      ['POST', `/focus/rooms/${roomId}/messages`, { body: 'hi' }],
      ['GET', `/focus/rooms/${roomId}/messages`],
      ['POST', `/focus/rooms/${roomId}/reports`, { reason: 'spam', messageId: message }],
    ] as [Method, string, object?][]) {
      expectProblem(await call(stranger, method, url, body), 404, 'not-found')
    }
    expect(await isParticipant(roomId, bob.id)).toBe(true)
  })

  it('refuses the host acting on themselves (422) and on someone not in the room (404)', async () => {
    const host = await person('Host')
    const outsider = await person('Outsider')
    const roomId = await roomWith(host, 'public')
    for (const [method, url, body] of moderationRoutes(roomId, host.id).filter(([method]) => method !== 'GET')) {
      expectProblem(await call(host, method, url, body), 422, 'moderate-self')
    }
    for (const [method, url] of moderationRoutes(roomId, outsider.id).slice(0, 3)) {
      expectProblem(await call(host, method, url), 404, 'not-found')
    }
    expectProblem(await call(host, 'DELETE', `/focus/rooms/${roomId}/bans/${outsider.id}`), 404, 'not-found')
  })

  it('mutes and unmutes: the participant part back, participant_changed to the room', async () => {
    const host = await person('Host')
    const alice = await person('Alice')
    const roomId = await roomWith(host, 'public', alice)
    const muted = await call(host, 'PUT', `/focus/rooms/${roomId}/participants/${alice.id}/mute`)
    expect(muted.statusCode, muted.body).toBe(200)
    expect(muted.json()).toMatchObject({ userId: alice.id, displayName: 'Alice', muted: true, isHost: false })
    expect((await call(host, 'PUT', `/focus/rooms/${roomId}/participants/${alice.id}/mute`)).json().muted).toBe(true)
    const unmuted = await call(host, 'DELETE', `/focus/rooms/${roomId}/participants/${alice.id}/mute`)
    expect(unmuted.json()).toMatchObject({ userId: alice.id, muted: false })

    const changes = await eventsOf('focus.room.participant_changed', roomId)
    expect(changes.map((event) => event.data.muted)).toEqual([true, false])
    expect(changes[0].userId).toBe(host.id)
    expect(changes[0].data).toMatchObject({ participantId: alice.id, inTimer: true })
    expect(changes[0].data.audience).toEqual(expect.arrayContaining([host.id, alice.id]))
    const view = await call(alice, 'GET', `/focus/rooms/${roomId}`)
    expect(view.json().version).toBe(changes[1].data.roomVersion)
  })

  it('removes a participant: 204, left (removed) to them and nothing after; they may join again', async () => {
    const host = await person('Host')
    const alice = await person('Alice')
    const bob = await person('Bob')
    const roomId = await roomWith(host, 'public', alice, bob)
    expect((await call(host, 'DELETE', `/focus/rooms/${roomId}/participants/${bob.id}`)).statusCode).toBe(204)
    expect(await isParticipant(roomId, bob.id)).toBe(false)
    const [left] = await eventsOf('focus.room.left', roomId)
    expect(left.data).toMatchObject({ participantId: bob.id, reason: 'removed' })
    expect(left.data.audience).toContain(bob.id)

    expectProblem(await call(bob, 'GET', `/focus/rooms/${roomId}/messages`), 409, 'not-in-room')
    expectProblem(await call(bob, 'POST', `/focus/rooms/${roomId}/messages`, { body: 'hey' }), 409, 'not-in-room')
    await call(host, 'PUT', `/focus/rooms/${roomId}/participants/${alice.id}/mute`)
    const [change] = await eventsOf('focus.room.participant_changed', roomId)
    expect(change.data.audience).not.toContain(bob.id)

    expect((await call(bob, 'POST', `/focus/rooms/${roomId}/join`)).statusCode).toBeLessThan(300)
  })

  it('bans: out at once, invitation gone, no way back by id or link until unbanned; listed with names', async () => {
    const host = await person('Host')
    const alice = await person('Alice')
    const bob = await person('Bob')
    const carol = await person('Carol')
    const roomId = await roomWith(host, 'private', alice)
    await invite(host, roomId, bob)

    const banned = await call(host, 'POST', `/focus/rooms/${roomId}/bans`, { userId: alice.id })
    expect(banned.statusCode, banned.body).toBe(201)
    expect(banned.json()).toEqual({
      userId: alice.id,
      displayName: 'Alice',
      bannedBy: host.id,
      createdAt: service.clock.now().toISOString(),
    })
    expect(await isParticipant(roomId, alice.id)).toBe(false)
    const [left] = await eventsOf('focus.room.left', roomId)
    expect(left.data).toMatchObject({ participantId: alice.id, reason: 'banned' })
    expect(left.data.audience).toContain(alice.id)
    expectProblem(await call(alice, 'GET', `/focus/rooms/${roomId}/messages`), 404, 'not-found')

    expect((await call(host, 'POST', `/focus/rooms/${roomId}/bans`, { userId: bob.id })).statusCode).toBe(201)
    const invitation = await service.db
      .selectFrom('room_invitations')
      .select('user_id')
      .where('room_id', '=', roomId)
      .where('user_id', '=', bob.id)
      .executeTakeFirst()
    expect(invitation).toBeUndefined()
    service.clock.set(new Date(service.clock.now().getTime() + 1000))
    expect((await call(host, 'POST', `/focus/rooms/${roomId}/bans`, { userId: carol.id })).statusCode).toBe(201)
    const again = await call(host, 'POST', `/focus/rooms/${roomId}/bans`, { userId: carol.id })
    expect(again.statusCode).toBe(200)
    expect(again.json().userId).toBe(carol.id)

    await invite(host, roomId, alice)
    expectProblem(await call(alice, 'POST', `/focus/rooms/${roomId}/join`), 403, 'banned-from-room')
    const link = await call(host, 'POST', `/focus/rooms/${roomId}/invite-links`, {})
    expect(link.statusCode, link.body).toBe(201)
    const byLink = await call(alice, 'POST', '/focus/rooms/join', { token: link.json().token })
    expectProblem(byLink, 403, 'banned-from-room')

    const page1 = await call(host, 'GET', `/focus/rooms/${roomId}/bans?limit=2`)
    expect(page1.statusCode, page1.body).toBe(200)
    expect(page1.json().items.map((ban: { displayName: string }) => ban.displayName)).toEqual([
      'Carol',
      expect.any(String),
    ])
    const page2 = await call(host, 'GET', `/focus/rooms/${roomId}/bans?limit=2&cursor=${page1.json().nextCursor}`)
    expect(page2.json().nextCursor).toBeNull()
    const names = [...page1.json().items, ...page2.json().items].map((ban: { displayName: string }) => ban.displayName)
    expect(names.sort()).toEqual(['Alice', 'Bob', 'Carol'])

    expect((await call(host, 'DELETE', `/focus/rooms/${roomId}/bans/${alice.id}`)).statusCode).toBe(204)
    expectProblem(await call(host, 'DELETE', `/focus/rooms/${roomId}/bans/${alice.id}`), 404, 'not-found')
    expect((await call(alice, 'POST', '/focus/rooms/join', { token: link.json().token })).statusCode).toBeLessThan(300)
  })
})

describe('room reports', () => {
  it('copies the reported message, tells only the reporter, and outlives the room', async () => {
    const host = await person('Host')
    const alice = await person('Alice')
    const passerby = await person('Passer-by')
    const roomId = await roomWith(host, 'public', alice)
    const posted = await call(alice, 'POST', `/focus/rooms/${roomId}/messages`, { body: 'rude words' })
    const messageId = posted.json().id as string

    const reported = await call(host, 'POST', `/focus/rooms/${roomId}/reports`, { reason: ' rude \n', messageId })
    expect(reported.statusCode, reported.body).toBe(201)
    expect(reported.json()).toEqual({ id: expect.any(String) })
    const roomReport = await call(passerby, 'POST', `/focus/rooms/${roomId}/reports`, { reason: 'bad room name' })
    expect(roomReport.statusCode, roomReport.body).toBe(201)

    const [event] = await eventsOf('focus.room.reported', roomId)
    expect(event.userId).toBe(host.id)
    expect(event.data).toMatchObject({ reportId: reported.json().id, messageId, audience: [host.id] })

    expect((await call(host, 'DELETE', `/focus/rooms/${roomId}`)).statusCode).toBe(204)
    const admin = await person('Admin', 'admin')
    const open = await call(admin, 'GET', '/focus/rooms/reports?limit=200')
    expect(open.statusCode, open.body).toBe(200)
    const mine = open.json().items.filter((report: { roomId: string }) => report.roomId === roomId)
    expect(mine).toEqual([
      expect.objectContaining({ id: roomReport.json().id, reporterId: passerby.id, message: null }),
      {
        id: reported.json().id,
        roomId,
        roomName: 'Moderated room',
        reporterId: host.id,
        reason: 'rude',
        message: { id: messageId, authorId: alice.id, body: 'rude words' },
        status: 'open',
        createdAt: service.clock.now().toISOString(),
        resolvedAt: null,
        resolvedBy: null,
      },
    ])

    const resolved = await call(admin, 'POST', `/focus/rooms/reports/${reported.json().id}/resolve`)
    expect(resolved.statusCode, resolved.body).toBe(200)
    const closed = await service.db
      .selectFrom('rooms')
      .select('version')
      .where('id', '=', roomId)
      .executeTakeFirstOrThrow()
    const [resolution] = await eventsOf('focus.room.report_resolved', roomId)
    expect(resolution.data).toMatchObject({ reportId: reported.json().id, messageId, roomVersion: closed.version })
  })

  it('refuses reports of messages elsewhere (404), bad reasons (400), closed or hidden rooms (404)', async () => {
    const host = await person('Host')
    const other = await person('Other host')
    const stranger = await person('Stranger')
    const roomId = await roomWith(host, 'public')
    const elsewhere = await roomWith(other, 'public')
    const foreign = await call(other, 'POST', `/focus/rooms/${elsewhere}/messages`, { body: 'not yours' })
    expect(foreign.statusCode, foreign.body).toBe(201)
    const url = `/focus/rooms/${roomId}/reports`
    expectProblem(await call(host, 'POST', url, { reason: 'x', messageId: foreign.json().id }), 404, 'not-found')
    for (const reason of [' ', 'x'.repeat(501), 'a\u0000b']) {
      const problem = expectProblem(await call(host, 'POST', url, { reason }), 400, 'validation-failed')
      expect(problem.errors?.[0].field).toBe('/body/reason')
    }
    expectProblem(await call(host, 'POST', url, {}), 400, 'validation-failed')
    const hidden = await roomWith(await person('Third host'), 'private')
    expectProblem(await call(stranger, 'POST', `/focus/rooms/${hidden}/reports`, { reason: 'x' }), 404, 'not-found')
  })

  it('lets admins list and resolve reports; anyone else gets 403', async () => {
    const host = await person('Host')
    const admin = await person('Admin', 'admin')
    const roomId = await roomWith(host, 'public')
    const report = await call(host, 'POST', `/focus/rooms/${roomId}/reports`, { reason: 'please look' })
    const reportId = report.json().id as string

    expectProblem(await call(host, 'GET', '/focus/rooms/reports'), 403, 'forbidden')
    expectProblem(await call(host, 'POST', `/focus/rooms/reports/${reportId}/resolve`), 403, 'forbidden')

    service.clock.set(new Date(service.clock.now().getTime() + 60_000))
    const resolved = await call(admin, 'POST', `/focus/rooms/reports/${reportId}/resolve`)
    expect(resolved.statusCode, resolved.body).toBe(200)
    expect(resolved.json()).toMatchObject({
      id: reportId,
      status: 'resolved',
      resolvedBy: admin.id,
      resolvedAt: service.clock.now().toISOString(),
    })
    const [resolution, ...more] = await eventsOf('focus.room.report_resolved', roomId)
    expect(more).toEqual([])
    expect(resolution.userId).toBe(host.id)
    expect(resolution.data).toEqual({
      roomId,
      audience: [host.id],
      roomVersion: (await call(host, 'GET', `/focus/rooms/${roomId}`)).json().version,
      reportId,
      messageId: null,
      resolvedAt: service.clock.now().toISOString(),
    })
    expect(validateEvent(resolution)).toBe('focushub.focus.events')
    expect(JSON.stringify(resolution)).not.toContain(admin.id)

    const other = await person('Other admin', 'admin')
    const again = await call(other, 'POST', `/focus/rooms/reports/${reportId}/resolve`)
    expect(again.json()).toEqual(resolved.json())
    expect(await eventsOf('focus.room.report_resolved', roomId)).toHaveLength(1)

    const ids = async (query: string) => {
      const page = await call(admin, 'GET', `/focus/rooms/reports?${query}`)
      expect(page.statusCode, page.body).toBe(200)
      return page.json().items.map((item: { id: string }) => item.id) as string[]
    }
    expect(await ids('limit=200')).not.toContain(reportId)
    expect(await ids('status=resolved&limit=200')).toContain(reportId)
    expectProblem(await call(admin, 'GET', '/focus/rooms/reports?status=closed'), 400, 'validation-failed')
    const unknown = '0190aaaa-0000-7000-8000-000000000000'
    expectProblem(await call(admin, 'POST', `/focus/rooms/reports/${unknown}/resolve`), 404, 'not-found')
  })

  it('pages reports newest first by id', async () => {
    const admin = await person('Admin', 'admin')
    const host = await person('Host')
    const roomId = await roomWith(host, 'public')
    const made: string[] = []
    for (const n of [1, 2, 3]) {
      made.push((await call(host, 'POST', `/focus/rooms/${roomId}/reports`, { reason: `report ${n}` })).json().id)
    }
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page = await call(admin, 'GET', `/focus/rooms/reports?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...page.json().items.map((item: { id: string }) => item.id))
      cursor = page.json().nextCursor
    } while (cursor)
    const ours = seen.filter((id) => made.includes(id))
    expect(ours).toEqual([...made].reverse())
    expect(new Set(seen).size).toBe(seen.length)
  })
})
