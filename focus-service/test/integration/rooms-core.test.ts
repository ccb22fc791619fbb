import { createEvent, createEventApplier } from '@focushub/shared/events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consumerGroup, eventHandlers } from '../../src/consumers/index.ts'
import { type Auth, expectProblem, outboxEvents, startFocusService, type TestService } from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startFocusService()
  service.clock.set('2026-12-06T10:00:00Z')
})
afterAll(() => service.close())

type User = { id: string; auth: Auth }

const call = (auth: Auth, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  service.app.inject({ method, url, headers: auth, ...(payload === undefined ? {} : { payload: payload as object }) })

async function named(name: string): Promise<User> {
  const user = await service.user()
  await service.db
    .insertInto('user_profiles')
    .values({ user_id: user.id, timezone: 'UTC', day_start_hour: 0, as_of: new Date(), display_name: name })
    .execute()
  return user
}

async function createRoom(host: User, body: Record<string, unknown> = {}) {
  const response = await call(host.auth, 'POST', '/focus/rooms', { name: 'Deep work', visibility: 'public', ...body })
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}

const join = (user: User, roomId: string) => call(user.auth, 'POST', `/focus/rooms/${roomId}/join`)

async function roomEvents(roomId: string, type?: string) {
  return (await outboxEvents(service.db, type ? { type } : {})).filter((event) => event.data.roomId === roomId)
}

describe('creating, reading, changing and closing a room', () => {
  it('creates a room with the host in it, the plan from their settings, and publishes it', async () => {
    const host = await named('Ada')
    const room = await createRoom(host, {
      name: '  Thesis sprint  ',
      tags: ['Writing', 'writing', 'phd-life'],
      capacity: 4,
    })
    expect(room).toMatchObject({
      name: 'Thesis sprint',
      visibility: 'public',
      capacity: 4,
      tags: ['writing', 'phd-life'],
      anyoneControls: false,
      plan: { workMinutes: 25, shortBreakMinutes: 5, longBreakMinutes: 15, cyclesBeforeLongBreak: 4 },
      hostId: host.id,
      hostName: 'Ada',
      participantCount: 1,
      timer: { status: 'idle', phase: null, cycle: null, phaseEndsAt: null, remainingSeconds: null },
      participants: [{ userId: host.id, displayName: 'Ada', isHost: true, away: false, state: 'idle' }],
      me: { userId: host.id, isHost: true },
    })
    const events = await roomEvents(room.id)
    expect(events.map((event) => event.type)).toEqual(['focus.room.created', 'focus.room.joined'])
    expect(events[0].data).toMatchObject({ audience: [host.id], roomVersion: 1, name: 'Thesis sprint' })
    expect(events[1].data).toMatchObject({ audience: [host.id], roomVersion: 2, participantId: host.id })
    expect(room.version).toBe(2)

    const read = await call(host.auth, 'GET', `/focus/rooms/${room.id}`)
    expect(read.headers.etag).toBe('"2"')
    expect((await call(host.auth, 'GET', '/focus/rooms/current')).json().room.id).toBe(room.id)
    const other = await service.user()
    expect((await call(other.auth, 'GET', '/focus/rooms/current')).json()).toEqual({ room: null })
    // A public room anyone may read; they are not in it.
    expect((await call(other.auth, 'GET', `/focus/rooms/${room.id}`)).json()).toMatchObject({ me: null })
  })

  it('takes the plan from the body, and refuses bad input with 400', async () => {
    const host = await service.user()
    const plan = { workMinutes: 50, shortBreakMinutes: 10, longBreakMinutes: 20, cyclesBeforeLongBreak: 2 }
    expect((await createRoom(host, { plan })).plan).toEqual(plan)
    const bad = await service.user()
    for (const body of [
      { name: '   ', visibility: 'public' },
      { name: 'x'.repeat(81), visibility: 'public' },
      { name: 'ok', visibility: 'secret' },
      { name: 'ok', visibility: 'public', capacity: 51 },
      { name: 'ok', visibility: 'public', capacity: 1 },
      { name: 'ok', visibility: 'public', tags: ['a', 'b', 'c', 'd', 'e', 'f'] },
      { name: 'ok', visibility: 'public', tags: ['no spaces'] },
      { name: 'ok', visibility: 'public', plan: { ...plan, workMinutes: 0 } },
    ]) {
      expectProblem(await call(bad.auth, 'POST', '/focus/rooms', body), 400, 'validation-failed')
    }
  })

  it('refuses a second room while in one (409 already-in-room naming it)', async () => {
    const host = await service.user()
    const room = await createRoom(host)
    const again = expectProblem(await call(host.auth, 'POST', '/focus/rooms', { name: 'b', visibility: 'public' }), 409)
    expect(again).toMatchObject({ code: 'already-in-room', roomId: room.id })
  })

  it('lets the host change it, with versions, and publishes what changed', async () => {
    const host = await service.user()
    const guest = await service.user()
    const room = await createRoom(host, { capacity: 3 })
    await join(guest, room.id)
    const changed = await call(host.auth, 'PATCH', `/focus/rooms/${room.id}`, {
      name: 'Renamed',
      tags: ['Focus'],
      anyoneControls: true,
      capacity: 3,
      version: 3,
    })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json()).toMatchObject({ name: 'Renamed', tags: ['focus'], anyoneControls: true, version: 4 })
    expect(changed.headers.etag).toBe('"4"')
    const [updated] = await roomEvents(room.id, 'focus.room.updated')
    expect(updated.data).toMatchObject({ changed: ['name', 'tags', 'anyoneControls'], roomVersion: 4 })
    expect(new Set(updated.data.audience as string[])).toEqual(new Set([host.id, guest.id]))

    const stale = await service.app.inject({
      method: 'PATCH',
      url: `/focus/rooms/${room.id}`,
      headers: { ...host.auth, 'if-match': '"3"' },
      payload: { name: 'Stale' },
    })
    expectProblem(stale, 412, 'precondition-failed')
    const third = await service.user()
    await join(third, room.id)
    expectProblem(
      await call(host.auth, 'PATCH', `/focus/rooms/${room.id}`, { capacity: 2 }),
      422,
      'capacity-below-participants',
    )
    expectProblem(await call(host.auth, 'PATCH', `/focus/rooms/${room.id}`, {}), 400, 'validation-failed')
  })

  it('changes the plan only while the timer is idle; shows who is focusing, on a break or away', async () => {
    const host = await service.user()
    const guest = await service.user()
    const room = await createRoom(host)
    await join(guest, room.id)
    const plan = { workMinutes: 30, shortBreakMinutes: 5, longBreakMinutes: 15, cyclesBeforeLongBreak: 4 }
    await service.db
      .updateTable('rooms')
      .set({ timer_status: 'running', phase: 'work', cycle: 1, phase_ends_at: new Date('2026-12-06T10:25:00Z') })
      .where('id', '=', room.id)
      .execute()
    await service.db.updateTable('room_participants').set({ away: true }).where('user_id', '=', guest.id).execute()
    expectProblem(await call(host.auth, 'PATCH', `/focus/rooms/${room.id}`, { plan }), 409, 'room-timer-busy')
    const view = (await call(guest.auth, 'GET', `/focus/rooms/${room.id}`)).json()
    expect(view.timer).toMatchObject({ status: 'running', phase: 'work', phaseEndsAt: '2026-12-06T10:25:00.000Z' })
    const states = Object.fromEntries(
      view.participants.map((p: { userId: string; state: string }) => [p.userId, p.state]),
    )
    expect(states).toEqual({ [host.id]: 'focusing', [guest.id]: 'away' })
    await service.db.updateTable('rooms').set({ phase: 'short_break' }).where('id', '=', room.id).execute()
    expect((await call(host.auth, 'GET', `/focus/rooms/${room.id}`)).json().me.state).toBe('break')
    await service.db
      .updateTable('rooms')
      .set({ timer_status: 'idle', phase: null, cycle: null, phase_ends_at: null })
      .where('id', '=', room.id)
      .execute()
    const idle = await call(host.auth, 'PATCH', `/focus/rooms/${room.id}`, { plan })
    expect(idle.json()).toMatchObject({ plan, me: { state: 'idle' } })
  })

  it('closes: everyone out and told, chat deleted, links revoked; the room is gone', async () => {
    const host = await service.user()
    const guest = await service.user()
    const room = await createRoom(host)
    await join(guest, room.id)
    await call(host.auth, 'POST', `/focus/rooms/${room.id}/invite-links`, {})
    await service.db
      .insertInto('room_messages')
      .values({ id: crypto.randomUUID(), room_id: room.id, user_id: guest.id, body: 'hi', created_at: new Date() })
      .execute()
    const closed = await call(host.auth, 'DELETE', `/focus/rooms/${room.id}`)
    expect(closed.statusCode, closed.body).toBe(204)
    const [event] = await roomEvents(room.id, 'focus.room.closed')
    expect(event.data).toMatchObject({ reason: 'host' })
    expect(new Set(event.data.audience as string[])).toEqual(new Set([host.id, guest.id]))
    expectProblem(await call(host.auth, 'GET', `/focus/rooms/${room.id}`), 404)
    expect((await call(guest.auth, 'GET', '/focus/rooms/current')).json()).toEqual({ room: null })
    const row = await service.db.selectFrom('rooms').selectAll().where('id', '=', room.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'closed', participant_count: 0, timer_status: 'idle' })
    const messages = await service.db.selectFrom('room_messages').select('id').where('room_id', '=', room.id).execute()
    expect(messages).toEqual([])
    const links = await service.db
      .selectFrom('room_invite_links')
      .select('revoked_at')
      .where('room_id', '=', room.id)
      .execute()
    expect(links.every((link) => link.revoked_at !== null)).toBe(true)
    // Both may start again elsewhere.
    await createRoom(guest)
  })
})

