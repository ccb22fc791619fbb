import type { Static } from 'typebox'
import type { TaskRow } from '../../db/tables/tasks.ts'
import { dueOf } from './due.ts'
import { priorities, type Task } from './tasks.schemas.ts'

export function toTask(row: TaskRow): Static<typeof Task> {
  return {
    id: row.id,
    projectId: row.project_id,
    parentId: row.parent_id,
    title: row.title,
    description: row.description,
    status: row.status,
    priority: priorities[row.priority],
    due: dueOf(row),
    dueAt: row.due_at?.toISOString() ?? null,
    allDay: row.due_date !== null,
    assigneeId: row.assignee_id,
    observerIds: row.observer_ids,
    labelIds: row.label_ids,
    position: row.position,
    estimatePomodoros: row.estimate_pomodoros,
    focusedMinutes: row.focused_minutes,
    pomodorosDone: row.pomodoros_done,
    recurrence: row.rrule === null ? null : { rrule: row.rrule, from: row.repeat_from ?? 'due' },
    nextOccurrenceId: row.next_occurrence_id,
    completedAt: row.completed_at?.toISOString() ?? null,
    createdBy: row.created_by,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

/** Names of the client-visible fields that differ between two states of a task. */
export function changedFields(before: TaskRow, after: TaskRow): string[] {
  const a = toTask(before) as Record<string, unknown>
  const b = toTask(after) as Record<string, unknown>
  return Object.keys(b).filter(
    (key) => key !== 'version' && key !== 'updatedAt' && JSON.stringify(a[key]) !== JSON.stringify(b[key]),
  )
}
