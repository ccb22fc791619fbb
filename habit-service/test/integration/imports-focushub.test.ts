import { serviceAuthorization } from '@focushub/shared/auth'
import { readWholeExport } from '@focushub/shared/testing'
import { strToU8, zipSync } from 'fflate'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  checkIn,
  createHabit,
  expectProblem,
  newUser,
  outboxEvents,
  startHabitService,
  type TestService,
} from './support.ts'

// A round trip: the exporter's habits through GET /internal/users/{id}/export, zipped as notification-service
// zips them, imported by another user. The service's clock is 2026-03-10 12:00 UTC.
const secret = 'a-notification-secret-for-tests'
let service: TestService
const exporter = newUser()

type Item = Record<string, unknown>
type Collections = Record<string, Item[]>
interface Report {
  dryRun: boolean
  habits: { name: string; habitId: string | null; new: boolean; checkIns: number; skipped: number }[]
  created: { habits: number; checkIns: number }
  noteCount: number
  notes: { file: string; index: number; note: string }[]
}

const exportOf = async (userId: string) =>
  (
    await readWholeExport((query) =>
      service.app.inject({
        url: `/internal/users/${userId}/export${query}`,
        headers: { authorization: serviceAuthorization('notification-service', secret) },
      }),
    )
  ).collections as Collections

/** The ZIP notification-service makes of an export (export-zip.ts), with its habits part only. */
const zipOf = (userId: string, { habits, 'check-ins': checkIns }: Collections, manifest: Item = {}) => {
  const files = { 'habits/habits.json': habits, 'habits/check-ins.json': checkIns }
  const about = { format: 'focushub-export', version: 1, exportId: uuidv7(), userId, createdAt: new Date() }
  const contents = Object.entries(files).map(([path, items]) => ({ path, items: items.length }))
  return zipSync({
    'manifest.json': strToU8(JSON.stringify({ ...about, files: contents, ...manifest })),
    'README.txt': strToU8('FocusHub account export'),
    ...Object.fromEntries(
      Object.entries(files).map(([path, items]) => [path, strToU8(JSON.stringify(items, null, 1))]),
    ),
  })
}

const importZip = async (userId: string, zip: Uint8Array, query = '') =>
  service.app.inject({
    method: 'POST',
    url: `/imports/focushub/habits${query}`,
    headers: { ...(await service.bearer(userId)), 'content-type': 'application/zip' },
    payload: Buffer.from(zip),
  })

const ok = async (answer: Promise<{ statusCode: number; body: string; json(): unknown }>) => {
  const { statusCode, body, json } = await answer
  expect(statusCode, body).toBe(200)
  return json() as Report
}

