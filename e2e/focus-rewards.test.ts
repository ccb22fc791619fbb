import { addDays, localDateOf } from '@focushub/shared/time'
import { describe, expect, it } from 'vitest'
import { type Answer, eventually, type SignedUp, send, signUp } from './client.ts'

/**
 * Issue #19, item 2: goal awards, points and achievements follow the logged sessions that exist.
 * Sessions are logged far back or moved between days through NGINX; the rewards are read back
 * through NGINX once habit-service has consumed a later marker session of the same user (one
 * user's events are consumed in order).
 */

const minute = 60_000
const utc = { timezone: 'UTC', dayStartHour: 0 }

/** A span of `minutes` from 08:00 UTC of the day `daysBack` days before today (UTC). */
function spanOn(daysBack: number, minutes: number) {
  const day = addDays(localDateOf(new Date(), utc), -daysBack)
  const startedAt = new Date(`${day}T08:00:00Z`)
  return { startedAt: startedAt.toISOString(), endedAt: new Date(startedAt.getTime() + minutes * minute).toISOString() }
}

const achievementsOf = async (user: SignedUp) => {
  const answer = await send('GET', '/achievements?limit=200', { authorization: user.authorization })
  return new Map<string, { progress: number; unlocked: boolean }>(
    answer.body.items.map((a: { id: string; progress: number; unlocked: boolean }) => [a.id, a]),
  )
}

/** Logs a short session in the last hour and waits until its minutes reach the focus-minute counter. */
async function logMarker(user: SignedUp, focusMinutesAfter: number, minutesAgo: number) {
  const now = Date.now()
  const marker = await send('POST', '/focus/sessions/manual', {
    authorization: user.authorization,
    body: {
      startedAt: new Date(now - (minutesAgo + 5) * minute).toISOString(),
      endedAt: new Date(now - minutesAgo * minute).toISOString(),
    },
  })
  expect(marker.status).toBe(201)
  await eventually(
    () => achievementsOf(user),
    (byId) => byId.get('focus-hours-25')?.progress === focusMinutesAfter,
  )
}

const pointsOf = async (user: SignedUp) =>
  (await send('GET', '/rewards', { authorization: user.authorization })).body.points as number

const goalStreakOf = async (user: SignedUp) =>
  (await send('GET', '/focus/stats?range=7d', { authorization: user.authorization })).body.goal as {
    currentStreak: number
    bestStreak: number
  }

function expectFieldProblem(answer: Answer, field: string) {
  expect(answer.status).toBe(422)
  expect(answer.headers.get('content-type')).toContain('application/problem+json')
  expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field)
}

describe('focus goal rewards through NGINX', () => {
  it('refuses sessions logged before the backfill window (422 naming /body/startedAt)', async () => {
    const user = await signUp()
    for (const daysBack of [40, 41, 42]) {
      const logged = await send('POST', '/focus/sessions/manual', {
        authorization: user.authorization,
        body: spanOn(daysBack, 105),
      })
      expectFieldProblem(logged, '/body/startedAt')
    }
    const history = await send('GET', '/focus/sessions', { authorization: user.authorization })
    expect(history.body.items).toEqual([])
  })

  it('moves the award with an edited session and takes it back with a deleted one', async () => {
    const user = await signUp()
    const logged = await send('POST', '/focus/sessions/manual', {
      authorization: user.authorization,
      body: spanOn(1, 105),
    })
    expect(logged.status).toBe(201)
    // first-focus-session 10 + the day's goal 10 + "Goal!" 10
    await eventually(
      () => pointsOf(user),
      (points) => points === 30,
    )

    const tooOld = await send('PATCH', `/focus/sessions/${logged.body.id}`, {
      authorization: user.authorization,
      body: spanOn(40, 105),
    })
    expectFieldProblem(tooOld, '/body/startedAt')

    const moved = await send('PATCH', `/focus/sessions/${logged.body.id}`, {
      authorization: user.authorization,
      body: spanOn(2, 105),
    })
    expect(moved.status).toBe(200)
    expect(await goalStreakOf(user)).toMatchObject({ bestStreak: 1 })
    await logMarker(user, 110, 20)
    expect(await pointsOf(user)).toBe(30)
    expect((await achievementsOf(user)).get('first-daily-goal')).toMatchObject({ unlocked: true, progress: 1 })

    const removed = await send('DELETE', `/focus/sessions/${logged.body.id}`, { authorization: user.authorization })
    expect(removed.status).toBe(204)
    expect(await goalStreakOf(user)).toMatchObject({ bestStreak: 0 })
    await logMarker(user, 10, 30)
    // The day's 10 points are taken back; the unlocked "Goal!" stays, its counter back at 0.
    expect(await pointsOf(user)).toBe(20)
    const achievements = await achievementsOf(user)
    expect(achievements.get('first-daily-goal')).toMatchObject({ unlocked: true, progress: 0 })
    expect(achievements.get('first-focus-session')).toMatchObject({ unlocked: true, progress: 1 })
  })
})
