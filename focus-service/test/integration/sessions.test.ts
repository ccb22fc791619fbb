import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Auth, expectProblem, outboxEvents, startFocusService, type TestService } from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startFocusService()
})
afterAll(() => service.close())

const post = (url: string, auth: Auth, payload?: object) =>
  service.app.inject({ method: 'POST', url, headers: auth, ...(payload ? { payload } : {}) })

describe('the server-owned timer', () => {
  it('starts with the default plan, computes phase and remaining time from server timestamps', async () => {
    const { auth } = await service.user()
    const started = await post('/focus/sessions', auth, {})
    expect(started.statusCode, started.body).toBe(201)
    const session = started.json()
    expect(session).toMatchObject({
      status: 'running',
      phase: 'work',
      cycle: 1,
      remainingSeconds: 1500,
      plan: { workMinutes: 25, shortBreakMinutes: 5, longBreakMinutes: 15, cyclesBeforeLongBreak: 4 },
      allowedActions: ['pause', 'complete', 'abandon'],
    })
    service.clock.advanceMinutes(27)
    const current = await service.app.inject({ method: 'GET', url: '/focus/sessions/current', headers: auth })
    expect(current.json().session).toMatchObject({
      id: session.id,
      phase: 'short_break',
      cycle: 1,
      remainingSeconds: 180,
    })
    const [event] = (await outboxEvents(service.db, { type: 'focus.session.started' })).filter(
      (e) => e.data.sessionId === session.id,
    )
    expect(event.data).toMatchObject({ phase: 'work', plan: { workMinutes: 25 } })
    await post(`/focus/sessions/${session.id}/abandon`, auth)
  })

  it('refuses a second start with 409 carrying the current session', async () => {
    const { auth } = await service.user()
    const first = (await post('/focus/sessions', auth, { workMinutes: 50 })).json()
    const second = await post('/focus/sessions', auth, {})
    const problem = expectProblem(second, 409, 'session-already-active')
    expect(problem.current).toMatchObject({ id: first.id, plan: { workMinutes: 50 } })
    await post(`/focus/sessions/${first.id}/abandon`, auth)
  })

  it('pauses with a reason (paused time never counts), resumes, completes with the credit', async () => {
    const { auth } = await service.user()
    const { id } = (await post('/focus/sessions', auth, { taskId: '0190f3a0-0000-7000-8000-000000000001' })).json()
    service.clock.advanceMinutes(10)
    const paused = await post(`/focus/sessions/${id}/pause`, auth, { reason: 'phone call' })
    expect(paused.json()).toMatchObject({ status: 'paused', pauseReason: 'phone call', remainingSeconds: 900 })
    service.clock.advanceMinutes(30)
    expect((await post(`/focus/sessions/${id}/pause`, auth)).json().allowedActions).toEqual([
      'resume',
      'complete',
      'abandon',
    ])
    const resumed = await post(`/focus/sessions/${id}/resume`, auth)
    expect(resumed.json()).toMatchObject({ status: 'running', remainingSeconds: 900, pausedSeconds: 1800 })
    service.clock.advanceMinutes(20)
    const completed = await post(`/focus/sessions/${id}/complete`, auth)
    expect(completed.json()).toMatchObject({
      status: 'completed',
      focusedMinutes: 25,
      pomodoros: 1,
      completedBy: 'user',
    })
    const detail = (await service.app.inject({ method: 'GET', url: `/focus/sessions/${id}`, headers: auth })).json()
    expect(detail.pauses).toHaveLength(1)
    expect(detail.pauses[0].reason).toBe('phone call')
    const types = ['focus.session.paused', 'focus.session.resumed', 'focus.session.completed']
    for (const type of types) {
      const events = (await outboxEvents(service.db, { type })).filter((e) => e.data.sessionId === id)
      expect(events, type).toHaveLength(1)
    }
    const [done] = (await outboxEvents(service.db, { type: 'focus.session.completed' })).filter(
      (e) => e.data.sessionId === id,
    )
    expect(done.data).toMatchObject({ focusedMinutes: 25, pomodoros: 1, manual: false, completedBy: 'user' })
  })

  it('answers illegal transitions with 409 naming the allowed ones', async () => {
    const { auth } = await service.user()
    const { id } = (await post('/focus/sessions', auth, {})).json()
    const resume = expectProblem(await post(`/focus/sessions/${id}/resume`, auth), 409, 'transition-not-allowed')
    expect(resume.allowedActions).toEqual(['pause', 'complete', 'abandon'])
    await post(`/focus/sessions/${id}/abandon`, auth)
    const again = expectProblem(await post(`/focus/sessions/${id}/complete`, auth), 409)
    expect(again.allowedActions).toEqual([])
  })

  it('credits an abandoned session its focused minutes but no pomodoro', async () => {
    const { auth } = await service.user()
    const { id } = (await post('/focus/sessions', auth, {})).json()
    service.clock.advanceMinutes(40)
    const abandoned = (await post(`/focus/sessions/${id}/abandon`, auth)).json()
    expect(abandoned).toMatchObject({ status: 'abandoned', focusedMinutes: 35, pomodoros: 0 })
    const [event] = (await outboxEvents(service.db, { type: 'focus.session.abandoned' })).filter(
      (e) => e.data.sessionId === id,
    )
    expect(event.data).toMatchObject({ focusedMinutes: 35, pomodoros: 0 })
  })

  it('completes by the timer first when an action comes after the plan ran out', async () => {
    const { auth } = await service.user()
    const { id } = (await post('/focus/sessions', auth, { cyclesBeforeLongBreak: 1 })).json()
    service.clock.advanceMinutes(45)
    const late = expectProblem(await post(`/focus/sessions/${id}/pause`, auth), 409)
    expect(late.status).toBe(409)
    const detail = (await service.app.inject({ method: 'GET', url: `/focus/sessions/${id}`, headers: auth })).json()
    expect(detail).toMatchObject({ status: 'completed', completedBy: 'timer', pomodoros: 1, focusedMinutes: 25 })
    expect(new Date(detail.endedAt).getTime() - new Date(detail.startedAt).getTime()).toBe(40 * 60_000)
  })

  it("answers 404 for another user's session and 412 for a stale version", async () => {
    const owner = await service.user()
    const other = await service.user()
    const session = (await post('/focus/sessions', owner.auth, {})).json()
    expectProblem(await post(`/focus/sessions/${session.id}/pause`, other.auth), 404)
    expectProblem(
      await service.app.inject({ method: 'GET', url: `/focus/sessions/${session.id}`, headers: other.auth }),
      404,
    )
    expectProblem(await post(`/focus/sessions/${session.id}/pause`, owner.auth, { version: session.version + 5 }), 412)
    await post(`/focus/sessions/${session.id}/abandon`, owner.auth)
  })

  it('rejects bad input with 4xx problem+json and requires a token', async () => {
    const { auth } = await service.user()
    expect(expectProblem(await post('/focus/sessions', auth, { workMinutes: 0 }), 400).errors).toBeDefined()
    expectProblem(await post('/focus/sessions', auth, { surprise: true }), 400)
    expectProblem(await post('/focus/sessions/not-a-uuid/pause', auth), 400)
    expectProblem(await post(`/focus/sessions/${crypto.randomUUID()}/pause`, auth, { reason: 'x'.repeat(201) }), 400)
    expectProblem(await service.app.inject({ method: 'GET', url: '/focus/sessions/current' }), 401)
  })
})
