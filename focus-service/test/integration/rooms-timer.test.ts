import { setTimeout as sleep } from 'node:timers/promises'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Auth, expectProblem, outboxEvents, startFocusService, type TestService } from './support.ts'

let service: TestService

beforeAll(async () => {
  // Presence never moves anyone here: nobody goes away or leaves unless a test says so.
  service = await startFocusService({
    FOCUS_SWEEP_INTERVAL_MS: '20',
    FOCUS_ROOM_SWEEP_INTERVAL_MS: '20',
    FOCUS_ROOM_AWAY_AFTER_MS: '3600000',
    FOCUS_ROOM_LEAVE_AFTER_MS: '86400000',
  })
  await service.replica()
})
afterAll(() => service.close())

type User = Awaited<ReturnType<TestService['user']>>

const minute = 60_000

const post = (url: string, auth: Auth, payload?: object) =>
  service.app.inject({ method: 'POST', url, headers: auth, ...(payload ? { payload } : {}) })
const patchMe = (roomId: string, auth: Auth, payload: object) =>
  service.app.inject({ method: 'PATCH', url: `/focus/rooms/${roomId}/me`, headers: auth, payload })
const timer = (roomId: string, action: string, auth: Auth, payload?: object) =>
  post(`/focus/rooms/${roomId}/timer/${action}`, auth, payload)
const currentSession = async (auth: Auth) =>
  (await service.app.inject({ method: 'GET', url: '/focus/sessions/current', headers: auth })).json().session

/** Joins through the room routes: a private room's host invites first. */
async function join(roomId: string, user: User, host?: User) {
  if (host) {
    const invited = await post(`/focus/rooms/${roomId}/invitations`, host.auth, { userIds: [user.id] })
    expect(invited.statusCode, invited.body).toBe(201)
  }
  const joined = await post(`/focus/rooms/${roomId}/join`, user.auth)
  expect(joined.statusCode, joined.body).toBe(200)
}

async function leave(roomId: string, user: User) {
  expect((await post(`/focus/rooms/${roomId}/leave`, user.auth)).statusCode).toBe(204)
}

/** A room its host created, with the people given invited and joined after them. */
async function openRoom(
  people: User[] = [],
  options: { visibility?: 'public' | 'private'; anyoneControls?: boolean } = {},
) {
  const host = await service.user()
  const visibility = options.visibility ?? 'private'
  const created = await post('/focus/rooms', host.auth, {
    name: 'Deep work',
    visibility,
    anyoneControls: options.anyoneControls ?? false,
    plan: { workMinutes: 10, shortBreakMinutes: 2, longBreakMinutes: 3, cyclesBeforeLongBreak: 2 },
  })
  expect(created.statusCode, created.body).toBe(201)
  const roomId: string = created.json().id
  for (const user of people) await join(roomId, user, visibility === 'private' ? host : undefined)
  return { roomId, host }
}

async function waitFor<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (accept(value)) return value
    if (Date.now() > deadline) throw new Error(`condition not met in time: ${JSON.stringify(value)}`)
    await sleep(20)
  }
}

const roomOf = (roomId: string) =>
  service.db.selectFrom('rooms').selectAll().where('id', '=', roomId).executeTakeFirstOrThrow()

const sessionsOf = (roomId: string) =>
  service.db.selectFrom('focus_sessions').selectAll().where('room_id', '=', roomId).orderBy('started_at').execute()

const eventsOf = async (type: string, roomId: string) =>
  (await outboxEvents(service.db, { type })).filter((event) => event.data.roomId === roomId)

const untilPhase = (roomId: string, phase: string | null, cycle: number | null) =>
  waitFor(
    () => roomOf(roomId),
    (room) => (phase === null ? room.timer_status === 'idle' : room.phase === phase && room.cycle === cycle),
  )

const untilFinished = (roomId: string, count: number) =>
  waitFor(
    () => sessionsOf(roomId),
    (rows) => rows.filter((row) => row.status === 'completed').length === count,
  )

