import type { ColumnType } from 'kysely'
import type { Reminder } from '../../modules/reminders/reminder-times.ts'

type Json<T> = ColumnType<T, string, string>

/** A task as its events last told it (the highest version wins); reminders are scheduled from it. */
export interface ReminderTasksTable {
  task_id: string
  project_id: string
  title: string
  status: 'todo' | 'in_progress' | 'done' | 'cancelled'
  /** Whom the default reminder (settings' defaultReminderMinutes) concerns. */
  assignee_id: string | null
  /** The due instant (an all-day task: the end of its local day). */
  due_at: Date | null
  /** The local date of an all-day task. */
  due_date: string | null
  version: number
  /** A tombstone: events about the task that arrive after its deletion arm nothing. */
  deleted: ColumnType<boolean, boolean | undefined, boolean>
}

/** A user's own reminders for a task, as task.reminders_set last told them. */
export interface ReminderListsTable {
  task_id: string
  user_id: string
  reminders: Json<Reminder[]>
}

/** One armed reminder: its fire-reminder job (`job_key`) runs at `fire_at`. */
export interface ReminderSchedulesTable {
  task_id: string
  user_id: string
  /** The reminder's place in the user's list. */
  position: number
  fire_at: Date
  job_key: string
  /** Set when it fired: a job run again creates nothing. */
  fired_at: Date | null
}
