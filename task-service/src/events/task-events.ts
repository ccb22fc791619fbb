import { createEventRecorder } from '@focushub/shared/events'
import type { TaskRow } from '../db/tables/tasks.ts'

/** Adds an event to the unit of work's outbox; its userId is the acting user. */
export const recordTaskEvent = createEventRecorder('task-service')

/** When the task falls due, as events carry it (reminders are scheduled from it). */
export const dueOfTask = (task: Pick<TaskRow, 'due_at' | 'due_date'>) => ({
  dueAt: task.due_at?.toISOString() ?? null,
  dueDate: task.due_date,
})

/** The fields every task event carries. */
export const taskSummaryOf = (task: TaskRow, audience: string[]) => ({
  taskId: task.id,
  projectId: task.project_id,
  title: task.title,
  status: task.status,
  assigneeId: task.assignee_id,
  version: task.version,
  audience,
  ...dueOfTask(task),
})