describe("a room's shared timer", () => {
  it('starts a session of their own for everyone in the timer, not for the away, not over their own', async () => {
    const [alice, bob, away, busy] = await Promise.all([1, 2, 3, 4].map(() => service.user()))
    const solo = await post('/focus/sessions', busy.auth, {})
    const { roomId, host } = await openRoom([alice, bob, away, busy])
    expect((await post(`/focus/rooms/${roomId}/presence`, away.auth, { away: true })).statusCode).toBe(204)

    const started = await timer(roomId, 'start', host.auth)
    expect(started.statusCode, started.body).toBe(200)
    const phaseEndsAt = new Date(service.clock.now().getTime() + 10 * minute).toISOString()
    expect(started.json()).toEqual({
      timer: { status: 'running', phase: 'work', cycle: 1, phaseEndsAt, remainingSeconds: null },
      version: expect.any(Number),
    })
    for (const user of [host, alice, bob]) {
      expect(await currentSession(user.auth)).toMatchObject({
        status: 'running',
        roomId,
        phase: 'work',
        phaseEndsAt,
        plan: { workMinutes: 10, shortBreakMinutes: 0, longBreakMinutes: 0, cyclesBeforeLongBreak: 1 },
      })
    }
    expect(await currentSession(away.auth)).toBeNull()
    expect(await currentSession(busy.auth)).toMatchObject({ id: solo.json().id, roomId: null })

    const startedEvents = await eventsOf('focus.session.started', roomId)
    expect(startedEvents.map((event) => event.userId).sort()).toEqual([host.id, alice.id, bob.id].sort())
    const [changed] = await eventsOf('focus.room.timer_changed', roomId)
    expect(changed).toMatchObject({ userId: host.id, data: { action: 'started', timer: { phaseEndsAt } } })
    expect((changed.data.audience as string[]).sort()).toEqual([host, alice, bob, away, busy].map((u) => u.id).sort())
    expect(changed.data.roomVersion).toBe(started.json().version)
  })

  it('credits each participant a solo pomodoro when a work phase runs out, exactly once, and runs the plan', async () => {
    const alice = await service.user()
    await service.app.inject({ method: 'PUT', url: '/focus/goal', headers: alice.auth, payload: { minutes: 10 } })
    const { roomId, host } = await openRoom([alice])
    const startedAt = service.clock.now()
    await timer(roomId, 'start', host.auth)

    service.clock.advanceMinutes(10)
    await untilPhase(roomId, 'short_break', 1)
    const firstRound = await untilFinished(roomId, 2)
    await sleep(100)
    for (const row of firstRound) {
      expect(row).toMatchObject({ completed_by: 'timer', pomodoros: 1, focused_seconds: 600 })
      expect(row.ended_at?.getTime()).toBe(startedAt.getTime() + 10 * minute)
    }
    const completed = await eventsOf('focus.session.completed', roomId)
    expect(completed).toHaveLength(2)
    for (const event of completed) {
      expect(event.data).toMatchObject({ completedBy: 'timer', pomodoros: 1, focusedMinutes: 10, manual: false })
    }
    const totals = await service.db
      .selectFrom('daily_totals')
      .selectAll()
      .where('user_id', '=', alice.id)
      .executeTakeFirstOrThrow()
    expect(totals).toMatchObject({ pomodoros: 1, sessions: 1 })
    expect(Number(totals.focused_seconds)).toBe(600)
    const goal = await outboxEvents(service.db, { type: 'focus.daily_goal.achieved', userId: alice.id })
    expect(goal).toHaveLength(1)

    // The short break ends: the second work phase starts a new session for each, from the break's end.
    service.clock.advanceMinutes(3)
    await untilPhase(roomId, 'work', 2)
    const second = await waitFor(
      () => sessionsOf(roomId),
      (rows) => rows.length === 4,
    )
    for (const row of second.slice(2)) expect(row.started_at.getTime()).toBe(startedAt.getTime() + 12 * minute)

    service.clock.advanceMinutes(20)
    await untilPhase(roomId, null, null)
    await untilFinished(roomId, 4)
    const changes = (await eventsOf('focus.room.timer_changed', roomId)).map((event) => event.data.action)
    expect(changes).toEqual(['started', 'phase_ended', 'phase_ended', 'phase_ended', 'finished'])
    expect(await outboxEvents(service.db, { type: 'focus.daily_goal.achieved', userId: alice.id })).toHaveLength(1)
  })

  it("pauses and resumes the room's sessions with it, their remaining time the room's", async () => {
    const alice = await service.user()
    const { roomId, host } = await openRoom([alice])
    await timer(roomId, 'start', host.auth)
    service.clock.advanceMinutes(4)
    const paused = await timer(roomId, 'pause', host.auth)
    expect(paused.json().timer).toMatchObject({ status: 'paused', phaseEndsAt: null, remainingSeconds: 360 })
    expect(await currentSession(alice.auth)).toMatchObject({ status: 'paused', remainingSeconds: 360 })

    service.clock.advanceMinutes(30)
    const resumed = (await timer(roomId, 'resume', host.auth)).json()
    expect(resumed.timer).toMatchObject({ status: 'running', remainingSeconds: null })
    expect(await currentSession(alice.auth)).toMatchObject({
      status: 'running',
      phaseEndsAt: resumed.timer.phaseEndsAt,
    })

    service.clock.advanceMinutes(6)
    const rows = await untilFinished(roomId, 2)
    for (const row of rows) {
      expect(row).toMatchObject({ completed_by: 'timer', pomodoros: 1, focused_seconds: 600 })
      expect(Number(row.paused_ms)).toBe(30 * minute)
    }
  })

  it('skipping or ending a work phase completes the sessions with what ran, without a pomodoro', async () => {
    const alice = await service.user()
    const { roomId, host } = await openRoom([alice])
    await timer(roomId, 'start', host.auth)
    service.clock.advanceMinutes(4)
    const skipped = await timer(roomId, 'skip', host.auth)
    expect(skipped.json().timer).toMatchObject({ status: 'running', phase: 'short_break', cycle: 1 })
    for (const row of await sessionsOf(roomId)) {
      expect(row).toMatchObject({ status: 'completed', completed_by: 'user', pomodoros: 0, focused_seconds: 240 })
    }

    expect((await timer(roomId, 'skip', host.auth)).json().timer).toMatchObject({ phase: 'work', cycle: 2 })
    const second = (await sessionsOf(roomId)).slice(2)
    expect(second.map((row) => row.started_at)).toEqual([service.clock.now(), service.clock.now()])
    service.clock.advanceMinutes(3)
    const ended = await timer(roomId, 'end', host.auth)
    expect(ended.json().timer).toEqual({
      status: 'idle',
      phase: null,
      cycle: null,
      phaseEndsAt: null,
      remainingSeconds: null,
    })
    const rows = await sessionsOf(roomId)
    expect(rows.slice(2).map((row) => [row.status, row.focused_seconds])).toEqual([
      ['completed', 180],
      ['completed', 180],
    ])
    const completed = await eventsOf('focus.session.completed', roomId)
    expect(completed.map((event) => [event.data.completedBy, event.data.focusedMinutes])).toEqual([
      ['user', 4],
      ['user', 4],
      ['user', 3],
      ['user', 3],
    ])

    const refused = expectProblem(await timer(roomId, 'pause', host.auth), 409, 'timer-action-not-allowed')
    expect(refused).toMatchObject({ timerStatus: 'idle', allowedActions: ['start'] })
  })

  it('credits a late joiner from joining, paused with the room if it is paused', async () => {
    const [late, later] = [await service.user(), await service.user()]
    const { roomId, host } = await openRoom()
    await timer(roomId, 'start', host.auth)
    service.clock.advanceMinutes(4)
    const joinedAt = service.clock.now()
    await join(roomId, late, host)
    // Their own session ends with the room's phase, not a whole work phase after joining.
    const phaseEndsAt = (await roomOf(roomId)).phase_ends_at?.toISOString()
    expect(await currentSession(late.auth)).toMatchObject({
      status: 'running',
      roomId,
      phaseEndsAt,
      endsAt: phaseEndsAt,
    })

    service.clock.advanceMinutes(1)
    await timer(roomId, 'pause', host.auth)
    await join(roomId, later, host)
    expect(await currentSession(later.auth)).toMatchObject({ status: 'paused', roomId, remainingSeconds: 5 * 60 })
    service.clock.advanceMinutes(2)
    await timer(roomId, 'resume', host.auth)
    const resumedEndsAt = (await roomOf(roomId)).phase_ends_at?.toISOString()
    expect(await currentSession(later.auth)).toMatchObject({ status: 'running', phaseEndsAt: resumedEndsAt })

    service.clock.advanceMinutes(5)
    await untilFinished(roomId, 3)
    const [, lateRow, laterRow] = await sessionsOf(roomId)
    expect(lateRow).toMatchObject({ user_id: late.id, started_at: joinedAt, completed_by: 'timer', pomodoros: 0 })
    expect(lateRow.focused_seconds).toBe(6 * 60)
    expect(lateRow.ended_at).toEqual(service.clock.now())
    expect(laterRow).toMatchObject({ user_id: later.id, focused_seconds: 5 * 60, pomodoros: 0 })
  })

  it('credits from joining one who joined after a work phase began, when the sweeper noticed it late', async () => {
    const [alice, bob] = [await service.user(), await service.user()]
    const { roomId, host } = await openRoom([alice])
    const startedAt = service.clock.now()
    await timer(roomId, 'start', host.auth)
    service.clock.advanceMinutes(10)
    await untilPhase(roomId, 'short_break', 1)
    await untilFinished(roomId, 2)
    // Bob joins during the break; say he came in 30 s after it ended, before the sweeper ended it.
    await join(roomId, bob, host)
    const breakEnd = startedAt.getTime() + 12 * minute
    await service.db
      .updateTable('room_participants')
      .set({ joined_at: new Date(breakEnd + 30_000) })
      .where('room_id', '=', roomId)
      .where('user_id', '=', bob.id)
      .execute()
    service.clock.advanceMinutes(3)
    await untilPhase(roomId, 'work', 2)
    const rows = await waitFor(
      () => sessionsOf(roomId),
      (all) => all.length === 5,
    )
    const bobRow = rows.find((row) => row.user_id === bob.id)
    expect(bobRow).toMatchObject({ started_at: new Date(breakEnd + 30_000), ends_at: new Date(breakEnd + 10 * minute) })

    service.clock.advanceMinutes(10)
    await untilPhase(roomId, 'long_break', 2)
    const done = await untilFinished(roomId, 5)
    expect(done.find((row) => row.user_id === bob.id)).toMatchObject({ focused_seconds: 570, pomodoros: 0 })
    expect(done.find((row) => row.user_id === alice.id && row.started_at.getTime() === breakEnd)).toMatchObject({
      focused_seconds: 600,
      pomodoros: 1,
    })
  })

  it('leaves a session to its owner once they leave the timer or the room', async () => {
    const [alice, bob] = [await service.user(), await service.user()]
    const { roomId, host } = await openRoom([alice, bob])
    await timer(roomId, 'start', host.auth)
    service.clock.advanceMinutes(2)

    const off = await patchMe(roomId, alice.auth, { inTimer: false })
    expect(off.statusCode, off.body).toBe(200)
    expect(off.json()).toMatchObject({ participant: { userId: alice.id, inTimer: false }, version: expect.any(Number) })
    const [changed] = await eventsOf('focus.room.participant_changed', roomId)
    expect(changed.data).toMatchObject({ participantId: alice.id, inTimer: false, roomVersion: off.json().version })
    await leave(roomId, bob)

    await timer(roomId, 'pause', host.auth)
    expect(await currentSession(host.auth)).toMatchObject({ status: 'paused' })
    expect(await currentSession(alice.auth)).toMatchObject({ status: 'running', roomId })
    expect(await currentSession(bob.auth)).toMatchObject({ status: 'running', roomId })

    // Theirs alone now, Alice's and Bob's sessions run to their own end: a pomodoro each, by their timer.
    service.clock.advanceMinutes(8)
    const rows = await waitFor(
      () => sessionsOf(roomId),
      (found) => found.filter((row) => row.status === 'completed').length === 2,
    )
    for (const user of [alice, bob]) {
      expect(rows.find((row) => row.user_id === user.id)).toMatchObject({ pomodoros: 1, completed_by: 'timer' })
    }

    // Back in the timer during the (paused) work phase: a new session from now, paused with the room.
    expect((await patchMe(roomId, alice.auth, { inTimer: true })).json().participant.inTimer).toBe(true)
    expect(await currentSession(alice.auth)).toMatchObject({ status: 'paused', roomId })
    await timer(roomId, 'end', host.auth)
    expect(await currentSession(alice.auth)).toBeNull()
    expect(await currentSession(host.auth)).toBeNull()
  })

  it('ties the next room session to the task and habit a participant chose', async () => {
    const alice = await service.user()
    const { roomId, host } = await openRoom([alice])
    const taskId = uuidv7()
    const habitId = uuidv7()
    const chosen = await patchMe(roomId, alice.auth, { taskId, habitId })
    expect(chosen.json().participant).toMatchObject({ taskId, habitId, inTimer: true })
    await timer(roomId, 'start', host.auth)
    service.clock.advanceMinutes(1)
    await timer(roomId, 'end', host.auth)
    const [event] = (await eventsOf('focus.session.completed', roomId)).filter((e) => e.userId === alice.id)
    expect(event.data).toMatchObject({ taskId, habitId, roomId, focusedMinutes: 1 })
    expect((await patchMe(roomId, alice.auth, { taskId: null })).json().participant.taskId).toBeNull()

    for (const body of [{}, { muted: true }, { taskId: 'not-a-uuid' }, { inTimer: 'yes' }]) {
      expectProblem(await patchMe(roomId, alice.auth, body), 400)
    }
  })
})

