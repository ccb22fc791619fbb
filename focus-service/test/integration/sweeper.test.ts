import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { outboxEvents, startFocusService, type TestService } from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startFocusService({ FOCUS_SWEEP_INTERVAL_MS: '20' })
  await service.replica()
})
afterAll(() => service.close())

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await sleep(20)
  }
}

const shortPlan = { workMinutes: 1, shortBreakMinutes: 1, longBreakMinutes: 1, cyclesBeforeLongBreak: 2 }

describe('the sweeper, with two replicas sweeping the same schema', () => {
  it('completes each due session exactly once, with exactly one event, and none early', async () => {
    const users = await Promise.all(Array.from({ length: 25 }, () => service.user()))
    const ids: string[] = []
    for (const { auth } of users) {
      const started = await service.app.inject({
        method: 'POST',
        url: '/focus/sessions',
        headers: auth,
        payload: shortPlan,
      })
      ids.push(started.json().id)
    }
    service.clock.advanceMinutes(3)
    await sleep(150)
    const early = await service.db.selectFrom('focus_sessions').select('status').where('id', 'in', ids).execute()
    expect(early.every((row) => row.status === 'running')).toBe(true)

    service.clock.advanceMinutes(1)
    await waitFor(async () => {
      const done = await service.db
        .selectFrom('focus_sessions')
        .select('id')
        .where('id', 'in', ids)
        .where('status', '=', 'completed')
        .execute()
      return done.length === ids.length
    })
    await sleep(200)
    const rows = await service.db.selectFrom('focus_sessions').selectAll().where('id', 'in', ids).execute()
    for (const row of rows) {
      expect(row).toMatchObject({ completed_by: 'timer', pomodoros: 2, focused_seconds: 120, version: 2 })
      expect(row.ended_at?.getTime()).toBe(row.started_at.getTime() + 4 * 60_000)
    }
    const events = (await outboxEvents(service.db, { type: 'focus.session.completed' })).filter((e) =>
      ids.includes(String(e.data.sessionId)),
    )
    expect(events).toHaveLength(ids.length)
    expect(new Set(events.map((e) => e.data.sessionId)).size).toBe(ids.length)
    expect(events[0].data).toMatchObject({ completedBy: 'timer', focusedMinutes: 2, pomodoros: 2, manual: false })
  })

  it('never completes a paused session, however long the pause', async () => {
    const { auth } = await service.user()
    const { id } = (
      await service.app.inject({ method: 'POST', url: '/focus/sessions', headers: auth, payload: shortPlan })
    ).json()
    await service.app.inject({ method: 'POST', url: `/focus/sessions/${id}/pause`, headers: auth })
    service.clock.advanceMinutes(600)
    await sleep(150)
    const row = await service.db
      .selectFrom('focus_sessions')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('paused')
  })
})
