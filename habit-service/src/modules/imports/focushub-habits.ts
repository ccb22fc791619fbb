// FocusHub's own account export (notification-service's ZIP) read for its habits: each habit as the
// create path takes it, with its check-ins, and what is not carried over said.
import { checkedItems, checkItem, type ExportNote, ImportFileError, readFocusHubExport } from '@focushub/shared/imports'
import Type, { type Static } from 'typebox'
import { CheckIn } from '../check-ins/check-ins.schemas.ts'
import { measureOfCreate, measureProblems } from '../habits/habit-fields.ts'
import { CreateHabitBody, Habit } from '../habits/habits.schemas.ts'
import { type HabitsImport, type ImportedEntry, type ImportedHabit, maxHabits } from './import-plan.ts'

const files = { habits: 'habits/habits.json', checkIns: 'habits/check-ins.json' }

/** The fields the import reads of the export's habits, as the API shows them (toHabit); check-ins whole (toCheckIn). */
const ExportedHabit = Type.Pick(Habit, [
  'id',
  'name',
  'description',
  'icon',
  'color',
  'kind',
  'target',
  'unit',
  'targetType',
  'schedule',
  'startDate',
  'focusLinked',
  'position',
  'archived',
])
type ExportedHabit = Static<typeof ExportedHabit>
type ExportedCheckIn = { index: number; item: Static<typeof CheckIn> }
interface Where {
  file: string
  index: number
}

const checkInCount = (count: number) => `${count} check-in${count === 1 ? '' : 's'}`

/** A habit as POST /habits takes it (its start date aside: history may start long ago), without its days. */
function habitOf(item: ExportedHabit, where: Where, notes: ExportNote[]): ImportedHabit | undefined {
  const body = {
    name: item.name.trim(),
    description: item.description,
    icon: item.icon,
    color: item.color,
    kind: item.kind,
    schedule: item.schedule,
    focusLinked: item.focusLinked,
    ...(item.target === null ? {} : { target: item.target }),
    ...(item.unit === null ? {} : { unit: item.unit }),
    ...(item.targetType === null ? {} : { targetType: item.targetType }),
  }
  const measure = measureOfCreate(body)
  const [problem] = measureProblems(measure)
  if (problem) {
    notes.push({ ...where, note: `not imported: ${problem.field.replace('/body', '')} ${problem.message}` })
    return undefined
  }
  if (!checkItem(CreateHabitBody, body, where, notes)) return undefined
  return {
    key: item.id,
    name: body.name,
    description: body.description,
    icon: body.icon,
    color: body.color,
    archived: item.archived,
    schedule: body.schedule,
    measure:
      measure.kind === 'measurable'
        ? { target: measure.target as number, unit: measure.unit, targetType: measure.targetType ?? 'at_least' }
        : null,
    focusLinked: measure.focusLinked,
    startDate: item.startDate,
    entries: [],
  }
}

/** A habit's check-ins as days: one a day, each what a check-in of its kind can be. */
function entriesOf(habit: ImportedHabit, checkIns: ExportedCheckIn[], notes: ExportNote[]) {
  const entries: ImportedEntry[] = []
  const dates = new Set<string>()
  for (const { index, item } of checkIns) {
    const fits = habit.measure
      ? (item.status === 'skipped') === (item.value === null)
      : item.status !== 'partial' && item.value === null
    const where = { file: files.checkIns, index }
    if (!fits) {
      const rule = habit.measure
        ? 'a measurable habit’s check-in has a value, or is skipped'
        : 'a yes/no habit’s check-in is done or skipped, without a value'
      notes.push({ ...where, note: `not imported: ${rule}` })
    } else if (dates.has(item.date)) notes.push({ ...where, note: `not imported: a second check-in on ${item.date}` })
    else {
      dates.add(item.date)
      entries.push({ date: item.date, status: item.status, value: item.value, source: item.source })
    }
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date))
}

/**
 * What the export holds of habits: each habit in the user's order — name, description, icon, colour,
 * kind with its unit and target, schedule, focus link, start date, archived or not — with its
 * check-ins (status, value, and who checked in), each as the API showed it.
 */
export function readFocusHubHabits(zip: Uint8Array): HabitsImport<ExportNote> {
  const read = readFocusHubExport(zip, Object.values(files))
  const notes: ExportNote[] = []
  const exported = checkedItems(files.habits, read[files.habits], ExportedHabit, notes)
  if (exported.length > maxHabits) throw new ImportFileError(`${files.habits}: more than ${maxHabits} habits`)
  const checkIns = Map.groupBy(
    checkedItems(files.checkIns, read[files.checkIns], CheckIn, notes),
    (c) => c.item.habitId,
  )
  const habits: ImportedHabit[] = []
  const inOrder = (a: { item: ExportedHabit }, b: { item: ExportedHabit }) =>
    a.item.position - b.item.position || a.item.id.localeCompare(b.item.id)
  for (const { index, item } of exported.sort(inOrder)) {
    const habit = habitOf(item, { file: files.habits, index }, notes)
    if (!habit) continue
    habits.push({ ...habit, entries: entriesOf(habit, checkIns.get(item.id) ?? [], notes) })
    checkIns.delete(item.id)
  }
  for (const [habitId, left] of checkIns) {
    const note = `${checkInCount(left.length)} of habit ${habitId}, which is not imported: not imported`
    notes.push({ file: files.checkIns, index: left[0].index, note })
  }
  return { source: 'focushub', habits, notes }
}
