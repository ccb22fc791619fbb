import type { ColumnType, Generated, Selectable } from 'kysely'

export type TaskStatus = 'todo' | 'in_progress' | 'done' | 'cancelled'
export type RepeatFrom = 'due' | 'completion'

export interface TasksTable {
  id: string
  project_id: string
  parent_id: string | null
  title: string
  description: string
  status: TaskStatus
  /** 0 none … 4 urgent, so "most urgent first" is a plain descending sort. */
  priority: number
  /** The instant the task falls due; for an all-day task, the end of that local day. */
  due_at: Date | null
  /** Set for an all-day task only: the local date it is due on. */
  due_date: string | null
  assignee_id: string | null
  observer_ids: Generated<string[]>
  label_ids: Generated<string[]>
  position: number
  estimate_pomodoros: number | null
  /** Written only from focus.session.completed events. */
  focused_minutes: Generated<number>
  pomodoros_done: Generated<number>
  rrule: string | null
  repeat_from: RepeatFrom | null
  /** The IANA zone the recurrence is computed in: wall-clock times survive DST changes. */
  recurrence_timezone: string | null
  /** 1 for the first task of a series; COUNT in the rule limits it. */
  occurrence: Generated<number>
  /** Set once, when completing this occurrence created the next: a second completion creates none. */
  next_occurrence_id: string | null
  completed_at: Date | null
  created_by: string
  version: Generated<number>
  created_at: Generated<Date>
  updated_at: Generated<Date>
  search: ColumnType<string, never, never>
}

/** A task as read: every column but the search vector, which only the database reads. */
export type TaskRow = Omit<Selectable<TasksTable>, 'search'>
