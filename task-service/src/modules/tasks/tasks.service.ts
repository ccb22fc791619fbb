import type { RequestContext } from '@focushub/shared/context'
import { placeInOrder } from '@focushub/shared/db'
import { dayBoundaryOf, inUnitOfWork, type UnitOfWork } from '@focushub/shared/events'
import { type DayBoundary, defaultDayBoundary } from '@focushub/shared/time'
import type { Kysely, Updateable } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuidv7 } from 'uuid'
import type { TaskContext } from '../../context.ts'
import type { TasksTable } from '../../db/tables/tasks.ts'
import type { Database } from '../../db/tables.ts'
import { recordTaskEvent, taskSummaryOf } from '../../events/task-events.ts'
import { audienceOf } from '../members/members.repository.ts'
import { requireAccessWithAudience } from '../members/membership.ts'
import { ensureInbox } from '../projects/inbox.ts'
import { dropOutsiderReminders } from '../reminders/reminders.service.ts'
import { completionOf, recordCompletion } from './completion.ts'
import { checkVersion, readableTask, requireActive, writableTask } from './task-access.ts'
import { checkRecurrence, columnsOf } from './task-fields.ts'
import { checkMove } from './task-move.ts'
import { checkLabels, checkMembers, checkParent, mergeLabels } from './task-references.ts'
import { deleteTaskTree, insertTask, moveTasks, taskOrder, updateTask as updateTaskRow } from './tasks.repository.ts'
import type { CreateTaskBody, UpdateTaskBody } from './tasks.schemas.ts'
import { changedFields, toTask } from './tasks.view.ts'

/** The caller's day boundary, read only when the request has a date to place (a round trip saved on the rest). */
export const boundaryFor = (ctx: TaskContext, userId: string, body: { due?: unknown; recurrence?: unknown }) =>
  body.due || body.recurrence ? dayBoundaryOf(ctx.db, userId) : defaultDayBoundary

/**
 * The project a new task goes to — the one named, if the actor may write there, else the actor's
 * Inbox — with its audience, read with the access check (the Inbox has no member but its owner).
 */
export async function targetProject(trx: Kysely<Database>, actor: RequestContext, projectId: string | undefined) {
  if (!projectId) return { projectId: (await ensureInbox(trx, actor.userId)).id, audience: [actor.userId] }
  const { audience, ...membership } = await requireAccessWithAudience(trx, projectId, actor.userId, 'write')
  requireActive(membership)
  return { projectId, audience }
}

/**
 * Creates a task in the named project, or in the caller's Inbox (theirs alone, never archived).
 * The project, parent, members and labels it names are checked in the transaction that writes it,
 * each held (FOR KEY SHARE) until it commits: a parent deleted, a member removed or a label deleted at
 * the same moment either waits for the task or makes it answer 422, never leaves it pointing at nothing.
 */
export async function createTask(ctx: TaskContext, actor: RequestContext, body: Static<typeof CreateTaskBody>) {
  const boundary = await boundaryFor(ctx, actor.userId, body)
  const row = await inUnitOfWork(ctx.db, async (work) => {
    const target = await targetProject(work.trx, actor, body.projectId)
    return insertNewTask(ctx, work, actor, body, { boundary, ...target })
  })
  return toTask(row)
}

/**
 * createTask's write in the caller's unit of work, into a project already checked (`targetProject`):
 * the import makes many tasks in one.
 */
export async function insertNewTask(
  ctx: TaskContext,
  work: UnitOfWork<Database>,
  actor: RequestContext,
  body: Static<typeof CreateTaskBody>,
  into: { boundary: DayBoundary; projectId: string; audience: string[] },
) {
  const { trx } = work
  const { projectId, audience } = into
  const { projectId: _named, parentId, status, ...editable } = body
  const columns = columnsOf(editable, into.boundary)
  checkRecurrence(columns, columns, into.boundary.timezone)
  if (parentId) await checkParent(trx, projectId, parentId)
  await checkMembers(trx, projectId, body.assigneeId ? [body.assigneeId] : [], '/body/assigneeId')
  await checkMembers(trx, projectId, body.observerIds ?? [], '/body/observerIds')
  await checkLabels(trx, actor.userId, body.labelIds ?? [])
  const id = uuidv7()
  const task = await insertTask(trx, {
    priority: 0,
    description: '',
    ...columns,
    position:
      columns.position === undefined
        ? ctx.now().getTime()
        : await placeInOrder(taskOrder(trx, projectId, id), columns.position),
    id,
    project_id: projectId,
    parent_id: parentId ?? null,
    title: body.title.trim(),
    status: status ?? 'todo',
    created_by: actor.userId,
  })
  recordTaskEvent(work, 'task.created', { ...taskSummaryOf(task, audience), parentId: task.parent_id }, actor)
  return task
}

