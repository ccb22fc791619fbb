import { describe, expect, it } from 'vitest'
import { openSse } from '../gateway/test/integration/live-clients.ts'
import { api, eventually, type SignedUp, send, signUp } from './client.ts'

/**
 * Issue #25: several people in one focus room through NGINX — joining by invite link, one shared timer
 * started by the host, each participant's own session credited to their history and daily goal, the
 * host's leaving handing the room over, and a removed participant losing the room at once (their open
 * stream carries nothing more of it). The work phase is a real minute (the shortest plan): the test waits
 * for it to run out, so it has a timeout of its own.
 */

type Stream = Awaited<ReturnType<typeof openSse>>
type RoomEvent = { id: string; type: string; userId: string; data: Record<string, unknown> }

const roomEventsOf = (stream: Stream, roomId: string) =>
  (stream.events() as RoomEvent[]).filter((event) => event.data.roomId === roomId)

const untilRoomEvent = (stream: Stream, roomId: string, accept: (event: RoomEvent) => boolean, ms = 15_000) =>
  stream.until(() => roomEventsOf(stream, roomId).find(accept), ms)

const call = (user: SignedUp, method: string, path: string, body?: unknown) =>
  send(method, path, { authorization: user.authorization, ...(body === undefined ? {} : { body }) })

describe('focus rooms through NGINX', () => {
  it('runs one shared timer for several people, credits each, hands over the host and removes at once', async () => {
    const [host, alice, bob, stranger] = await Promise.all([
      signUp({ displayName: 'Host' }),
      signUp({ displayName: 'Alice' }),
      signUp({ displayName: 'Bob' }),
      signUp({ displayName: 'Stranger' }),
    ])
    expect((await call(alice, 'PUT', '/focus/goal', { minutes: 1 })).status).toBe(200)

    const created = await call(host, 'POST', '/focus/rooms', {
      name: 'Deep work',
      visibility: 'private',
      capacity: 5,
      tags: ['study'],
      plan: { workMinutes: 1, shortBreakMinutes: 1, longBreakMinutes: 1, cyclesBeforeLongBreak: 1 },
    })
    expect(created.status).toBe(201)
    const roomId = created.body.id as string
    expect((await call(stranger, 'GET', `/focus/rooms/${roomId}`)).status).toBe(404)

    const link = await call(host, 'POST', `/focus/rooms/${roomId}/invite-links`, { expiresInHours: 1 })
    expect(link.status).toBe(201)
    const streams = {
      host: await openSse(`${api}/events`, { authorization: host.authorization }),
      alice: await openSse(`${api}/events`, { authorization: alice.authorization }),
      bob: await openSse(`${api}/events`, { authorization: bob.authorization }),
    }
    await Promise.all(Object.values(streams).map((stream) => stream.named('ready')))
    for (const user of [alice, bob]) {
      const joined = await call(user, 'POST', '/focus/rooms/join', { token: link.body.token })
      expect(joined.status).toBe(200)
      expect(joined.body.id).toBe(roomId)
    }
    await untilRoomEvent(
      streams.host,
      roomId,
      (e) => e.type === 'focus.room.joined' && e.data.participantId === bob.userId,
    )

    // The host starts the shared timer: everyone hears it live and has a session of their own, driven by the room.
    const started = await call(host, 'POST', `/focus/rooms/${roomId}/timer/start`)
    expect(started.status).toBe(200)
    expect(started.body.timer).toMatchObject({ status: 'running', phase: 'work', cycle: 1 })
    for (const stream of Object.values(streams)) {
      const heard = await untilRoomEvent(stream, roomId, (e) => e.type === 'focus.room.timer_changed')
      expect(heard.data).toMatchObject({ action: 'started', timer: { phaseEndsAt: started.body.timer.phaseEndsAt } })
    }
    expect((await call(alice, 'POST', `/focus/rooms/${roomId}/timer/pause`)).status).toBe(403)
    for (const user of [host, alice, bob]) {
      const current = await call(user, 'GET', '/focus/sessions/current')
      expect(current.body.session).toMatchObject({ status: 'running', roomId })
    }

    // The one-minute work phase runs out: each participant's session completes by the timer, credited as a
    // solo one, and Alice's one-minute goal is reached.
    const lateJoinerView = await call(bob, 'GET', `/focus/rooms/${roomId}`)
    expect(lateJoinerView.body.timer.phaseEndsAt).toBe(started.body.timer.phaseEndsAt)
    for (const user of [host, alice, bob]) {
      const history = await eventually(
        () => call(user, 'GET', '/focus/sessions?limit=5'),
        (answer) =>
          answer.body.items.some(
            (s: { roomId: string; status: string }) => s.roomId === roomId && s.status === 'completed',
          ),
        75_000,
      )
      const session = history.body.items.find((s: { roomId: string }) => s.roomId === roomId)
      expect(session).toMatchObject({ status: 'completed', completedBy: 'timer', focusedMinutes: 1, pomodoros: 1 })
    }
    const goal = await eventually(
      () => call(alice, 'GET', '/focus/goal'),
      (answer) => answer.body.today?.achieved === true,
    )
    expect(goal.body.today.focusedMinutes).toBeGreaterThanOrEqual(1)
    await untilRoomEvent(
      streams.bob,
      roomId,
      (e) => e.type === 'focus.room.timer_changed' && e.data.action === 'phase_ended',
    )

    // The host leaves: the longest-present participant (Alice) hosts now.
    expect((await call(host, 'POST', `/focus/rooms/${roomId}/leave`)).status).toBe(204)
    const handedOver = await untilRoomEvent(streams.bob, roomId, (e) => e.type === 'focus.room.host_changed')
    expect(handedOver.data).toMatchObject({ hostId: alice.userId, previousHostId: host.userId })
    expect((await call(bob, 'GET', `/focus/rooms/${roomId}`)).body.hostId).toBe(alice.userId)

    // Alice removes Bob: he hears it once, then nothing more of the room, and the room is gone for him.
    expect((await call(alice, 'DELETE', `/focus/rooms/${roomId}/participants/${bob.userId}`)).status).toBe(204)
    await untilRoomEvent(streams.bob, roomId, (e) => e.type === 'focus.room.left' && e.data.reason === 'removed')
    expect((await call(bob, 'GET', `/focus/rooms/${roomId}`)).status).toBe(404)
    expect((await call(bob, 'GET', `/focus/rooms/${roomId}/messages`)).status).toBe(404)
    const posted = await call(alice, 'POST', `/focus/rooms/${roomId}/messages`, { body: 'just us now' })
    expect(posted.status).toBe(201)
    await untilRoomEvent(streams.alice, roomId, (e) => e.type === 'focus.room.message_posted')
    const bobHeard = roomEventsOf(streams.bob, roomId).map((e) => e.type)
    expect(bobHeard).not.toContain('focus.room.message_posted')

    await Promise.all(Object.values(streams).map((stream) => stream.close()))
  }, 150_000)
})
