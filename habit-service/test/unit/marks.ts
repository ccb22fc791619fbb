import { dayNumberOf } from '../../src/modules/habits/day-numbers.ts'
import type { DayMarks } from '../../src/modules/stats/day-marks.ts'

/** Marks from a compact day string starting at `from`: d done, s skipped, p partial, . nothing. */
export function marksFrom(from: string, days: string): DayMarks {
  const start = dayNumberOf(from)
  const marks: DayMarks = new Map()
  ;[...days].forEach((symbol, offset) => {
    if (symbol === 'd') marks.set(start + offset, { status: 'done', credit: 1 })
    if (symbol === 's') marks.set(start + offset, { status: 'skipped', credit: 0 })
    if (symbol === 'p') marks.set(start + offset, { status: 'partial', credit: 0.5 })
  })
  return marks
}
