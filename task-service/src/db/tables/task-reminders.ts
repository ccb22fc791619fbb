import type { ColumnType, Generated, Selectable } from 'kysely'
import type { Reminder } from '../../modules/reminders/reminders.schemas.ts'

type Json<T> = ColumnType<T, string, string>

/** One user's reminders for one task: personal, like labels; none is no row. Goes with the task (cascade). */
export interface TaskRemindersTable {
  task_id: string
  user_id: string
  /** Up to 5, each `{ at }` (an instant, UTC) or `{ before }` (minutes before the task's due instant). */
  reminders: Json<Reminder[]>
  updated_at: Generated<Date>
}

export type TaskRemindersRow = Selectable<TaskRemindersTable>