/** The habits as the API shows them, each with its check-ins, less their ids and what a write sets (version, dates). */
function habitsAsImported({ habits, 'check-ins': checkIns }: Collections) {
  return habits
    .map(({ id, version: _version, createdAt: _created, updatedAt: _updated, position: _position, ...habit }) => ({
      ...habit,
      name: habit.name as string,
      checkIns: checkIns
        .filter((day) => day.habitId === id)
        .map(({ habitId: _habit, ...day }) => day)
        .sort((a, b) => String(a.date).localeCompare(String(b.date))),
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

beforeAll(async () => {
  service = await startHabitService({ HABIT_INTERNAL_CALLERS: `notification-service:${secret}` })
  const read = await createHabit(service, exporter, {
    name: 'Read',
    description: 'Twenty pages',
    icon: '📚',
    color: '#aabbcc',
    startDate: '2026-03-01',
  })
  for (const day of ['2026-03-05', '2026-03-09', '2026-03-10']) await checkIn(service, exporter, read.id, day)
  await checkIn(service, exporter, read.id, '2026-03-06', 'skipped')
  const water = await createHabit(service, exporter, {
    name: 'Water',
    kind: 'measurable',
    target: 8,
    unit: 'glasses',
    schedule: { type: 'times_per_week', times: 5 },
    startDate: '2026-03-02',
  })
  const headers = await service.bearer(exporter)
  for (const [date, value] of [
    ['2026-03-08', 9],
    ['2026-03-09', 3],
  ] as const) {
    const answer = await service.app.inject({
      method: 'POST',
      url: `/habits/${water.id}/check-ins`,
      headers,
      payload: { date, value },
    })
    expect(answer.statusCode, answer.body).toBe(200)
  }
  await checkIn(service, exporter, water.id, '2026-03-10', 'skipped')
  const old = await createHabit(service, exporter, { name: 'Old', startDate: '2026-03-03' })
  await checkIn(service, exporter, old.id, '2026-03-04')
  const archived = await service.app.inject({
    method: 'PATCH',
    url: `/habits/${old.id}`,
    headers,
    payload: { archived: true },
  })
  expect(archived.statusCode, archived.body).toBe(200)
})
afterAll(() => service.close())

describe('POST /imports/focushub/habits', () => {
  it('makes, in a dry run, nothing, and answers what it would make', async () => {
    const importer = newUser()
    const report = await ok(importZip(importer, zipOf(exporter, await exportOf(exporter)), '?dryRun=true'))
    expect(report).toMatchObject({ dryRun: true, created: { habits: 3, checkIns: 8 }, noteCount: 0 })
    expect(report.habits.map(({ name, habitId, checkIns }) => [name, habitId, checkIns])).toEqual([
      ['Read', null, 4],
      ['Water', null, 3],
      ['Old', null, 1],
    ])
    expect(await service.db.selectFrom('habits').where('user_id', '=', importer).execute()).toEqual([])
  })

  it('makes the habits with their check-ins as they were, publishing no check-in, and nothing when sent again', async () => {
    const importer = newUser()
    const exported = await exportOf(exporter)
    const report = await ok(importZip(importer, zipOf(exporter, exported)))
    expect(report).toMatchObject({ dryRun: false, created: { habits: 3, checkIns: 8 } })
    const imported = await exportOf(importer)
    expect(habitsAsImported(imported)).toEqual(habitsAsImported(exported))
    expect(habitsAsImported(imported).find((habit) => habit.name === 'Read')).toMatchObject({
      icon: '📚',
      color: '#aabbcc',
      startDate: '2026-03-01',
      archived: false,
      summary: { currentStreak: 2 },
      checkIns: [
        { date: '2026-03-05', status: 'done', value: null, source: 'user' },
        { date: '2026-03-06', status: 'skipped', value: null, source: 'user' },
        { date: '2026-03-09', status: 'done', value: null, source: 'user' },
        { date: '2026-03-10', status: 'done', value: null, source: 'user' },
      ],
    })
    expect(await outboxEvents(service.db, { type: 'habit.checked_in', userId: importer })).toEqual([])

    const again = await ok(importZip(importer, zipOf(exporter, exported)))
    expect(again.created).toEqual({ habits: 0, checkIns: 0 })
    expect(again.habits.map((habit) => habit.skipped)).toEqual([4, 3, 1])
  })

  it('adds only the days a later export has more, never replacing my own check-in', async () => {
    const importer = newUser()
    const first = await exportOf(exporter)
    const report = await ok(importZip(importer, zipOf(exporter, first)))
    const read = report.habits[0].habitId as string
    await checkIn(service, importer, read, '2026-03-08', 'skipped')
    const readId = first.habits.find((habit) => habit.name === 'Read')?.id
    const later = {
      ...first,
      'check-ins': [
        ...first['check-ins'],
        ...['2026-03-07', '2026-03-08'].map((date) => ({
          habitId: readId,
          date,
          status: 'done',
          value: null,
          source: 'user',
        })),
      ],
    }
    const grown = await ok(importZip(importer, zipOf(exporter, later)))
    expect(grown.created).toEqual({ habits: 0, checkIns: 1 })
    const days = await service.db
      .selectFrom('check_ins')
      .select(['local_date', 'status'])
      .where('habit_id', '=', read)
      .where('local_date', 'in', ['2026-03-07', '2026-03-08'])
      .orderBy('local_date')
      .execute()
    expect(days).toEqual([
      { local_date: '2026-03-07', status: 'done' },
      { local_date: '2026-03-08', status: 'skipped' },
    ])
  })

  it('notes a habit or check-in that is not what the export holds, and imports the rest', async () => {
    const exported = await exportOf(exporter)
    const water = exported.habits.findIndex((habit) => habit.name === 'Water')
    const readId = exported.habits.find((habit) => habit.name === 'Read')?.id
    const day = exported['check-ins'].findIndex((checkIn) => checkIn.habitId === readId)
    const habits = exported.habits.map((habit, at) => (at === water ? { ...habit, target: null } : habit))
    const checkIns = exported['check-ins'].map((checkIn, at) => (at === day ? { ...checkIn, value: 2 } : checkIn))
    const report = await ok(importZip(newUser(), zipOf(exporter, { habits, 'check-ins': checkIns })))
    expect(report.created).toEqual({ habits: 2, checkIns: 4 })
    // In the user's order of habits: Read's check-in first, then Water.
    expect(report.notes).toEqual([
      {
        file: 'habits/check-ins.json',
        index: day,
        note: 'not imported: a yes/no habit’s check-in is done or skipped, without a value',
      },
      { file: 'habits/habits.json', index: water, note: 'not imported: /target is required for a measurable habit' },
      {
        file: 'habits/check-ins.json',
        index: exported['check-ins'].findIndex((checkIn) => checkIn.habitId === exported.habits[water].id),
        note: `3 check-ins of habit ${exported.habits[water].id}, which is not imported: not imported`,
      },
    ])
  })

  it('refuses a ZIP that is not a FocusHub export of version 1, and a JSON body', async () => {
    const importer = newUser()
    const exported = await exportOf(exporter)
    const refused = async (zip: Uint8Array, detail: RegExp) => {
      const answer = await importZip(importer, zip)
      expectProblem(answer, 400, 'import-file-invalid')
      expect(answer.json().detail).toMatch(detail)
    }
    await refused(zipSync({ 'Habits.csv': strToU8('Position,Name\n') }), /no manifest\.json: not a FocusHub export/)
    await refused(zipOf(exporter, exported, { format: 'loop' }), /does not name the format "focushub-export"/)
    await refused(zipOf(exporter, exported, { version: 2 }), /version 2 .*reads version 1/)
    const json = await service.app.inject({
      method: 'POST',
      url: '/imports/focushub/habits',
      headers: await service.bearer(importer),
      payload: { habits: [] },
    })
    expect(json.statusCode).toBe(415)
  })
})
