import { DateTime } from 'luxon'
import type { NotificationDraft } from '../notifications/triggers.ts'
import type { TaskState } from './reminders.repository.ts'

/** When the task is due, in the user's time zone: "Due Monday 30 March" (all day) or "… at 09:00 CEST". */
export function dueText(task: Pick<TaskState, 'due_at' | 'due_date'>, timezone: string) {
  if (task.due_date) return `Due ${DateTime.fromISO(task.due_date).setLocale('en-GB').toFormat('cccc d LLLL yyyy')}.`
  if (!task.due_at) return 'A reminder you set for this task.'
  const due = DateTime.fromJSDate(task.due_at, { zone: timezone }).setLocale('en-GB')
  return `Due ${due.toFormat("cccc d LLLL yyyy 'at' HH:mm ZZZZ")}.`
}

/** One reminder told: its trigger names the instant, so a reminder moved fires again and one fired twice tells once. */
export function taskReminder(
  task: TaskState,
  schedule: { user_id: string; position: number; fire_at: Date },
  timezone: string,
): NotificationDraft {
  return {
    userId: schedule.user_id,
    kind: 'task_reminder',
    triggerKey: `reminder:${task.task_id}:${schedule.position}:${schedule.fire_at.toISOString()}`,
    title: task.title,
    body: dueText(task, timezone),
    data: { taskId: task.task_id, projectId: task.project_id },
    requestId: `reminder:${task.task_id}`,
  }
}
