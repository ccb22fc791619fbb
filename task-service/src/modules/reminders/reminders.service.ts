import type { RequestContext } from '@focushub/shared/context'
import { inUnitOfWork, type UnitOfWork } from '@focushub/shared/events'
import type { TaskContext } from '../../context.ts'
import type { TaskRow } from '../../db/tables/tasks.ts'
import type { Database } from '../../db/tables.ts'
import { taskError } from '../../errors.ts'
import { dueOfTask, recordTaskEvent } from '../../events/task-events.ts'
import { requireAccess } from '../members/membership.ts'
import { readableTask, taskNotFound } from '../tasks/task-access.ts'
import { lockTask } from '../tasks/tasks.repository.ts'
import {
  dropProjectReminders,
  dropRemindersOfNonMembers,
  findReminders,
  remindersOfTask,
  saveReminders,
} from './reminders.repository.ts'
import type { Reminder } from './reminders.schemas.ts'

/** task.reminders_set for `userId`: the whole list with what notification-service needs to schedule it. */
function recordRemindersSet(
  work: UnitOfWork<Database>,
  task: TaskRow,
  reminders: Reminder[],
  cause: Pick<RequestContext, 'userId' | 'requestId'>,
) {
  const data = {
    taskId: task.id,
    projectId: task.project_id,
    title: task.title,
    status: task.status,
    version: task.version,
    ...dueOfTask(task),
    reminders,
  }
  recordTaskEvent(work, 'task.reminders_set', data, cause)
}

/** The same reminder twice is one; instants are kept in UTC. */
const normalized = (reminders: Reminder[]) => {
  const seen = new Map<string, Reminder>()
  for (const reminder of reminders) {
    const one = 'at' in reminder ? { at: new Date(reminder.at).toISOString() } : { before: reminder.before }
    seen.set(JSON.stringify(one), one)
  }
  return [...seen.values()]
}

/** A `before` reminder counts from the due instant: the task must have one. */
function checkDue(task: TaskRow, reminders: Reminder[]) {
  if (task.due_at) return
  const relative = reminders.flatMap((reminder, index) =>
    'before' in reminder
      ? [{ field: `/body/reminders/${index}/before`, message: 'needs the task to have a due date' }]
      : [],
  )
  if (relative.length > 0) {
    throw taskError('reminder-needs-due-date', 'A reminder before the due needs the task to have a due date', {
      errors: relative,
    })
  }
}

/** My reminders for a task I can read (another's task, or one I cannot read, answers 404). */
export async function getReminders(ctx: TaskContext, userId: string, taskId: string) {
  await readableTask(ctx.db, taskId, userId)
  return { taskId, reminders: await findReminders(ctx.db, taskId, userId) }
}

/** Replaces my reminders for a task I can read, and tells notification-service (task.reminders_set). */
export async function setReminders(ctx: TaskContext, actor: RequestContext, taskId: string, requested: Reminder[]) {
  return inUnitOfWork(ctx.db, async (work) => {
    // Locked, so a deletion or a due change waits for this one: the event carries the task as it stays.
    const task = await lockTask(work.trx, taskId)
    if (!task) throw taskNotFound()
    await requireAccess(work.trx, task.project_id, actor.userId, 'read', taskNotFound)
    checkDue(task, requested)
    const reminders = normalized(requested)
    await saveReminders(work.trx, taskId, actor.userId, reminders)
    recordRemindersSet(work, task, reminders, actor)
    return { taskId, reminders }
  })
}

/** A member gone from a project loses their reminders on its tasks; each list is published empty. */
export async function dropMemberReminders(
  work: UnitOfWork<Database>,
  actor: RequestContext,
  projectId: string,
  memberId: string,
) {
  for (const task of await dropProjectReminders(work.trx, projectId, memberId)) {
    recordRemindersSet(work, task, [], { userId: memberId, requestId: actor.requestId })
  }
}

/** Tasks moved to another project keep only the reminders of its members; the others' are published empty. */
export async function dropOutsiderReminders(
  work: UnitOfWork<Database>,
  actor: RequestContext,
  taskIds: string[],
  projectId: string,
) {
  for (const { task, userId } of await dropRemindersOfNonMembers(work.trx, taskIds, projectId)) {
    recordRemindersSet(work, task, [], { userId, requestId: actor.requestId })
  }
}

/**
 * Everyone's reminders of a completed occurrence, carried to the next one: a `before` as it was,
 * an `at` moved by as much as the due moved (it keeps its distance to the due).
 */
export async function carryReminders(work: UnitOfWork<Database>, actor: RequestContext, from: TaskRow, to: TaskRow) {
  const shift = (to.due_at?.getTime() ?? 0) - (from.due_at?.getTime() ?? 0)
  for (const row of await remindersOfTask(work.trx, from.id)) {
    const reminders = row.reminders.map((reminder) =>
      'at' in reminder ? { at: new Date(new Date(reminder.at).getTime() + shift).toISOString() } : reminder,
    )
    await saveReminders(work.trx, to.id, row.user_id, reminders)
    recordRemindersSet(work, to, reminders, { userId: row.user_id, requestId: actor.requestId })
  }
}
