import { type ConsumedEvent, inUnitOfWork, type UnitOfWork } from '@focushub/shared/events'
import { defaultDayBoundary } from '@focushub/shared/time'
import type { Kysely } from 'kysely'
import type { NotificationContext } from '../../context.ts'
import type { Database } from '../../db/tables.ts'
import { cancel, enqueue } from '../../jobs/queue.ts'
import { tell } from '../notifications/notifications.service.ts'
import { taskReminder } from './reminder-text.ts'
import { fireAtOf, maxLatenessMs, type Reminder, reminderJobKey, worthArming } from './reminder-times.ts'
import {
  assignedWithoutList,
  buryTask,
  deleteSchedule,
  eraseUserReminders,
  listsOfTask,
  lockDueSchedules,
  lockTaskState,
  markFired,
  saveList,
  saveSchedule,
  saveTaskState,
  schedulesOfTask,
  type TaskState,
} from './reminders.repository.ts'

export const fireReminderTask = 'fire-reminder'

/** A fire-reminder job's payload: which reminder it was armed for, and at what instant. */
export interface FireReminderPayload {
  taskId: string
  userId: string
  position: number
  /** The instant it was armed for: the job fires what is due by then (the reminder itself, if still there). */
  fireAt: string
}

type TaskEvent = ConsumedEvent<'task.created'> | ConsumedEvent<'task.updated'> | ConsumedEvent<'task.completed'>
type RemindersSet = ConsumedEvent<'task.reminders_set'>

const dueOf = (data: { dueAt?: string | null; dueDate?: string | null }) =>
  data.dueAt === undefined
    ? undefined
    : { due_at: data.dueAt ? new Date(data.dueAt) : null, due_date: data.dueDate ?? null }

const active = (task: { status: string; deleted: boolean }) =>
  !task.deleted && (task.status === 'todo' || task.status === 'in_progress')

/** Each user's reminders of a task: their own list, or for the assignee without one, their default. */
async function remindersByUser(trx: Kysely<Database>, task: TaskState) {
  const lists = new Map((await listsOfTask(trx, task.task_id)).map((row) => [row.user_id, row.reminders]))
  if (task.assignee_id && !lists.has(task.assignee_id)) {
    const minutes = await defaultReminderOf(trx, task.assignee_id)
    if (minutes !== null) lists.set(task.assignee_id, [{ before: minutes }])
  }
  return lists
}

const defaultReminderOf = async (trx: Kysely<Database>, userId: string) =>
  (
    await trx
      .selectFrom('notification_preferences')
      .select('default_reminder_minutes')
      .where('user_id', '=', userId)
      .executeTakeFirst()
  )?.default_reminder_minutes ?? null

/**
 * Brings a task's fire-reminder jobs in line with what is known of it: a reminder new or moved gets
 * its job (the job key replaces a pending one), one gone, or of a task done, cancelled or deleted,
 * loses it. A reminder already fired at the same instant stays fired; one more than an hour past when
 * armed is left out, one less late fires at once.
 */
export async function armTask(trx: Kysely<Database>, taskId: string, now: Date) {
  const task = await lockTaskState(trx, taskId)
  if (!task) return
  const lists = active(task) ? await remindersByUser(trx, task) : new Map<string, Reminder[]>()
  const armed = new Map((await schedulesOfTask(trx, taskId)).map((row) => [row.job_key, row]))
  for (const [userId, reminders] of lists) {
    for (const [position, reminder] of reminders.entries()) {
      const fireAt = fireAtOf(reminder, task.due_at)
      const jobKey = reminderJobKey(taskId, userId, position)
      const current = armed.get(jobKey)
      if (!fireAt || (current && current.fire_at.getTime() === fireAt.getTime())) continue
      if (!worthArming(fireAt, now)) continue
      armed.delete(jobKey)
      await saveSchedule(trx, { task_id: taskId, user_id: userId, position, fire_at: fireAt, job_key: jobKey })
      const payload: FireReminderPayload = { taskId, userId, position, fireAt: fireAt.toISOString() }
      await enqueue(trx, fireReminderTask, payload, { runAt: fireAt, jobKey })
    }
  }
  for (const [jobKey, row] of armed) {
    const reminder = lists.get(row.user_id)?.[row.position]
    if (reminder && fireAtOf(reminder, task.due_at)?.getTime() === row.fire_at.getTime()) continue
    await cancel(trx, jobKey)
    await deleteSchedule(trx, row)
  }
}