describe('the directory', () => {
  it('lists open public rooms fullest first, by a part of the name and a tag, page by page', async () => {
    const tag = `t-${Date.now().toString(36)}`
    const sizes = [1, 3, 2, 3, 1]
    const rooms: { id: string; size: number }[] = []
    for (const [index, size] of sizes.entries()) {
      const host = await service.user()
      const room = await createRoom(host, { name: `Room ${index} 100%_done`, tags: [tag], capacity: 5 })
      for (let n = 1; n < size; n++) await join(await service.user(), room.id)
      rooms.push({ id: room.id, size })
    }
    const privateHost = await service.user()
    await createRoom(privateHost, { visibility: 'private', tags: [tag] })
    const closedHost = await service.user()
    const closed = await createRoom(closedHost, { tags: [tag] })
    await call(closedHost.auth, 'DELETE', `/focus/rooms/${closed.id}`)

    const reader = await service.user()
    const seen: { id: string; participantCount: number }[] = []
    let cursor: string | null = null
    do {
      const url: string = `/focus/rooms?tag=${tag.toUpperCase()}&limit=2${cursor ? `&cursor=${cursor}` : ''}`
      const page = (await call(reader.auth, 'GET', url)).json()
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    // Fullest first; among equals, the newest first.
    const expected = rooms
      .map((room, index) => ({ ...room, index }))
      .sort((a, b) => b.size - a.size || b.index - a.index)
      .map((room) => room.id)
    expect(seen.map((room) => room.id)).toEqual(expected)
    expect(seen[0]).toMatchObject({ participantCount: 3, visibility: 'public', tags: [tag], capacity: 5 })
    expect(seen[0]).toHaveProperty('timer.status', 'idle')

    const byName = (
      await call(reader.auth, 'GET', `/focus/rooms?tag=${tag}&q=${encodeURIComponent('ROOM 2 100%_')}`)
    ).json()
    expect(byName.items.map((room: { id: string }) => room.id)).toEqual([rooms[2].id])
    // % and _ match themselves.
    const literal = (await call(reader.auth, 'GET', `/focus/rooms?tag=${tag}&q=${encodeURIComponent('1%0')}`)).json()
    expect(literal.items).toEqual([])
    expectProblem(await call(reader.auth, 'GET', '/focus/rooms?cursor=nope'), 400)
    expectProblem(await call(reader.auth, 'GET', '/focus/rooms?q=ab'), 400)
    expectProblem(await call(reader.auth, 'GET', '/focus/rooms?tag=has%20space'), 400)
  })
})

describe('joining and leaving', () => {
  it('joins a public room (idempotent), refuses banned, full and in-another-room', async () => {
    const host = await service.user()
    const room = await createRoom(host, { capacity: 2 })
    const guest = await named('Bea')
    const joined = await join(guest, room.id)
    expect(joined.statusCode, joined.body).toBe(200)
    expect(joined.json()).toMatchObject({ participantCount: 2, me: { userId: guest.id, displayName: 'Bea' } })
    const again = await join(guest, room.id)
    expect(again.json()).toMatchObject({ participantCount: 2, version: joined.json().version })
    const [event] = (await roomEvents(room.id, 'focus.room.joined')).filter((e) => e.data.participantId === guest.id)
    expect(new Set(event.data.audience as string[])).toEqual(new Set([host.id, guest.id]))

    expectProblem(await join(await service.user(), room.id), 409, 'room-full')
    const banned = await service.user()
    await service.db
      .insertInto('room_bans')
      .values({ room_id: room.id, user_id: banned.id, banned_by: host.id, created_at: new Date() })
      .execute()
    expectProblem(await join(banned, room.id), 403, 'banned-from-room')
    const elsewhere = await service.user()
    const other = await createRoom(elsewhere)
    const refused = expectProblem(await join(elsewhere, room.id), 409, 'already-in-room')
    expect(refused).toMatchObject({ roomId: other.id })
    expectProblem(await join(guest, crypto.randomUUID()), 404)
  })

  it('joins a private room only when invited (the invitation used up)', async () => {
    const host = await named('Host')
    const room = await createRoom(host, { visibility: 'private' })
    const friend = await service.user()
    expectProblem(await join(friend, room.id), 404)
    expectProblem(await call(friend.auth, 'GET', `/focus/rooms/${room.id}`), 404)

    const invited = await call(host.auth, 'POST', `/focus/rooms/${room.id}/invitations`, { userIds: [friend.id] })
    expect(invited.statusCode, invited.body).toBe(201)
    expect(invited.json().items).toEqual([expect.objectContaining({ userId: friend.id, invitedBy: host.id })])
    const [event] = await roomEvents(room.id, 'focus.room.invited')
    expect(event.data.inviteeIds).toEqual([friend.id])
    expect(new Set(event.data.audience as string[])).toEqual(new Set([host.id, friend.id]))

    const mine = (await call(friend.auth, 'GET', '/focus/rooms/invitations')).json()
    expect(mine.items).toEqual([
      expect.objectContaining({
        room: expect.objectContaining({ id: room.id, visibility: 'private', hostName: 'Host' }),
        invitedBy: { userId: host.id, displayName: 'Host' },
      }),
    ])
    expect((await join(friend, room.id)).statusCode).toBe(200)
    expect((await call(friend.auth, 'GET', '/focus/rooms/invitations')).json().items).toEqual([])
    await call(friend.auth, 'POST', `/focus/rooms/${room.id}/leave`)
    expectProblem(await join(friend, room.id), 404)
  })

  it('invitations: refuses yourself and a bad count; the invitee declines, the host withdraws; pages', async () => {
    const host = await service.user()
    const room = await createRoom(host, { visibility: 'private' })
    const [a, b] = [await service.user(), await service.user()]
    expectProblem(
      await call(host.auth, 'POST', `/focus/rooms/${room.id}/invitations`, { userIds: [a.id, host.id] }),
      422,
      'invite-self',
    )
    expectProblem(await call(host.auth, 'POST', `/focus/rooms/${room.id}/invitations`, {}), 400)
    await call(host.auth, 'POST', `/focus/rooms/${room.id}/invitations`, { userIds: [a.id, b.id] })
    expect((await call(a.auth, 'DELETE', `/focus/rooms/${room.id}/invitations/${a.id}`)).statusCode).toBe(204)
    expect((await call(host.auth, 'DELETE', `/focus/rooms/${room.id}/invitations/${b.id}`)).statusCode).toBe(204)
    expectProblem(await call(host.auth, 'DELETE', `/focus/rooms/${room.id}/invitations/${b.id}`), 404)
    expectProblem(await join(a, room.id), 404)

    // Three rooms invite one user: pages of two, newest first.
    const invitee = await service.user()
    const ids: string[] = []
    for (let n = 0; n < 3; n++) {
      const otherHost = await service.user()
      const other = await createRoom(otherHost, { visibility: 'private' })
      await call(otherHost.auth, 'POST', `/focus/rooms/${other.id}/invitations`, { userIds: [invitee.id] })
      ids.push(other.id)
      service.clock.set(new Date(service.clock.now().getTime() + 1000))
    }
    const first = (await call(invitee.auth, 'GET', '/focus/rooms/invitations?limit=2')).json()
    const second = (
      await call(invitee.auth, 'GET', `/focus/rooms/invitations?limit=2&cursor=${first.nextCursor}`)
    ).json()
    expect([...first.items, ...second.items].map((item: { room: { id: string } }) => item.room.id)).toEqual(
      ids.reverse(),
    )
    expect(second.nextCursor).toBeNull()
  })

  it('joins by invite link: valid, revoked, expired; lists links without tokens', async () => {
    const host = await service.user()
    const room = await createRoom(host, { visibility: 'private' })
    const created = await call(host.auth, 'POST', `/focus/rooms/${room.id}/invite-links`, { expiresInHours: 2 })
    expect(created.statusCode, created.body).toBe(201)
    const link = created.json()
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const stored = await service.db
      .selectFrom('room_invite_links')
      .select('token_hash')
      .where('id', '=', link.id)
      .executeTakeFirstOrThrow()
    expect(stored.token_hash).not.toContain(link.token)

    const guest = await service.user()
    const joined = await call(guest.auth, 'POST', '/focus/rooms/join', { token: link.token })
    expect(joined.statusCode, joined.body).toBe(200)
    expect(joined.json()).toMatchObject({ id: room.id, participantCount: 2 })

    expectProblem(await call(guest.auth, 'POST', '/focus/rooms/join', { token: 'A'.repeat(43) }), 404)
    expectProblem(await call(guest.auth, 'POST', '/focus/rooms/join', { token: 'short' }), 400)

    const expiring = (await call(host.auth, 'POST', `/focus/rooms/${room.id}/invite-links`, null)).json()
    await service.db
      .updateTable('room_invite_links')
      .set({ expires_at: new Date(service.clock.now().getTime() - 1000) })
      .where('id', '=', expiring.id)
      .execute()
    const late = await service.user()
    expectProblem(await call(late.auth, 'POST', '/focus/rooms/join', { token: expiring.token }), 410, 'invite-expired')

    expect((await call(host.auth, 'DELETE', `/focus/rooms/${room.id}/invite-links/${link.id}`)).statusCode).toBe(204)
    expectProblem(await call(late.auth, 'POST', '/focus/rooms/join', { token: link.token }), 410, 'invite-revoked')
    expectProblem(await call(host.auth, 'DELETE', `/focus/rooms/${room.id}/invite-links/${link.id}`), 404)

    // Newest first, a page at a time.
    const listed = (await call(host.auth, 'GET', `/focus/rooms/${room.id}/invite-links?limit=1`)).json()
    expect(listed.items.map((item: { id: string; status: string }) => [item.id, item.status])).toEqual([
      [expiring.id, 'expired'],
    ])
    const rest = (
      await call(host.auth, 'GET', `/focus/rooms/${room.id}/invite-links?limit=1&cursor=${listed.nextCursor}`)
    ).json()
    expect(rest.items.map((item: { id: string; status: string }) => [item.id, item.status])).toEqual([
      [link.id, 'revoked'],
    ])
    expect(rest.nextCursor).toBeNull()
    expect(JSON.stringify([listed, rest])).not.toContain(link.token)

    // Banned or full through a link too.
    const fresh = (await call(host.auth, 'POST', `/focus/rooms/${room.id}/invite-links`, {})).json()
    await service.db
      .insertInto('room_bans')
      .values({ room_id: room.id, user_id: late.id, banned_by: host.id, created_at: new Date() })
      .execute()
    expectProblem(await call(late.auth, 'POST', '/focus/rooms/join', { token: fresh.token }), 403, 'banned-from-room')
    await call(host.auth, 'PATCH', `/focus/rooms/${room.id}`, { capacity: 2 })
    expectProblem(
      await call((await service.user()).auth, 'POST', '/focus/rooms/join', { token: fresh.token }),
      409,
      'room-full',
    )
  })

  it("hands a leaving host's room to the longest-present participant", async () => {
    const host = await service.user()
    const first = await service.user()
    const second = await service.user()
    const room = await createRoom(host)
    await join(first, room.id)
    service.clock.set(new Date(service.clock.now().getTime() + 1000))
    await join(second, room.id)
    const left = await call(host.auth, 'POST', `/focus/rooms/${room.id}/leave`)
    expect(left.statusCode, left.body).toBe(204)
    const view = (await call(second.auth, 'GET', `/focus/rooms/${room.id}`)).json()
    expect(view).toMatchObject({ hostId: first.id, participantCount: 2 })
    const events = await roomEvents(room.id)
    const [leftEvent, changed] = events.slice(-2)
    expect(leftEvent).toMatchObject({ type: 'focus.room.left', data: { participantId: host.id, reason: 'left' } })
    expect(new Set(leftEvent.data.audience as string[])).toEqual(new Set([host.id, first.id, second.id]))
    expect(changed).toMatchObject({
      type: 'focus.room.host_changed',
      data: { hostId: first.id, previousHostId: host.id, roomVersion: Number(leftEvent.data.roomVersion) + 1 },
    })
    expect(new Set(changed.data.audience as string[])).toEqual(new Set([first.id, second.id]))
    expectProblem(await call(host.auth, 'POST', `/focus/rooms/${room.id}/leave`), 409, 'not-in-room')

    // The last one out leaves it empty; whoever comes back takes it over.
    await call(first.auth, 'POST', `/focus/rooms/${room.id}/leave`)
    await call(second.auth, 'POST', `/focus/rooms/${room.id}/leave`)
    const empty = await service.db.selectFrom('rooms').selectAll().where('id', '=', room.id).executeTakeFirstOrThrow()
    expect(empty).toMatchObject({ participant_count: 0, status: 'open' })
    expect(empty.empty_since).not.toBeNull()
    const back = (await join(host, room.id)).json()
    expect(back).toMatchObject({ hostId: host.id, participantCount: 1, me: { isHost: true } })
    const reopened = await service.db
      .selectFrom('rooms')
      .select('empty_since')
      .where('id', '=', room.id)
      .executeTakeFirstOrThrow()
    expect(reopened.empty_since).toBeNull()
  })

  it('presence: stepping away and back sets stepped_away; only a flip of the shown state is published', async () => {
    const host = await service.user()
    const room = await createRoom(host)
    const participant = () =>
      service.db
        .selectFrom('room_participants')
        .select(['away', 'stepped_away'])
        .where('user_id', '=', host.id)
        .executeTakeFirstOrThrow()
    const presence = async (body: unknown) =>
      expect((await call(host.auth, 'POST', `/focus/rooms/${room.id}/presence`, body)).statusCode).toBe(204)
    const before = await roomEvents(room.id)
    await presence({})
    expect(await roomEvents(room.id)).toHaveLength(before.length)
    await presence({ away: true })
    await presence({ away: true })
    expect(await participant()).toEqual({ away: false, stepped_away: true })
    expect((await call(host.auth, 'GET', `/focus/rooms/${room.id}`)).json().me).toMatchObject({
      away: true,
      state: 'away',
    })
    await presence(null)
    expect(await participant()).toEqual({ away: false, stepped_away: false })
    // Marked away (disconnected) by the sweeper, then stepping away: connected again, still shown away.
    await service.db.updateTable('room_participants').set({ away: true }).where('user_id', '=', host.id).execute()
    await presence({ away: true })
    expect(await participant()).toEqual({ away: false, stepped_away: true })
    // Marked away, then back: shown present again.
    await service.db.updateTable('room_participants').set({ away: true }).where('user_id', '=', host.id).execute()
    await presence({})
    expect(await participant()).toEqual({ away: false, stepped_away: false })
    const flips = await roomEvents(room.id, 'focus.room.presence_changed')
    expect(flips.map((event) => event.data.away)).toEqual([true, false, false])
    const stranger = await service.user()
    expectProblem(await call(stranger.auth, 'POST', `/focus/rooms/${room.id}/presence`, {}), 409, 'not-in-room')
  })
})

describe('ownership', () => {
  it('a stranger gets 404 on every route of a private room; a participant 403 on every host route', async () => {
    const host = await service.user()
    const guest = await service.user()
    const stranger = await service.user()
    const room = await createRoom(host, { visibility: 'private' })
    await call(host.auth, 'POST', `/focus/rooms/${room.id}/invitations`, { userIds: [guest.id] })
    await join(guest, room.id)
    const link = (await call(host.auth, 'POST', `/focus/rooms/${room.id}/invite-links`, {})).json()
    const base = `/focus/rooms/${room.id}`
    const hostRoutes: ['GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown?][] = [
      ['PATCH', base, { name: 'Mine now' }],
      ['DELETE', base],
      ['POST', `${base}/invite-links`, {}],
      ['GET', `${base}/invite-links`],
      ['DELETE', `${base}/invite-links/${link.id}`],
      ['POST', `${base}/invitations`, { userIds: [stranger.id] }],
      ['DELETE', `${base}/invitations/${host.id}`],
    ]
    const participantRoutes: ['GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown?][] = [
      ['GET', base],
      ['POST', `${base}/join`],
      ['POST', `${base}/leave`],
      ['POST', `${base}/presence`, {}],
    ]
    for (const [method, url, payload] of [...hostRoutes, ...participantRoutes]) {
      expectProblem(await call(stranger.auth, method, url, payload), 404)
    }
    for (const [method, url, payload] of hostRoutes) {
      expectProblem(await call(guest.auth, method, url, payload), 403, 'host-only')
    }
    const view = (await call(host.auth, 'GET', base)).json()
    expect(view).toMatchObject({ name: room.name, participantCount: 2 })
  })
})

describe('account deletion', () => {
  it("takes the user out of their room (a host's passes on) and deletes their bans, invitations, messages and reports", async () => {
    const host = await service.user()
    const guest = await service.user()
    const room = await createRoom(host, { visibility: 'private' })
    await call(host.auth, 'POST', `/focus/rooms/${room.id}/invitations`, { userIds: [guest.id] })
    await join(guest, room.id)
    const other = await service.user()
    const otherRoom = await createRoom(other)
    const now = new Date()
    await service.db
      .insertInto('room_bans')
      .values({ room_id: otherRoom.id, user_id: host.id, banned_by: other.id, created_at: now })
      .execute()
    await call(host.auth, 'POST', `/focus/rooms/${room.id}/invitations`, { userIds: [other.id] })
    await service.db
      .insertInto('room_invitations')
      .values({ room_id: otherRoom.id, user_id: host.id, invited_by: other.id, created_at: now })
      .execute()
    await service.db
      .insertInto('room_messages')
      .values({ id: crypto.randomUUID(), room_id: room.id, user_id: host.id, body: 'bye', created_at: now })
      .execute()
    await service.db
      .insertInto('room_reports')
      .values({
        id: crypto.randomUUID(),
        room_id: otherRoom.id,
        reporter_id: host.id,
        message_id: null,
        message_author_id: null,
        message_body: null,
        reason: 'spam',
        created_at: now,
        resolved_at: null,
        resolved_by: null,
      })
      .execute()
    // Someone else's report of one of the host's messages: it stays, without the host's text and id.
    const aboutTheirMessage = crypto.randomUUID()
    await service.db
      .insertInto('room_reports')
      .values({
        id: aboutTheirMessage,
        room_id: room.id,
        reporter_id: guest.id,
        message_id: crypto.randomUUID(),
        message_author_id: host.id,
        message_body: 'something they said',
        reason: 'rude',
        created_at: now,
        resolved_at: null,
        resolved_by: null,
      })
      .execute()

    const apply = createEventApplier({ groupId: consumerGroup, handlers: eventHandlers(), db: service.db })
    const { event } = createEvent(
      'auth.user.deleted',
      {},
      { producer: 'auth-service', userId: host.id, requestId: 'r' },
    )
    await apply([event])

    const view = (await call(guest.auth, 'GET', `/focus/rooms/${room.id}`)).json()
    expect(view).toMatchObject({ hostId: guest.id, participantCount: 1, participants: [{ userId: guest.id }] })
    const types = (await roomEvents(room.id)).slice(-2).map((e) => [e.type, e.data.participantId ?? e.data.hostId])
    expect(types).toEqual([
      ['focus.room.left', host.id],
      ['focus.room.host_changed', guest.id],
    ])
    const left = async (table: 'room_bans' | 'room_invitations' | 'room_messages') =>
      (await service.db.selectFrom(table).select('room_id').where('user_id', '=', host.id).execute()).length
    expect([await left('room_bans'), await left('room_invitations'), await left('room_messages')]).toEqual([0, 0, 0])
    const sent = await service.db
      .selectFrom('room_invitations')
      .select('user_id')
      .where('invited_by', '=', host.id)
      .execute()
    expect(sent).toEqual([])
    const reports = await service.db
      .selectFrom('room_reports')
      .select('id')
      .where('reporter_id', '=', host.id)
      .execute()
    expect(reports).toEqual([])
    const kept = await service.db
      .selectFrom('room_reports')
      .select(['reporter_id', 'message_id', 'message_author_id', 'message_body'])
      .where('id', '=', aboutTheirMessage)
      .executeTakeFirstOrThrow()
    expect(kept).toMatchObject({ reporter_id: guest.id, message_author_id: null, message_body: null })
    expect(kept.message_id).not.toBeNull()
  })
})
