// Loop Habit Tracker's CSV export (a ZIP: Habits.csv, and a folder per habit with its Checkmarks.csv)
// read into the habits and check-ins FocusHub makes of it, with what cannot be carried over said.
import { ImportFileError, readCsv, unzipFiles } from '@focushub/shared/imports'
import type { Schedule } from '../../schemas/habits.ts'
import { type ImportedEntry, type ImportedHabit, maxHabits } from './import-plan.ts'

export interface ImportNote {
  habit: string
  note: string
}

/** Loop's entry values (Entry.kt): a yes/no day's mark, or a measurable day's value × 1000. */
const yesManual = 2
const yesAuto = 1
const skip = 3

const isoDate = /^\d{4}-\d{2}-\d{2}$/

/**
 * Loop's frequency (so many times in so many days) as a FocusHub schedule: every day, n a week, n a
 * month, or every n days; anything else the nearest times a week, said in a note.
 */
export function scheduleOf(numerator: number, denominator: number): { schedule: Schedule; approximate: boolean } {
  if (numerator >= denominator) return { schedule: { type: 'daily' }, approximate: numerator > denominator }
  if (denominator === 7) return { schedule: { type: 'times_per_week', times: numerator }, approximate: false }
  if (denominator === 30 || denominator === 31)
    return { schedule: { type: 'times_per_month', times: numerator }, approximate: false }
  if (numerator === 1 && denominator <= 365)
    return { schedule: { type: 'every_n_days', days: denominator }, approximate: false }
  const times = Math.min(7, Math.max(1, Math.round((numerator * 7) / denominator)))
  return { schedule: { type: 'times_per_week', times }, approximate: true }
}

/**
 * Loop's export: each row of Habits.csv a habit (its frequency a schedule, a NUMERICAL habit measurable
 * with its unit and target), and its days from its folder's Checkmarks.csv ("<position> <name>/"):
 * YES_MANUAL done, SKIP skipped, a measurable day's value (÷ 1000) when above 0. YES_AUTO (days Loop
 * itself filled in from the frequency), NO and UNKNOWN are no check-in. A habit's key is its name (with
 * its rank among habits of the same name).
 */
export function readLoopExport(zip: Uint8Array): { habits: ImportedHabit[]; notes: ImportNote[] } {
  const files = unzipFiles(zip, /\.csv$/i)
  const decode = (path: string) => new TextDecoder().decode(files[path])
  const habitsPath = Object.keys(files).find((path) => path.split('/').at(-1) === 'Habits.csv')
  if (!habitsPath) throw new ImportFileError('no Habits.csv: not a Loop Habit Tracker export')
  const rows = readCsv('Habits.csv', decode(habitsPath), true) as Record<string, string>[]
  if (rows.length > 0 && !('Name' in rows[0] && 'Position' in rows[0]))
    throw new ImportFileError('Habits.csv has no Position and Name columns: not a Loop Habit Tracker export')
  if (rows.length > maxHabits) throw new ImportFileError(`more than ${maxHabits} habits`)
  const base = habitsPath.slice(0, habitsPath.length - 'Habits.csv'.length)
  const notes: ImportNote[] = []
  const habits: ImportedHabit[] = []
  const named = new Map<string, number>()
  for (const row of rows) {
    const name = (row.Name ?? '').slice(0, 100).trim()
    if (!name) {
      notes.push({ habit: row.Position ?? '?', note: 'a habit without a name: skipped' })
      continue
    }
    const numerator = Number.parseInt(row.FrequencyNumerator ?? '1', 10) || 1
    const denominator = Number.parseInt(row.FrequencyDenominator ?? '1', 10) || 1
    const { schedule, approximate } = scheduleOf(numerator, denominator)
    if (approximate)
      notes.push({
        habit: name,
        note: `${numerator} times in ${denominator} days is kept as ${schedule.type === 'times_per_week' ? `${schedule.times} times a week` : 'every day'}`,
      })
    const numerical = row.Type === 'NUMERICAL'
    const target = Number.parseFloat(row['Target Value'] ?? '')
    const measure = numerical
      ? {
          target: Number.isFinite(target) && target > 0 ? target : 1,
          unit: (row.Unit ?? '').slice(0, 20).trim() || 'times',
          targetType: row['Target Type'] === 'AT_MOST' ? ('at_most' as const) : ('at_least' as const),
        }
      : null
    const folder = `${base}${(row.Position ?? '').trim()} `
    const checkmarksPath = Object.keys(files).find(
      (path) =>
        path.startsWith(folder) &&
        path.endsWith('/Checkmarks.csv') &&
        path.split('/').length === folder.split('/').length + 1,
    )
    const entries: ImportedEntry[] = []
    if (!checkmarksPath) notes.push({ habit: name, note: 'no Checkmarks.csv in its folder: no check-ins imported' })
    else {
      for (const [date, raw] of readCsv(checkmarksPath, decode(checkmarksPath), false) as string[][]) {
        const value = Number.parseInt(raw ?? '', 10)
        if (!isoDate.test(date ?? '') || Number.isNaN(Date.parse(date)) || Number.isNaN(value)) continue
        if (measure) {
          if (value > 0) entries.push({ date, status: 'value', value: value / 1000 })
        } else if (value === yesManual) entries.push({ date, status: 'done', value: null })
        else if (value === skip) entries.push({ date, status: 'skipped', value: null })
        else if (value === yesAuto) continue
      }
    }
    const color = /^#[0-9a-fA-F]{6}$/.test(row.Color ?? '') ? (row.Color as string) : null
    const rank = (named.get(name) ?? 0) + 1
    named.set(name, rank)
    habits.push({
      key: rank === 1 ? name : `${name}#${rank}`,
      name,
      description: [row.Question, row.Description]
        .filter((text) => text?.trim())
        .join('\n\n')
        .slice(0, 1000),
      color,
      archived: (row['Archived?'] ?? '').toLowerCase() === 'true',
      schedule,
      measure,
      entries: entries.sort((a, b) => a.date.localeCompare(b.date)),
    })
  }
  return { habits, notes }
}