describe('who may drive the timer', () => {
  it('answers 404 to a stranger to a private room, 409 to a public room not joined', async () => {
    const { roomId } = await openRoom()
    const { roomId: publicRoomId } = await openRoom([], { visibility: 'public' })
    const stranger = await service.user()
    for (const action of ['start', 'pause', 'resume', 'skip', 'end']) {
      expectProblem(await timer(roomId, action, stranger.auth), 404)
      expectProblem(await timer(publicRoomId, action, stranger.auth), 409, 'not-in-room')
    }
    expectProblem(await patchMe(roomId, stranger.auth, { inTimer: false }), 404)
    expectProblem(await patchMe(publicRoomId, stranger.auth, { inTimer: false }), 409, 'not-in-room')
    expectProblem(await timer(uuidv7(), 'start', stranger.auth), 404)
  })

  it("keeps the timer the host's unless the room lets anyone drive it", async () => {
    const [alice, bob] = [await service.user(), await service.user()]
    const { roomId, host } = await openRoom([alice])
    expectProblem(await timer(roomId, 'start', alice.auth), 403, 'host-only')
    expect((await timer(roomId, 'start', host.auth)).statusCode).toBe(200)
    expectProblem(await timer(roomId, 'pause', alice.auth), 403, 'host-only')
    const { roomId: openToAll } = await openRoom([bob], { anyoneControls: true })
    expect((await timer(openToAll, 'start', bob.auth)).statusCode).toBe(200)
    expect((await timer(openToAll, 'end', bob.auth)).statusCode).toBe(200)
  })

  it('refuses a stale version with 412', async () => {
    const { roomId, host } = await openRoom()
    const { version } = (await timer(roomId, 'start', host.auth)).json()
    expectProblem(await timer(roomId, 'pause', host.auth, { version: version - 1 }), 412)
    expect((await timer(roomId, 'pause', host.auth, { version })).statusCode).toBe(200)
  })
})

