import type { ColumnType, Generated, Selectable } from 'kysely'
import type { WeekFigures } from '../../modules/weekly-review/weekly-review.schemas.ts'

type Json<T> = ColumnType<T, string, string>

/** One row per user and reviewed week (weekly-review.service.ts), written by the week's review job. */
export interface WeeklyReviewsTable {
  user_id: string
  /** The Monday of the local ISO week reviewed (YYYY-MM-DD). */
  week_start: string
  focus_minutes: number
  focus_sessions: number
  tasks_done: number
  habits_kept: number
  habits_due: number
  /** The week before's figures as the review compared them (its own row's, or asked for). */
  previous: Json<WeekFigures>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export type WeeklyReviewRow = Selectable<WeeklyReviewsTable>