export async function getTask(ctx: TaskContext, userId: string, taskId: string) {
  return toTask(await readableTask(ctx.db, taskId, userId))
}

type TaskChanges = Omit<Static<typeof UpdateTaskBody>, 'version'>

/** Edits a task; a status of done completes it as POST /tasks/{id}/complete does. */
export async function updateTask(
  ctx: TaskContext,
  actor: RequestContext,
  taskId: string,
  changes: TaskChanges,
  expectedVersion: number | undefined,
) {
  const boundary =
    changes.status === 'done'
      ? await dayBoundaryOf(ctx.db, actor.userId)
      : await boundaryFor(ctx, actor.userId, changes)
  const { status, projectId: target, ...editable } = changes
  const columns = columnsOf(editable, boundary)
  const row = await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const { task } = await writableTask(trx, taskId, actor.userId)
    checkVersion(task, expectedVersion)
    checkRecurrence({ ...task, ...columns }, columns, boundary.timezone)
    const people = {
      assigneeId: changes.assigneeId === undefined ? task.assignee_id : changes.assigneeId,
      observerIds: changes.observerIds ?? task.observer_ids,
    }
    const move =
      target && target !== task.project_id ? await checkMove(trx, actor.userId, task, people, target, ctx.now()) : null
    if (move) columns.project_id = target
    const projectId = columns.project_id ?? task.project_id
    if (changes.assigneeId) await checkMembers(trx, projectId, [changes.assigneeId], '/body/assigneeId')
    await checkMembers(trx, projectId, changes.observerIds ?? [], '/body/observerIds')
    if (changes.labelIds) columns.label_ids = await mergeLabels(trx, actor.userId, task.label_ids, changes.labelIds)
    if (columns.position !== undefined) {
      columns.position = await placeInOrder(taskOrder(trx, projectId, taskId), columns.position)
    } else if (move) columns.position = move.position
    const completing = status === 'done' && task.status !== 'done'
    const completion = completing ? await completionOf(work, actor, task, ctx.now(), boundary) : null
    const statusColumns: Updateable<TasksTable> =
      status === undefined || status === task.status || completing ? {} : { status, completed_at: null }
    const updated = await updateTaskRow(trx, taskId, { ...columns, ...statusColumns, ...completion?.columns })
    // A move is news to the members of both projects: those who saw the task go, those who see it come.
    const audience = [...new Set([...(await audienceOf(trx, task.project_id)), ...(move?.audience ?? [])])]
    const changed = changedFields(task, updated)
    if (changed.length > 0) {
      recordTaskEvent(work, 'task.updated', { ...taskSummaryOf(updated, audience), changed }, actor)
    }
    for (const subtask of await moveTasks(trx, move?.subtaskIds ?? [], projectId, updated.position)) {
      const summary = taskSummaryOf(subtask, audience)
      recordTaskEvent(work, 'task.updated', { ...summary, changed: ['projectId', 'position'] }, actor)
    }
    if (move) await dropOutsiderReminders(work, actor, [taskId, ...move.subtaskIds], projectId)
    if (completion) await recordCompletion(work, actor, updated, completion.next, audience, boundary)
    return updated
  })
  return toTask(row)
}

/**
 * Marks a task done. Completing a task already done changes nothing and answers it as it is, so
 * a retried request never completes twice nor creates a second next occurrence.
 */
export async function completeTask(ctx: TaskContext, actor: RequestContext, taskId: string, expectedVersion?: number) {
  const boundary = await dayBoundaryOf(ctx.db, actor.userId)
  const row = await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const { task } = await writableTask(trx, taskId, actor.userId)
    if (task.status === 'done') return task
    checkVersion(task, expectedVersion)
    const completion = await completionOf(work, actor, task, ctx.now(), boundary)
    const updated = await updateTaskRow(trx, taskId, completion.columns)
    const audience = await audienceOf(trx, task.project_id)
    await recordCompletion(work, actor, updated, completion.next, audience, boundary)
    return updated
  })
  return toTask(row)
}

/** Deletes a task with its subtasks; each deletion is announced. */
export async function deleteTask(ctx: TaskContext, actor: RequestContext, taskId: string, expectedVersion?: number) {
  await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const { task } = await writableTask(trx, taskId, actor.userId)
    checkVersion(task, expectedVersion)
    const audience = await audienceOf(trx, task.project_id)
    for (const id of await deleteTaskTree(trx, taskId)) {
      recordTaskEvent(work, 'task.deleted', { taskId: id, projectId: task.project_id, audience }, actor)
    }
  })
}