describe("the timer's API document", () => {
  it('declares every answer of the timer and participant routes', async () => {
    const { paths } = (await service.app.inject('/openapi.json')).json()
    for (const action of ['start', 'pause', 'resume', 'skip', 'end']) {
      const operation = paths[`/focus/rooms/{id}/timer/${action}`].post
      expect(Object.keys(operation.responses)).toEqual(
        expect.arrayContaining(['200', '400', '401', '403', '404', '409', '412']),
      )
      expect(operation.tags).toEqual(['rooms'])
    }
    const patch = paths['/focus/rooms/{id}/me'].patch
    expect(Object.keys(patch.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404', '409']))
    expect(patch.requestBody.content['application/json'].schema.minProperties).toBe(1)
  })
})

describe('the room sweeper, with two replicas', () => {
  it('ends each due phase once and completes each session once', async () => {
    const rooms = await Promise.all(
      Array.from({ length: 6 }, async () => openRoom([await service.user(), await service.user()])),
    )
    for (const { roomId, host } of rooms) await timer(roomId, 'start', host.auth)
    service.clock.advanceMinutes(10)
    for (const { roomId } of rooms) await untilPhase(roomId, 'short_break', 1)
    for (const { roomId } of rooms) await untilFinished(roomId, 3)
    await sleep(200)
    for (const { roomId } of rooms) {
      const changes = (await eventsOf('focus.room.timer_changed', roomId)).map((event) => event.data.action)
      expect(changes).toEqual(['started', 'phase_ended'])
      const completed = await eventsOf('focus.session.completed', roomId)
      expect(completed).toHaveLength(3)
      expect(new Set(completed.map((event) => event.data.sessionId)).size).toBe(3)
      for (const row of await sessionsOf(roomId)) expect(row.version).toBe(2)
    }
  })
})
