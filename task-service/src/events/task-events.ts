import { createEventRecorder } from '@focushub/shared/events'
import type { TaskRow } from '../db/tables/tasks.ts'

/** Adds an event to the unit of work's outbox; its userId is the acting user. */
export const recordTaskEvent = createEventRecorder('task-service')

/** The fields every task event carries. */
export const taskSummaryOf = (task: TaskRow, audience: string[]) => ({
  taskId: task.id,
  projectId: task.project_id,
  title: task.title,
  status: task.status,
  assigneeId: task.assignee_id,
  version: task.version,
  audience,
})
