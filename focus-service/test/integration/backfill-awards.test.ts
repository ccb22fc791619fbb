import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Auth, expectProblem, outboxEvents, startFocusService, type TestService } from './support.ts'

// Issue #19, item 2: logged sessions stay within the backfill window (FOCUS_BACKFILL_DAYS, 7 here),
// and a day's award follows the sessions that exist: withdrawn (focus.daily_goal.revoked) when an
// edit or a delete leaves the day below the goal it was given at.

let service: TestService

beforeAll(async () => {
  service = await startFocusService({ FOCUS_BACKFILL_DAYS: '7' })
  service.clock.set('2026-03-30T12:00:00Z')
})
afterAll(() => service.close())

const span = (startedAt: string, minutes: number) => ({
  startedAt,
  endedAt: new Date(new Date(startedAt).getTime() + minutes * 60_000).toISOString(),
})

const log = (auth: Auth, startedAt: string, minutes: number) =>
  service.app.inject({
    method: 'POST',
    url: '/focus/sessions/manual',
    headers: auth,
    payload: span(startedAt, minutes),
  })

const edit = (auth: Auth, id: string, payload: Record<string, unknown>) =>
  service.app.inject({ method: 'PATCH', url: `/focus/sessions/${id}`, headers: auth, payload })

const remove = (auth: Auth, id: string) =>
  service.app.inject({ method: 'DELETE', url: `/focus/sessions/${id}`, headers: auth })

const fieldsOf = (problem: { errors?: { field: string }[] }) => problem.errors?.map((e) => e.field)

/** The goal and logged-session events of a user, in the order they were written. */
async function eventsOf(userId: string) {
  const rows = await service.db
    .selectFrom('outbox')
    .select(['envelope'])
    .where('key', '=', userId)
    .where('type', 'in', [
      'focus.daily_goal.achieved',
      'focus.daily_goal.revoked',
      'focus.session.edited',
      'focus.session.deleted',
    ])
    .orderBy('position')
    .execute()
  return rows.map(({ envelope }) => [envelope.type, envelope.data.localDate])
}

const awardedDays = async (userId: string) =>
  (
    await service.db
      .selectFrom('goal_awards')
      .select('local_date')
      .where('user_id', '=', userId)
      .orderBy('local_date')
      .execute()
  ).map((row) => row.local_date)

describe('the backfill window', () => {
  it('logs from today back to the window and refuses earlier starts (422 /body/startedAt)', async () => {
    const { auth } = await service.user()
    expect((await log(auth, '2026-03-23T00:00:00Z', 30)).statusCode).toBe(201)
    const early = expectProblem(await log(auth, '2026-03-22T23:00:00Z', 90), 422)
    expect(fieldsOf(early)).toEqual(['/body/startedAt'])
  })

  it('refuses to move a session before the window, or to move or delete one whose day has left it', async () => {
    const { auth } = await service.user()
    const session = (await log(auth, '2026-03-25T08:00:00Z', 30)).json()
    expect(fieldsOf(expectProblem(await edit(auth, session.id, span('2026-03-20T08:00:00Z', 30)), 422))).toEqual([
      '/body/startedAt',
    ])
    service.clock.set('2026-04-02T12:00:00Z')
    try {
      expect(fieldsOf(expectProblem(await edit(auth, session.id, span('2026-03-30T08:00:00Z', 30)), 422))).toEqual([
        '/params/id',
      ])
      expect(fieldsOf(expectProblem(await remove(auth, session.id), 422))).toEqual(['/params/id'])
      const noted = await edit(auth, session.id, { note: 'still mine to describe' })
      expect(noted.statusCode).toBe(200)
    } finally {
      service.clock.set('2026-03-30T12:00:00Z')
    }
  })
})

describe('goal awards follow the sessions', () => {
  it('moves the award with an edited session and withdraws it with a deleted one; the day can earn it again', async () => {
    const user = await service.user()
    await service.app.inject({ method: 'PUT', url: '/focus/goal', headers: user.auth, payload: { minutes: 60 } })
    const session = (await log(user.auth, '2026-03-28T08:00:00Z', 70)).json()
    expect(await awardedDays(user.id)).toEqual(['2026-03-28'])

    const moved = await edit(user.auth, session.id, span('2026-03-27T08:00:00Z', 70))
    expect(moved.statusCode).toBe(200)
    expect(await awardedDays(user.id)).toEqual(['2026-03-27'])
    const shortened = await edit(user.auth, session.id, span('2026-03-27T08:00:00Z', 50))
    expect(shortened.statusCode).toBe(200)
    expect(await awardedDays(user.id)).toEqual([])
    const lengthened = await edit(user.auth, session.id, span('2026-03-27T08:00:00Z', 65))
    expect(lengthened.statusCode).toBe(200)
    expect(await awardedDays(user.id)).toEqual(['2026-03-27'])
    expect((await remove(user.auth, session.id)).statusCode).toBe(204)
    expect(await awardedDays(user.id)).toEqual([])

    expect(await eventsOf(user.id)).toEqual([
      ['focus.daily_goal.achieved', '2026-03-28'],
      ['focus.daily_goal.revoked', '2026-03-28'],
      ['focus.daily_goal.achieved', '2026-03-27'],
      ['focus.session.edited', '2026-03-27'],
      ['focus.daily_goal.revoked', '2026-03-27'],
      ['focus.session.edited', '2026-03-27'],
      ['focus.daily_goal.achieved', '2026-03-27'],
      ['focus.session.edited', '2026-03-27'],
      ['focus.daily_goal.revoked', '2026-03-27'],
      ['focus.session.deleted', '2026-03-27'],
    ])
    const [edited] = await outboxEvents(service.db, { type: 'focus.session.edited', userId: user.id })
    expect(edited?.data).toMatchObject({
      sessionId: session.id,
      focusedMinutes: 70,
      localDate: '2026-03-27',
      previous: { focusedMinutes: 70, localDate: '2026-03-28' },
    })
    const [revoked] = await outboxEvents(service.db, { type: 'focus.daily_goal.revoked', userId: user.id })
    expect(revoked?.data).toEqual({ localDate: '2026-03-28', goalMinutes: 60, focusedMinutes: 0 })
  })

  it('keeps an award while the day still holds the goal it was given at, even after the goal is raised', async () => {
    const user = await service.user()
    await service.app.inject({ method: 'PUT', url: '/focus/goal', headers: user.auth, payload: { minutes: 30 } })
    await log(user.auth, '2026-03-29T08:00:00Z', 20)
    const second = (await log(user.auth, '2026-03-29T09:00:00Z', 20)).json()
    await service.app.inject({ method: 'PUT', url: '/focus/goal', headers: user.auth, payload: { minutes: 120 } })
    expect((await edit(user.auth, second.id, span('2026-03-29T09:00:00Z', 15))).statusCode).toBe(200)
    expect(await awardedDays(user.id)).toEqual(['2026-03-29'])
    expect((await remove(user.auth, second.id)).statusCode).toBe(204)
    expect(await awardedDays(user.id)).toEqual([])
  })
})
