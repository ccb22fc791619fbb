import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Auth, expectProblem, type FocusHarness, outboxEvents, startFocusHarness } from './support.ts'

let harness: FocusHarness

beforeAll(async () => {
  // History pages through April: a backfill window wide enough to log it (backfill-awards.test.ts tests the window).
  harness = await startFocusHarness({ FOCUS_BACKFILL_DAYS: '60' }, '2026-05-10T18:00:00Z')
})
afterAll(() => harness.close())

const logSession = (auth: Auth, payload: object) =>
  harness.app.inject({ method: 'POST', url: '/focus/sessions/manual', headers: auth, payload })

const span = (start: string, minutes: number) => ({
  startedAt: start,
  endedAt: new Date(new Date(start).getTime() + minutes * 60_000).toISOString(),
})

describe('manual sessions', () => {
  it('logs a past session, published as completed (manual, by log)', async () => {
    const { auth } = await harness.user()
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
    const [event] = (await outboxEvents(harness, 'focus.session.completed')).filter(
      (e) => e.data.sessionId === logged.json().id,
    )
    expect(event.data).toMatchObject({ manual: true, completedBy: 'log', focusedMinutes: 45, pomodoros: 0, taskId })
  })

  it('refuses overlapping sessions, also with a running timed one', async () => {
    const { auth } = await harness.user()
    await logSession(auth, span('2026-05-10T08:00:00Z', 60))
    expectProblem(await logSession(auth, span('2026-05-10T08:30:00Z', 60)), 409)
    expectProblem(await logSession(auth, span('2026-05-10T07:30:00Z', 31)), 409)
    expect((await logSession(auth, span('2026-05-10T09:00:00Z', 30))).statusCode).toBe(201)
    await harness.app.inject({ method: 'POST', url: '/focus/sessions', headers: auth, payload: {} })
    harness.clock.advanceMinutes(5)
    expectProblem(await logSession(auth, span('2026-05-10T17:58:00Z', 5)), 409)
  })

  it('edits and deletes a logged session, moving its credit; timed sessions cannot be edited', async () => {
    const user = await harness.user()
    const logged = (await logSession(user.auth, span('2026-05-09T08:00:00Z', 30))).json()
    const edited = await harness.app.inject({
      method: 'PATCH',
      url: `/focus/sessions/${logged.id}`,
      headers: user.auth,
      payload: { ...span('2026-05-08T08:00:00Z', 50), note: null, version: logged.version },
    })
    expect(edited.json()).toMatchObject({ localDate: '2026-05-08', focusedMinutes: 50, note: null, version: 2 })
    const stale = await harness.app.inject({
      method: 'PATCH',
      url: `/focus/sessions/${logged.id}`,
      headers: { ...user.auth, 'if-match': '"1"' },
      payload: { note: 'x' },
    })
    expectProblem(stale, 412)
    const totals = await harness.database.db
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
      await harness.app.inject({ method: 'POST', url: '/focus/sessions', headers: user.auth, payload: {} })
    ).json()
    expectProblem(
      await harness.app.inject({ method: 'DELETE', url: `/focus/sessions/${timed.id}`, headers: user.auth }),
      409,
    )
    const other = await harness.user()
    expectProblem(
      await harness.app.inject({ method: 'DELETE', url: `/focus/sessions/${logged.id}`, headers: other.auth }),
      404,
    )
    expect(
      (await harness.app.inject({ method: 'DELETE', url: `/focus/sessions/${logged.id}`, headers: user.auth }))
        .statusCode,
    ).toBe(204)
  })

  it('rejects bad spans and bad fields', async () => {
    const { auth } = await harness.user()
    expectProblem(await logSession(auth, { startedAt: '2026-05-10T09:00:00Z', endedAt: '2026-05-10T08:00:00Z' }), 422)
    expectProblem(await logSession(auth, span('2026-05-10T17:30:00Z', 60)), 422)
    expectProblem(await logSession(auth, span('2026-05-08T00:00:00Z', 25 * 60)), 422)
    expectProblem(await logSession(auth, { startedAt: 'yesterday', endedAt: '2026-05-10T08:00:00Z' }), 400)
    expectProblem(await logSession(auth, { ...span('2026-05-10T08:00:00Z', 5), userId: 'x' }), 400)
  })
})

describe('history', () => {
  it('pages newest start first within a range, stable across inserts', async () => {
    const { auth } = await harness.user()
    for (let day = 1; day <= 5; day++) await logSession(auth, span(`2026-04-0${day}T10:00:00Z`, 20))
    const first = await harness.app.inject({
      method: 'GET',
      url: '/focus/sessions?limit=2&from=2026-04-02T00:00:00Z&to=2026-04-06T00:00:00Z',
      headers: auth,
    })
    expect(first.json().items.map((s: { startedAt: string }) => s.startedAt.slice(0, 10))).toEqual([
      '2026-04-05',
      '2026-04-04',
    ])
    await logSession(auth, span('2026-04-04T15:00:00Z', 20))
    const second = await harness.app.inject({
      method: 'GET',
      url: `/focus/sessions?limit=2&from=2026-04-02T00:00:00Z&to=2026-04-06T00:00:00Z&cursor=${first.json().nextCursor}`,
      headers: auth,
    })
    expect(second.json().items.map((s: { startedAt: string }) => s.startedAt.slice(0, 10))).toEqual([
      '2026-04-03',
      '2026-04-02',
    ])
    expect(second.json().nextCursor).toBeNull()
    const current = await harness.app.inject({ method: 'GET', url: '/focus/sessions/current', headers: auth })
    expect(current.json()).toEqual({ session: null })
  })

  it('rejects a bad range, cursor or limit', async () => {
    const { auth } = await harness.user()
    const get = (query: string) => harness.app.inject({ method: 'GET', url: `/focus/sessions?${query}`, headers: auth })
    expectProblem(await get('from=2026-04-05T00:00:00Z&to=2026-04-01T00:00:00Z'), 400)
    expectProblem(await get('cursor=bogus'), 400)
    expectProblem(await get('limit=500'), 400)
    expectProblem(await get('from=tuesday'), 400)
  })
})
