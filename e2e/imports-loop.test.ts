import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { api, type SignedUp, send, signUp } from './client.ts'
import { daysAgo, encode, loopExport } from './import-files.ts'

/**
 * Issue #30, import from Loop Habit Tracker, through NGINX: its CSV export (a ZIP of Habits.csv and a
 * Checkmarks.csv per habit, as Loop 2.x writes it), with a dry run, and a second import making nothing.
 */

async function importLoop(user: SignedUp, body: Uint8Array, query = '') {
  const response = await fetch(`${api}/imports/loop?${query}`, {
    method: 'POST',
    headers: { authorization: user.authorization, 'content-type': 'application/zip' },
    body,
  })
  // biome-ignore lint/suspicious/noExplicitAny: the report's shape is asserted field by field
  return { status: response.status, body: (await response.json()) as any }
}

/** A habit's days as its stats' heatmap shows them. */
const daysOf = async (user: SignedUp, habitId: string) =>
  (await send('GET', `/habits/${habitId}/stats`, { authorization: user.authorization })).body.heatmap.days as {
    date: string
    status: string
    value: number | null
  }[]

describe('import from Loop Habit Tracker', () => {
  it('says what it would make, makes habits with their days, and nothing new the second time', async () => {
    const user = await signUp()
    const zip = loopExport()
    const dry = await importLoop(user, zip, 'dryRun=true')
    expect(dry.status, JSON.stringify(dry.body)).toBe(200)
    expect(dry.body).toMatchObject({
      dryRun: true,
      habits: [
        { name: 'Meditate', habitId: null, new: true, checkIns: 4 },
        { name: 'Run', new: true, checkIns: 2 },
        { name: 'Floss', new: true, checkIns: 1 },
      ],
      created: { habits: 3, checkIns: 7 },
    })
    expect(dry.body.notes).toEqual([{ habit: 'Floss', note: '2 times in 3 days is kept as 5 times a week' }])
    expect((await send('GET', '/habits', { authorization: user.authorization })).body.items).toEqual([])

    const done = await importLoop(user, zip)
    expect(done.status, JSON.stringify(done.body)).toBe(200)
    expect(done.body.created).toEqual({ habits: 3, checkIns: 7 })
    const [meditateId, runId, flossId] = done.body.habits.map((habit: { habitId: string }) => habit.habitId)

    const meditate = await send('GET', `/habits/${meditateId}`, { authorization: user.authorization })
    expect(meditate.body).toMatchObject({
      name: 'Meditate',
      kind: 'boolean',
      color: '#00897B',
      description: 'Did you meditate today?',
      schedule: { type: 'daily' },
      startDate: daysAgo(4),
    })
    // Today and yesterday done, the day before skipped; YES_AUTO and NO days are no check-in.
    expect((await daysOf(user, meditateId)).map((day) => [day.date, day.status])).toEqual(
      expect.arrayContaining([
        [daysAgo(0), 'done'],
        [daysAgo(1), 'done'],
        [daysAgo(2), 'skipped'],
        [daysAgo(4), 'done'],
      ]),
    )
    expect(await daysOf(user, meditateId)).toHaveLength(4)
    expect(meditate.body.summary.currentStreak).toBeGreaterThanOrEqual(2)
    const run = await send('GET', `/habits/${runId}`, { authorization: user.authorization })
    expect(run.body).toMatchObject({
      kind: 'measurable',
      unit: 'km',
      target: 5,
      targetType: 'at_least',
      schedule: { type: 'times_per_week', times: 3 },
    })
    expect(await daysOf(user, runId)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ date: daysAgo(1), status: 'done', value: 6.2 }),
        expect.objectContaining({ date: daysAgo(3), status: 'partial', value: 2.5 }),
      ]),
    )
    const floss = await send('GET', `/habits/${flossId}`, { authorization: user.authorization })
    expect(floss.body.archived).toBe(true)

    const again = await importLoop(user, zip)
    expect(again.body.created).toEqual({ habits: 0, checkIns: 0 })
    expect(again.body.habits.map((habit: { habitId: string; new: boolean }) => [habit.habitId, habit.new])).toEqual([
      [meditateId, false],
      [runId, false],
      [flossId, false],
    ])
  })

  it('refuses what is not a Loop export', async () => {
    const user = await signUp()
    for (const body of [
      encode('not a zip'),
      zipSync({ 'notes.txt': encode('x') }),
      zipSync({ 'Habits.csv': encode('name,email\nAda,a@b.c\n') }),
    ]) {
      const refused = await importLoop(user, body)
      expect(refused.status, JSON.stringify(refused.body)).toBe(400)
      expect(refused.body.code).toBe('import-file-invalid')
    }
    const empty = await fetch(`${api}/imports/loop?dryRun=true`, {
      method: 'POST',
      headers: { authorization: user.authorization },
    })
    expect(empty.status).toBe(400)
    expect(((await empty.json()) as { code: string }).code).toBe('import-file-invalid')
    const csv = await fetch(`${api}/imports/loop`, {
      method: 'POST',
      headers: { authorization: user.authorization, 'content-type': 'text/csv' },
      body: 'Position,Name\n',
    })
    expect(csv.status).toBe(415)
  })
})
