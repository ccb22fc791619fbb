import type { ColumnType, Generated, Selectable } from 'kysely'
import type { HabitKind, HabitSummary, Schedule, TargetType } from '../../schemas/habits.ts'

type Json<T> = ColumnType<T, string, string>

export interface HabitsTable {
  id: string
  user_id: string
  name: string
  description: string
  icon: string | null
  color: string | null
  kind: HabitKind
  /** Measurable habits only: the day's value that counts as done, in `unit`, compared by target_type. */
  target: number | null
  unit: string | null
  target_type: TargetType | null
  schedule: Json<Schedule>
  start_date: string
  /** Focus-linked habits are measurable in minutes and checked in by focus.session.completed. */
  focus_linked: boolean
  position: number
  archived_at: Date | null
  /** Streaks and today's status as of summary_as_of (a local date): recomputed on writes, and daily by the refresher or a read. */
  summary: Json<HabitSummary | null>
  summary_as_of: string | null
  version: Generated<number>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export type HabitRow = Selectable<HabitsTable>
