import type { DayBoundary } from '@focushub/shared/time'
import type { Updateable } from 'kysely'
import type { Static } from 'typebox'
import type { TaskRow, TasksTable } from '../../db/tables/tasks.ts'
import { taskError } from '../../errors.ts'
import { parseDue } from './due.ts'
import { checkYieldsWithinHorizon, normalizeRule } from './recurrence.ts'
import { priorities, type UpdateTaskBody } from './tasks.schemas.ts'

type EditableFields = Omit<Static<typeof UpdateTaskBody>, 'projectId' | 'status' | 'version'>

/** The columns the editable fields of a request set; fields left out are left alone. */
export function columnsOf(body: EditableFields, boundary: DayBoundary): Updateable<TasksTable> {
  const columns: Updateable<TasksTable> = {}
  if (body.title !== undefined) columns.title = body.title.trim()
  if (body.description !== undefined) columns.description = body.description
  if (body.priority !== undefined) columns.priority = priorities.indexOf(body.priority)
  if (body.due !== undefined) {
    const due = body.due === null ? { dueAt: null, dueDate: null } : parseDue(body.due, boundary)
    columns.due_at = due.dueAt
    columns.due_date = due.dueDate
  }
  if (body.assigneeId !== undefined) columns.assignee_id = body.assigneeId
  if (body.observerIds !== undefined) columns.observer_ids = body.observerIds
  if (body.labelIds !== undefined) columns.label_ids = body.labelIds
  if (body.estimatePomodoros !== undefined) columns.estimate_pomodoros = body.estimatePomodoros
  if (body.position !== undefined) columns.position = body.position
  if (body.recurrence !== undefined) {
    columns.rrule = body.recurrence === null ? null : normalizeRule(body.recurrence.rrule)
    columns.repeat_from = body.recurrence === null ? null : (body.recurrence.from ?? 'due')
    columns.recurrence_timezone = body.recurrence === null ? null : boundary.timezone
  }
  return columns
}

type Series = Partial<Pick<TaskRow, 'rrule' | 'due_at' | 'due_date' | 'recurrence_timezone'>>

/**
 * A recurring task needs a due date to count from, and its rule an occurrence within the horizon
 * after it. `changed` holds the columns a request sets: the horizon is checked when the rule or
 * the due date is among them, so an old series stays editable.
 */
export function checkRecurrence(task: Series, changed: Updateable<TasksTable>, timezone: string) {
  if (task.rrule && !task.due_at) {
    throw taskError('recurrence-needs-due-date', 'A recurring task needs a due date', {
      errors: [{ field: '/body/due', message: 'is required with recurrence' }],
    })
  }
  if (!task.rrule || !task.due_at || !('rrule' in changed || 'due_at' in changed)) return
  checkYieldsWithinHorizon({
    rule: task.rrule,
    timezone: task.recurrence_timezone ?? timezone,
    dueAt: task.due_at,
    dueDate: task.due_date ?? null,
  })
}
