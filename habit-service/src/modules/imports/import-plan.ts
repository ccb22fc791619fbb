// What an import of habits makes, whichever file it comes from (Loop's CSV export, FocusHub's export):
// the habits and days its reader found, and what of them earlier imports and my own check-ins hold already.
import { recordsOf } from '@focushub/shared/db'
import type { Kysely } from 'kysely'
import type { CheckInSource } from '../../db/tables/check-ins.ts'
import type { HabitRow } from '../../db/tables/habits.ts'
import type { Database } from '../../db/tables.ts'
import type { CheckInStatus, Schedule } from '../../schemas/habits.ts'

/** Habits one import makes at most. */
export const maxHabits = 200

/** A day of a habit: its status as the file has it, or a measurable day's value (done or partial against the target). */
export interface ImportedEntry {
  date: string
  status: CheckInStatus | 'value'
  value: number | null
  /** Who checked in (focus sessions, on a focus-linked habit); the user when left out. */
  source?: CheckInSource
}

export interface ImportedHabit {
  /** Stable over re-imports of the same file: the key a re-import finds the habit it made by. */
  key: string
  name: string
  description: string
  color: string | null
  icon?: string | null
  archived: boolean
  schedule: Schedule
  measure: { target: number; unit: string | null; targetType: 'at_least' | 'at_most' } | null
  focusLinked?: boolean
  /** Its first day; the first of its entries (today at the latest) when left out. */
  startDate?: string
  /** By date. */
  entries: ImportedEntry[]
}

/** An import's file as its reader found it: `source` names the records it keeps (`loop`, `focushub`). */
export interface HabitsImport<Note> {
  source: string
  habits: ImportedHabit[]
  notes: Note[]
}

export interface HabitPlan {
  habit: ImportedHabit
  /** The habit an earlier import made, still mine; undefined: a new one. */
  existing: HabitRow | undefined
  /** The habit's first day: the existing one's, or the new one's. */
  start: string
  /** The days to write: within the habit's start and today, and not checked in already. */
  days: ImportedEntry[]
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

const startOf = (habit: ImportedHabit, today: string) => {
  if (habit.startDate) return habit.startDate
  const first = habit.entries[0]?.date ?? today
  return first < today ? first : today
}

/** What an import makes: a habit made before (and still mine) is added to, never its days already checked in. Read only. */
export async function planOf(
  db: Kysely<Database>,
  userId: string,
  { source, habits }: HabitsImport<unknown>,
  today: string,
) {
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
    const start = existing?.start_date ?? startOf(habit, today)
    const inRange = habit.entries.filter((entry) => entry.date >= start && entry.date <= today)
    const taken = existing
      ? await checkedDays(
          db,
          existing.id,
          inRange.map((entry) => entry.date),
        )
      : new Set<string>()
    const days = inRange.filter((entry) => !taken.has(entry.date))
    plans.push({ habit, existing, start, days, skipped: habit.entries.length - days.length })
  }
  return plans
}