/** task.created, task.updated, task.completed: the task as it now is, its reminders moved or cancelled. */
export async function taskChanged(work: UnitOfWork<Database>, event: TaskEvent, now = new Date()) {
  const { taskId, projectId, title, status, assigneeId, version } = event.data
  const state = { task_id: taskId, project_id: projectId, title, status, assignee_id: assigneeId, version }
  await saveTaskState(work.trx, state, dueOf(event.data))
  await armTask(work.trx, taskId, now)
}

/** task.reminders_set: the user's whole list, armed against the task as known (the newer of the two). */
export async function remindersSet(work: UnitOfWork<Database>, event: RemindersSet, now = new Date()) {
  const { taskId, projectId, title, status, version, reminders } = event.data
  await saveTaskState(work.trx, { task_id: taskId, project_id: projectId, title, status, version }, dueOf(event.data))
  await saveList(work.trx, taskId, event.userId, reminders)
  await armTask(work.trx, taskId, now)
}

/** task.deleted: every reminder of the task cancelled, and none armed by an event arriving later. */
export async function taskDeleted(work: UnitOfWork<Database>, event: ConsumedEvent<'task.deleted'>, now = new Date()) {
  await buryTask(work.trx, event.data.taskId, event.data.projectId)
  await armTask(work.trx, event.data.taskId, now)
}

export const rearmDefaultTask = 'rearm-default-reminders'

/**
 * The user's default reminder changed: their tasks are re-armed by a job (`rearmDefaultReminders`),
 * queued in the transaction of the change, so the `PUT` costs the same however many tasks they have;
 * changed again before it ran, the one job (keyed by the user) re-arms once, by the latest default.
 */
export const defaultReminderChanged = (trx: Kysely<Database>, userId: string) =>
  enqueue(trx, rearmDefaultTask, { userId }, { jobKey: `${rearmDefaultTask}:${userId}` })

/** Tasks re-armed per transaction by `rearmDefaultReminders`. */
const rearmBatch = 100

/**
 * The rearm-default-reminders job: the open tasks assigned to the user without a list of their own,
 * due from an hour ago on (a due older than that leaves no reminder worth arming: `worthArming`),
 * re-armed by the default as it now is, `rearmBatch` tasks per transaction.
 */
export async function rearmDefaultReminders(ctx: NotificationContext, userId: string, now = new Date()) {
  const tasks = await assignedWithoutList(ctx.db, userId, new Date(now.getTime() - maxLatenessMs))
  for (let start = 0; start < tasks.length; start += rearmBatch) {
    await ctx.db.transaction().execute(async (trx) => {
      for (const { task_id } of tasks.slice(start, start + rearmBatch)) await armTask(trx, task_id, now)
    })
  }
  return tasks.length
}

/** A deleted account: its lists and schedules gone, their pending jobs cancelled. */
export async function eraseReminders(trx: Kysely<Database>, userId: string) {
  for (const jobKey of await eraseUserReminders(trx, userId)) await cancel(trx, jobKey)
}

/** Reminders fired in one transaction (one `tell`, one statement per table): a tick's worth at most. */
export const fireBatch = 500

/**
 * Fires the reminders due by `through` (the instant the job was armed for, or now if later), up to
 * `limit`, in one transaction: each is marked fired and its job removed in it (the first job of a tick
 * to run does the tick's work; the others it would have run are gone), and each still worth telling —
 * its task open, less than an hour late — is told once (`tell`; the trigger key names the instant).
 * Rows another firing holds are skipped, so the worker's jobs fire side by side; a firing that fails
 * rolls back whole and its job's retry fires what it held (a retry's `through` covers every reminder
 * overdue). A reminder moved or removed since its job was armed is no longer due at that instant.
 */
export async function fireDueReminders(ctx: NotificationContext, through: Date, now = new Date(), limit = fireBatch) {
  return inUnitOfWork(ctx.db, async (work) => {
    const due = await lockDueSchedules(work.trx, new Date(Math.max(through.getTime(), now.getTime())), limit)
    await markFired(work.trx, due, now)
    await cancel(work.trx, ...due.map((row) => row.job_key))
    const told = due.filter((row) => active(row) && now.getTime() - row.fire_at.getTime() <= maxLatenessMs)
    await tell(
      work,
      told.map((row) => taskReminder(row, row, row.timezone ?? defaultDayBoundary.timezone)),
    )
    return { fired: due.length, told: told.length }
  })
}
