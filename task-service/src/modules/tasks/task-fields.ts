import { type DayBoundary, errors } from '@focushub/shared'
import type { Updateable } from 'kysely'
import type { Static } from 'typebox'
import type { TasksTable } from '../../db/tables/tasks.ts'
import { parseDue } from './due.ts'
import { normalizeRule } from './recurrence.ts'
import { priorities, type UpdateTaskBody } from './tasks.schemas.ts'

type EditableFields = Omit<Static<typeof UpdateTaskBody>, 'status' | 'version'>

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

/** A recurring task needs a due date to count from. */
export function checkRecurrenceHasDue(task: { rrule?: string | null; due_at?: Date | null }) {
  if (task.rrule && !task.due_at) {
    throw errors.unprocessable('A recurring task needs a due date', [
      { field: '/body/due', message: 'is required with recurrence' },
    ])
  }
}
