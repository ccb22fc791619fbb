import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Auth, expectProblem, outboxEvents, startFocusService, type TestService } from './support.ts'

let service: TestService

beforeAll(async () => {
  // History pages through April: a backfill window wide enough to log it (backfill-awards.test.ts tests the window).
  service = await startFocusService({ FOCUS_BACKFILL_DAYS: '60' })
  service.clock.set('2026-05-10T18:00:00Z')
})
afterAll(() => service.close())

const logSession = (auth: Auth, payload: object) =>
  service.app.inject({ method: 'POST', url: '/focus/sessions/manual', headers: auth, payload })

const span = (start: string, minutes: number) => ({
  startedAt: start,
  endedAt: new Date(new Date(start).getTime() + minutes * 60_000).toISOString(),
})

describe('manual sessions', () => {
  it('logs a past session, published as completed (manual, by log)', async () => {
    const { auth } = await service.user()
    const taskId = '0190f3a0-0000-7000-8000-0000000000aa'
    const logged = await logSession(auth, { ...span('2026-05-10T08:00:00Z', 45), note: 'deep work', taskId })
    expect(logged.statusCode, logged.body).toBe(201)
    expect(logged.json()).toMatchObject({
      kind: 'manual',
      status: 'completed',
      focusedMinutes: 45,
      completedBy: 'log',
      note: 'deep work',
    })
    const [event] = (await outboxEvents(service.db, { type: 'focus.session.completed' })).filter(
      (e) => e.data.sessionId === logged.json().id,
    )
    expect(event.data).toMatchObject({ manual: true, completedBy: 'log', focusedMinutes: 45, pomodoros: 0, taskId })
  })

  it('refuses overlapping sessions, also with a running timed one', async () => {
    const { auth } = await service.user()
    await logSession(auth, span('2026-05-10T08:00:00Z', 60))
    expectProblem(await logSession(auth, span('2026-05-10T08:30:00Z', 60)), 409, 'sessions-overlap')
    expectProblem(await logSession(auth, span('2026-05-10T07:30:00Z', 31)), 409, 'sessions-overlap')
    expect((await logSession(auth, span('2026-05-10T09:00:00Z', 30))).statusCode).toBe(201)
    await service.app.inject({ method: 'POST', url: '/focus/sessions', headers: auth, payload: {} })
    service.clock.advanceMinutes(5)
    expectProblem(await logSession(auth, span('2026-05-10T17:58:00Z', 5)), 409)
  })

  it('answers a start blocked by a logged session and one blocked by an active session with different codes', async () => {
    const { auth } = await service.user()
    const now = service.clock.now()
    const start = () => service.app.inject({ method: 'POST', url: '/focus/sessions', headers: auth, payload: {} })
    expect((await logSession(auth, span(new Date(now.getTime() - 30 * 60_000).toISOString(), 30))).statusCode).toBe(201)
    service.clock.set(new Date(now.getTime() - 10 * 60_000).toISOString())
    const blockedByLog = expectProblem(await start(), 409, 'session-overlaps-logged')
    service.clock.set(now.toISOString())
    const running = await start()
    expect(running.statusCode, running.body).toBe(201)
    const blockedByTimer = expectProblem(await start(), 409, 'session-already-active')
    expect(blockedByTimer.code).not.toBe(blockedByLog.code)
    expect(blockedByTimer.current).toMatchObject({ id: running.json().id })
    await service.app.inject({ method: 'POST', url: `/focus/sessions/${running.json().id}/abandon`, headers: auth })
  })

  it('edits and deletes a logged session, moving its credit; timed sessions cannot be edited', async () => {
    const user = await service.user()
    const logged = (await logSession(user.auth, span('2026-05-09T08:00:00Z', 30))).json()
    const edited = await service.app.inject({
      method: 'PATCH',
      url: `/focus/sessions/${logged.id}`,
      headers: user.auth,
      payload: { ...span('2026-05-08T08:00:00Z', 50), note: null, version: logged.version },
    })
    expect(edited.json()).toMatchObject({ localDate: '2026-05-08', focusedMinutes: 50, note: null, version: 2 })
    const stale = await service.app.inject({
      method: 'PATCH',
      url: `/focus/sessions/${logged.id}`,
      headers: { ...user.auth, 'if-match': '"1"' },
      payload: { note: 'x' },
    })
    expectProblem(stale, 412)
    const totals = await service.db
      .selectFrom('daily_totals')
      .selectAll()
      .where('user_id', '=', user.id)
      .orderBy('local_date')
      .execute()
    expect(totals.map((row) => [row.local_date, row.focused_seconds, row.sessions])).toEqual([
      ['2026-05-08', 3000, 1],
      ['2026-05-09', 0, 0],
    ])
    const timed = (
      await service.app.inject({ method: 'POST', url: '/focus/sessions', headers: user.auth, payload: {} })
    ).json()
    expectProblem(
      await service.app.inject({ method: 'DELETE', url: `/focus/sessions/${timed.id}`, headers: user.auth }),
      409,
    )
    const other = await service.user()
    expectProblem(
      await service.app.inject({ method: 'DELETE', url: `/focus/sessions/${logged.id}`, headers: other.auth }),
      404,
    )
    expect(
      (await service.app.inject({ method: 'DELETE', url: `/focus/sessions/${logged.id}`, headers: user.auth }))
        .statusCode,
    ).toBe(204)
  })

  it('rejects bad spans and bad fields', async () => {
    const { auth } = await service.user()
    expectProblem(await logSession(auth, { startedAt: '2026-05-10T09:00:00Z', endedAt: '2026-05-10T08:00:00Z' }), 422)
    expectProblem(await logSession(auth, span('2026-05-10T17:30:00Z', 60)), 422)
    expectProblem(await logSession(auth, span('2026-05-08T00:00:00Z', 25 * 60)), 422)
    expectProblem(await logSession(auth, { startedAt: 'yesterday', endedAt: '2026-05-10T08:00:00Z' }), 400)
    expectProblem(await logSession(auth, { ...span('2026-05-10T08:00:00Z', 5), userId: 'x' }), 400)
  })
})

