import type { RequestContext } from '@focushub/shared/context'
import { lockImports, recordImported, recordsOf } from '@focushub/shared/db'
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
import type { ImportedHabit, ImportNote } from './loop-csv.ts'

/** Check-ins one import writes at most (one transaction). */
export const maxImportCheckIns = 50_000
const maxNotes = 200
const source = 'loop'
/** Rows per insert statement. */
const batch = 1000

interface HabitPlan {
  habit: ImportedHabit
  /** The habit an earlier import made, still mine; undefined: a new one. */
  existing: HabitRow | undefined
  /** The days to write: within the habit's start and today, and not checked in already. */
  days: ImportedHabit['entries']
  skipped: number
}

/** The days of a habit already checked in, among `dates`. */
async function checkedDays(db: Kysely<Database>, habitId: string, dates: string[]) {
  if (dates.length === 0) return new Set<string>()
  const rows = await db
    .selectFrom('check_ins')
    .select('local_date')
    .where('habit_id', '=', habitId)
    .where('local_date', 'in', dates)
    .execute()
  return new Set(rows.map((row) => row.local_date))
}

/** What an import makes: a habit made before (and still mine) is added to, never its days already checked in. Read only. */
async function planOf(db: Kysely<Database>, userId: string, habits: ImportedHabit[], today: string) {
  const records = await recordsOf(
    db,
    userId,
    source,
    habits.map((habit) => habit.key),
  )
  const plans: HabitPlan[] = []
  for (const habit of habits) {
    const recorded = records.get(habit.key)
    const existing = recorded
      ? await db
          .selectFrom('habits')
          .selectAll()
          .where('id', '=', recorded)
          .where('user_id', '=', userId)
          .executeTakeFirst()
      : undefined
    const start = existing?.start_date ?? habit.entries[0]?.date ?? today
    const inRange = habit.entries.filter((entry) => entry.date >= start && entry.date <= today)
    const taken = existing
      ? await checkedDays(
          db,
          existing.id,
          inRange.map((entry) => entry.date),
        )
      : new Set<string>()
    const days = inRange.filter((entry) => !taken.has(entry.date))
    plans.push({ habit, existing, days, skipped: habit.entries.length - days.length })
  }
  return plans
}

function reportOf(plans: HabitPlan[], notes: ImportNote[], dryRun: boolean, ids: (string | undefined)[]) {
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

export type LoopImportReport = ReturnType<typeof reportOf>

const writeOf = (habit: HabitRow, userId: string, day: ImportedHabit['entries'][number]): CheckInWrite => {
  const base = { habitId: habit.id, userId, localDate: day.date, source: 'user' as const }
  if (day.status === 'value') {
    const value = day.value ?? 0
    const measure = { target: habit.target, targetType: habit.target_type }
    return { ...base, status: meetsTarget(value, measure) ? 'done' : 'partial', value }
  }
  return { ...base, status: day.status, value: null }
}

/**
 * Imports Loop habits (loop-csv.ts) for the user: each a habit of theirs (new, starting on its first
 * day in the file, or the one an earlier import made) with its days as check-ins, in one transaction;
 * then the habits' summaries (streaks) are refreshed once. Days already checked in, before the habit's
 * start or after today are not written. A dry run answers the same report and writes nothing.
 */
export async function importLoop(
  ctx: HabitContext,
  cause: RequestContext,
  file: { habits: ImportedHabit[]; notes: ImportNote[] },
  dryRun: boolean,
): Promise<LoopImportReport> {
  const total = file.habits.reduce((sum, habit) => sum + habit.entries.length, 0)
  if (total > maxImportCheckIns)
    throw habitError(
      'import-too-large',
      `An import writes at most ${maxImportCheckIns} check-ins; this file has ${total}`,
    )
  const userId = cause.userId
  const today = await localToday(ctx, userId)
  if (dryRun) {
    const plans = await planOf(ctx.db, userId, file.habits, today)
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
    const plans = await planOf(trx, userId, file.habits, today)
    const touched: HabitRow[] = []
    const made: { key: string; objectId: string }[] = []
    const writes: CheckInWrite[] = []
    for (const plan of plans) {
      const habit = plan.existing ?? (await newHabit(trx, userId, plan.habit, today))
      if (!plan.existing) made.push({ key: plan.habit.key, objectId: habit.id })
      touched.push(habit)
      writes.push(...plan.days.map((day) => writeOf(habit, userId, day)))
    }
    for (let from = 0; from < writes.length; from += batch) await upsertCheckIns(trx, writes.slice(from, from + batch))
    await recordImported(trx, userId, source, made)
    if (touched.length > 0) await refreshSummaries(work, touched, today, cause)
    return reportOf(
      plans,
      file.notes,
      false,
      touched.map((habit) => habit.id),
    )
  })
}

function newHabit(trx: Kysely<Database>, userId: string, habit: ImportedHabit, today: string) {
  const start = habit.entries[0]?.date ?? today
  return insertHabit(trx, {
    id: uuidv7(),
    user_id: userId,
    name: habit.name,
    description: habit.description,
    icon: null,
    color: habit.color,
    kind: habit.measure ? 'measurable' : 'boolean',
    target: habit.measure?.target ?? null,
    unit: habit.measure?.unit ?? null,
    target_type: habit.measure?.targetType ?? null,
    focus_linked: false,
    schedule: JSON.stringify(habit.schedule),
    start_date: start < today ? start : today,
    archived_at: habit.archived ? new Date() : null,
    summary: 'null',
    summary_as_of: null,
  })
}
