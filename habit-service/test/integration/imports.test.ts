import { zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  checkIn,
  consumed,
  deliverEvents,
  expectProblem,
  newUser,
  startHabitService,
  type TestService,
} from './support.ts'

// The service's clock is 2026-03-10 12:00 UTC; users without a profile are on UTC.
let service: TestService

beforeAll(async () => {
  service = await startHabitService()
})
afterAll(() => service.close())

const encode = (text: string) => new TextEncoder().encode(text)
const header =
  'Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?'

const exportOf = (days: string[]) =>
  zipSync({
    'Habits.csv': encode(`${header}\n001,Read,YES_NO,,,1,1,#00897B,,,,false\n`),
    '001 Read/Checkmarks.csv': encode(days.map((day) => `${day},2`).join('\n')),
  })

const importZip = async (userId: string, zip: Uint8Array, query = '') =>
  service.app.inject({
    method: 'POST',
    url: `/imports/loop?${query}`,
    headers: { ...(await service.bearer(userId)), 'content-type': 'application/zip' },
    payload: Buffer.from(zip),
  })

const checkInsOf = (habitId: string) =>
  service.db
    .selectFrom('check_ins')
    .select(['local_date', 'status'])
    .where('habit_id', '=', habitId)
    .orderBy('local_date')
    .execute()

describe('Loop import', () => {
  it('makes the file once however many imports of it run at once, and writes no day after today', async () => {
    const userId = newUser()
    const zip = exportOf(['2026-03-11', '2026-03-10', '2026-03-09', '2026-03-01'])
    const answers = await Promise.all(Array.from({ length: 3 }, () => importZip(userId, zip)))
    const reports = answers.map((answer) => {
      expect(answer.statusCode, answer.body).toBe(200)
      return answer.json() as {
        created: { habits: number; checkIns: number }
        habits: { habitId: string; skipped: number }[]
      }
    })
    expect(reports.map((report) => report.created.habits).sort()).toEqual([0, 0, 1])
    const habitIds = new Set(reports.map((report) => report.habits[0].habitId))
    expect(habitIds.size).toBe(1)
    const [habitId] = habitIds
    expect((await checkInsOf(habitId)).map((row) => row.local_date)).toEqual(['2026-03-01', '2026-03-09', '2026-03-10'])
    const habit = await service.db.selectFrom('habits').selectAll().where('id', '=', habitId).executeTakeFirstOrThrow()
    expect(habit.start_date).toBe('2026-03-01')
    expect(habit.summary).toMatchObject({ currentStreak: 2 })
  })

  it('keeps my own check-ins, and adds only the days a later export has more', async () => {
    const userId = newUser()
    const first = (await importZip(userId, exportOf(['2026-03-08']))).json() as { habits: { habitId: string }[] }
    const habitId = first.habits[0].habitId
    await checkIn(service, userId, habitId, '2026-03-09', 'skipped')
    const later = await importZip(userId, exportOf(['2026-03-10', '2026-03-09', '2026-03-08']))
    expect(later.json()).toMatchObject({ created: { habits: 0, checkIns: 1 }, habits: [{ habitId, skipped: 2 }] })
    expect((await checkInsOf(habitId)).map((row) => [row.local_date, row.status])).toEqual([
      ['2026-03-08', 'done'],
      ['2026-03-09', 'skipped'],
      ['2026-03-10', 'done'],
    ])
  })

  it('makes the habit again once the one it made is deleted, and forgets a deleted account’s imports', async () => {
    const userId = newUser()
    const zip = exportOf(['2026-03-10'])
    const first = (await importZip(userId, zip)).json() as { habits: { habitId: string }[] }
    const deleted = await service.app.inject({
      method: 'DELETE',
      url: `/habits/${first.habits[0].habitId}`,
      headers: await service.bearer(userId),
    })
    expect(deleted.statusCode).toBe(204)
    const again = (await importZip(userId, zip)).json() as {
      created: { habits: number }
      habits: { habitId: string }[]
    }
    expect(again.created.habits).toBe(1)
    expect(again.habits[0].habitId).not.toBe(first.habits[0].habitId)

    await deliverEvents(service, [consumed('auth.user.deleted', userId, {} as never)])
    expect(await service.db.selectFrom('import_records').selectAll().where('user_id', '=', userId).execute()).toEqual(
      [],
    )
  })

  it('refuses more than 50,000 check-ins', async () => {
    const habits = Array.from(
      { length: 26 },
      (_, index) => `${String(index + 1).padStart(3, '0')},H${index},YES_NO,,,1,1,,,,,false`,
    )
    const days = Array.from({ length: 2000 }, () => '2020-01-01,2').join('\n')
    const files: Record<string, Uint8Array> = { 'Habits.csv': encode(`${header}\n${habits.join('\n')}\n`) }
    for (let index = 0; index < 26; index++)
      files[`${String(index + 1).padStart(3, '0')} H${index}/Checkmarks.csv`] = encode(days)
    expectProblem(await importZip(newUser(), zipSync(files)), 400, 'import-too-large')
  })
})
