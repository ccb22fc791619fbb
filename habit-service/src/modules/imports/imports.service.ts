import type { RequestContext } from '@focushub/shared/context'
import { lockImports, recordImported } from '@focushub/shared/db'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { HabitContext } from '../../context.ts'
import type { HabitRow } from '../../db/tables/habits.ts'
import type { Database } from '../../db/tables.ts'
import { habitError } from '../../errors.ts'
import { inHabitWork } from '../../events/habit-work.ts'
import type { CheckInWrite } from '../check-ins/check-ins.repository.ts'
import { upsertCheckIns } from '../check-ins/check-ins.repository.ts'
import { insertHabit } from '../habits/habits.repository.ts'
import { localToday } from '../habits/local-today.ts'
import { meetsTarget } from '../stats/day-marks.ts'
import { refreshSummaries } from '../stats/summaries.service.ts'
import { type HabitPlan, type HabitsImport, type ImportedEntry, planOf } from './import-plan.ts'

/** Check-ins one import writes at most (one transaction). */
export const maxImportCheckIns = 50_000
const maxNotes = 200
/** Rows per insert statement. */
const batch = 1000

function reportOf<Note>(plans: HabitPlan[], notes: Note[], dryRun: boolean, ids: (string | undefined)[]) {
  return {
    dryRun,
    habits: plans.map((plan, index) => ({
      name: plan.habit.name,
      habitId: ids[index] ?? null,
      new: plan.existing === undefined,
      checkIns: plan.days.length,
      skipped: plan.skipped,
    })),
    created: {
      habits: plans.filter((plan) => plan.existing === undefined).length,
      checkIns: plans.reduce((sum, plan) => sum + plan.days.length, 0),
    },
    noteCount: notes.length,
    notes: notes.slice(0, maxNotes),
  }
}

export type HabitsImportReport<Note> = ReturnType<typeof reportOf<Note>>

const writeOf = (habit: HabitRow, userId: string, day: ImportedEntry): CheckInWrite => {
  const base = { habitId: habit.id, userId, localDate: day.date, source: day.source ?? 'user' }
  if (day.status === 'value') {
    const value = day.value ?? 0
    const measure = { target: habit.target, targetType: habit.target_type }
    return { ...base, status: meetsTarget(value, measure) ? 'done' : 'partial', value }
  }
  return { ...base, status: day.status, value: day.value }
}

/**
 * Imports habits (loop-csv.ts, focushub-habits.ts) for the user: each a habit of theirs (new, or the
 * one an earlier import made) with its days as check-ins, in one transaction; then the habits'
 * summaries (streaks) are refreshed once. Days already checked in, before the habit's start or after
 * today are not written, and no habit.checked_in is published for any. A dry run answers the same
 * report and writes nothing.
 */
export async function importHabits<Note>(
  ctx: HabitContext,
  cause: RequestContext,
  file: HabitsImport<Note>,
  dryRun: boolean,
): Promise<HabitsImportReport<Note>> {
  const total = file.habits.reduce((sum, habit) => sum + habit.entries.length, 0)
  if (total > maxImportCheckIns)
    throw habitError(
      'import-too-large',
      `An import writes at most ${maxImportCheckIns} check-ins; this file has ${total}`,
    )
  const userId = cause.userId
  const today = await localToday(ctx, userId)
  if (dryRun) {
    const plans = await planOf(ctx.db, userId, file, today)
    return reportOf(
      plans,
      file.notes,
      true,
      plans.map((plan) => plan.existing?.id),
    )
  }
  return inHabitWork(ctx.db, async (work) => {
    const { trx } = work
    await lockImports(trx, userId)
    const plans = await planOf(trx, userId, file, today)
    const touched: HabitRow[] = []
    const made: { key: string; objectId: string }[] = []
    const writes: CheckInWrite[] = []
    for (const plan of plans) {
      const habit = plan.existing ?? (await newHabit(trx, userId, plan))
      if (!plan.existing) made.push({ key: plan.habit.key, objectId: habit.id })
      touched.push(habit)
      writes.push(...plan.days.map((day) => writeOf(habit, userId, day)))
    }
    for (let from = 0; from < writes.length; from += batch) await upsertCheckIns(trx, writes.slice(from, from + batch))
    await recordImported(trx, userId, file.source, made)
    if (touched.length > 0) await refreshSummaries(work, touched, today, cause)
    return reportOf(
      plans,
      file.notes,
      false,
      touched.map((habit) => habit.id),
    )
  })
}

function newHabit(trx: Kysely<Database>, userId: string, { habit, start }: HabitPlan) {
  return insertHabit(trx, {
    id: uuidv7(),
    user_id: userId,
    name: habit.name,
    description: habit.description,
    icon: habit.icon ?? null,
    color: habit.color,
    kind: habit.measure ? 'measurable' : 'boolean',
    target: habit.measure?.target ?? null,
    unit: habit.measure?.unit ?? null,
    target_type: habit.measure?.targetType ?? null,
    focus_linked: habit.focusLinked ?? false,
    schedule: JSON.stringify(habit.schedule),
    start_date: start,
    archived_at: habit.archived ? new Date() : null,
    summary: 'null',
    summary_as_of: null,
  })
}
