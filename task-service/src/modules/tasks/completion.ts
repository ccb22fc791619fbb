import type { RequestContext } from '@focushub/shared/context'
import type { UnitOfWork } from '@focushub/shared/events'
import { type DayBoundary, localDateOf } from '@focushub/shared/time'
import type { Kysely, Updateable } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { TaskRow, TasksTable } from '../../db/tables/tasks.ts'
import type { Database } from '../../db/tables.ts'
import { recordTaskEvent, taskSummaryOf } from '../../events/task-events.ts'
import { carryReminders } from '../reminders/reminders.service.ts'
import { parseDue } from './due.ts'
import { nextOccurrence } from './recurrence.ts'
import { insertTask } from './tasks.repository.ts'

/** The next task of a recurring series, or null when the series has ended. */
async function createNextOccurrence(trx: Kysely<Database>, task: TaskRow, completedAt: Date, boundary: DayBoundary) {
  if (!task.rrule || !task.due_at) return null
  const timezone = task.recurrence_timezone ?? boundary.timezone
  const nextDue = nextOccurrence({
    rule: task.rrule,
    repeatFrom: task.repeat_from ?? 'due',
    timezone,
    dueAt: task.due_at,
    dueDate: task.due_date,
    completedOn: localDateOf(completedAt, boundary),
    occurrence: task.occurrence,
  })
  if (nextDue === null) return null
  const due = parseDue(nextDue, { ...boundary, timezone })
  return insertTask(trx, {
    id: uuidv7(),
    project_id: task.project_id,
    parent_id: task.parent_id,
    title: task.title,
    description: task.description,
    status: 'todo',
    priority: task.priority,
    due_at: due.dueAt,
    due_date: due.dueDate,
    assignee_id: task.assignee_id,
    observer_ids: task.observer_ids,
    label_ids: task.label_ids,
    position: task.position,
    estimate_pomodoros: task.estimate_pomodoros,
    rrule: task.rrule,
    repeat_from: task.repeat_from,
    recurrence_timezone: timezone,
    occurrence: task.occurrence + 1,
    created_by: task.created_by,
  })
}

/**
 * What completing a locked task changes. The next occurrence is created only while none has
 * been (next_occurrence_id is set once, under the row lock): completing again creates nothing.
 * Everyone's reminders of the task carry over to it.
 */
export async function completionOf(
  work: UnitOfWork<Database>,
  actor: RequestContext,
  task: TaskRow,
  now: Date,
  boundary: DayBoundary,
) {
  const next = task.next_occurrence_id === null ? await createNextOccurrence(work.trx, task, now, boundary) : null
  if (next) await carryReminders(work, actor, task, next)
  const columns: Updateable<TasksTable> = {
    status: 'done',
    completed_at: now,
    next_occurrence_id: next?.id ?? task.next_occurrence_id,
  }
  return { columns, next }
}

/** task.completed, and task.created for the occurrence it brought, in the unit of work of the change. */
export function recordCompletion(
  work: UnitOfWork<Database>,
  actor: RequestContext,
  completed: TaskRow,
  next: TaskRow | null,
  audience: string[],
  boundary: DayBoundary,
) {
  if (next) {
    recordTaskEvent(work, 'task.created', { ...taskSummaryOf(next, audience), parentId: next.parent_id }, actor)
  }
  const completedAt = completed.completed_at ?? new Date()
  recordTaskEvent(
    work,
    'task.completed',
    {
      ...taskSummaryOf(completed, audience),
      completedAt: completedAt.toISOString(),
      localDate: localDateOf(completedAt, boundary),
      nextOccurrenceId: completed.next_occurrence_id,
    },
    actor,
  )
}