describe('history', () => {
  it('pages newest start first within a range, stable across inserts', async () => {
    const { auth } = await service.user()
    for (let day = 1; day <= 5; day++) await logSession(auth, span(`2026-04-0${day}T10:00:00Z`, 20))
    const first = await service.app.inject({
      method: 'GET',
      url: '/focus/sessions?limit=2&from=2026-04-02T00:00:00Z&to=2026-04-06T00:00:00Z',
      headers: auth,
    })
    expect(first.json().items.map((s: { startedAt: string }) => s.startedAt.slice(0, 10))).toEqual([
      '2026-04-05',
      '2026-04-04',
    ])
    await logSession(auth, span('2026-04-04T15:00:00Z', 20))
    const second = await service.app.inject({
      method: 'GET',
      url: `/focus/sessions?limit=2&from=2026-04-02T00:00:00Z&to=2026-04-06T00:00:00Z&cursor=${first.json().nextCursor}`,
      headers: auth,
    })
    expect(second.json().items.map((s: { startedAt: string }) => s.startedAt.slice(0, 10))).toEqual([
      '2026-04-03',
      '2026-04-02',
    ])
    expect(second.json().nextCursor).toBeNull()
    const current = await service.app.inject({ method: 'GET', url: '/focus/sessions/current', headers: auth })
    expect(current.json()).toEqual({ session: null })
  })

  it('rejects a bad range, cursor or limit', async () => {
    const { auth } = await service.user()
    const get = (query: string) => service.app.inject({ method: 'GET', url: `/focus/sessions?${query}`, headers: auth })
    expectProblem(await get('from=2026-04-05T00:00:00Z&to=2026-04-01T00:00:00Z'), 422)
    expectProblem(await get('cursor=bogus'), 400)
    expectProblem(await get('limit=500'), 400)
    expectProblem(await get('from=tuesday'), 400)
  })
})
