import { ImportFileError } from '@focushub/shared/imports'
import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { readLoopExport, scheduleOf } from '../../src/modules/imports/loop-csv.ts'

const encode = (text: string) => new TextEncoder().encode(text)
const header =
  'Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?'

describe('scheduleOf', () => {
  it('reads Loop’s frequencies as schedules, the others as the nearest times a week', () => {
    expect(scheduleOf(1, 1)).toEqual({ schedule: { type: 'daily' }, approximate: false })
    expect(scheduleOf(3, 7)).toEqual({ schedule: { type: 'times_per_week', times: 3 }, approximate: false })
    expect(scheduleOf(10, 30)).toEqual({ schedule: { type: 'times_per_month', times: 10 }, approximate: false })
    expect(scheduleOf(1, 3)).toEqual({ schedule: { type: 'every_n_days', days: 3 }, approximate: false })
    expect(scheduleOf(2, 3)).toEqual({ schedule: { type: 'times_per_week', times: 5 }, approximate: true })
    expect(scheduleOf(2, 14)).toEqual({ schedule: { type: 'times_per_week', times: 1 }, approximate: true })
    expect(scheduleOf(2, 1)).toEqual({ schedule: { type: 'daily' }, approximate: true })
  })
})

describe('readLoopExport', () => {
  it('reads habits, their marks (YES_MANUAL done, SKIP skipped, values ÷ 1000) and nothing of YES_AUTO, NO, UNKNOWN', () => {
    const { habits, notes } = readLoopExport(
      zipSync({
        'Loop Habits CSV 2026-12-07/Habits.csv': encode(
          `${header}\n001,Walk,YES_NO,Walk?,Outside,1,1,#123456,,,,false\n002,Water,NUMERICAL,,,1,1,blue,glasses,AT_MOST,8.0,true\n003,Walk,YES_NO,,,1,1,,,,,false\n`,
        ),
        'Loop Habits CSV 2026-12-07/001 Walk/Checkmarks.csv': encode(
          '2026-12-07,2\n2026-12-06,1\n2026-12-05,0\n2026-12-04,3\n2026-12-03,-1\nbad,2\n',
        ),
        'Loop Habits CSV 2026-12-07/002 Water/Checkmarks.csv': encode('2026-12-07,6500\n2026-12-06,0\n'),
      }),
    )
    expect(habits.map((habit) => [habit.key, habit.name])).toEqual([
      ['Walk', 'Walk'],
      ['Water', 'Water'],
      ['Walk#2', 'Walk'],
    ])
    expect(habits[0]).toMatchObject({
      description: 'Walk?\n\nOutside',
      color: '#123456',
      archived: false,
      measure: null,
      entries: [
        { date: '2026-12-04', status: 'skipped', value: null },
        { date: '2026-12-07', status: 'done', value: null },
      ],
    })
    expect(habits[1]).toMatchObject({
      color: null,
      archived: true,
      measure: { target: 8, unit: 'glasses', targetType: 'at_most' },
      entries: [{ date: '2026-12-07', status: 'value', value: 6.5 }],
    })
    expect(notes).toEqual([{ habit: 'Walk', note: 'no Checkmarks.csv in its folder: no check-ins imported' }])
  })

  it('refuses what is not a Loop export', () => {
    expect(() => readLoopExport(encode('nope'))).toThrow(ImportFileError)
    expect(() => readLoopExport(zipSync({ 'Checkmarks.csv': encode('Date,\n') }))).toThrow(/no Habits.csv/)
    expect(() => readLoopExport(zipSync({ 'Habits.csv': encode('a,b\n1,2\n') }))).toThrow(/Position and Name/)
  })
})
