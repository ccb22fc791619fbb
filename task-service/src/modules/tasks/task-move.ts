import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { taskError } from '../../errors.ts'
import { requireAccessWithAudience } from '../members/membership.ts'
import { requireActive } from './task-access.ts'
import { checkMembers } from './task-references.ts'
import { lastTaskPosition, taskTree } from './tasks.repository.ts'

/** The people a task names, as a request leaves them. */
export interface TaskPeople {
  assigneeId: string | null
  observerIds: string[]
}

/**
 * Checks moving a task (locked, written by the caller) to another project, and answers who hears of
 * it there, which subtasks go along and the position it takes there unless the request names one.
 * A subtask lives in its parent's project, so it moves only with its parent, and the whole tree
 * goes; the caller must write tasks in the new project (404 to a stranger, 403 to a viewer, 409 when
 * archived), and everyone the tree names (the task's assignee and observers as the request leaves
 * them, its subtasks') must be a member of it (422, naming `projectId`): a move never drops anyone
 * silently. The task goes last in the new project's manual order, as one created `now` would (its
 * time in ms), or one past the last task when one stands later: its old position says nothing there.
 */
export async function checkMove(
  trx: Kysely<Database>,
  userId: string,
  task: { id: string; parent_id: string | null },
  people: TaskPeople,
  projectId: string,
  now: Date,
) {
  if (task.parent_id) {
    throw taskError('parent-in-other-project', 'A subtask moves only with its parent', {
      errors: [{ field: '/body/projectId', message: 'a subtask moves only with its parent' }],
    })
  }
  const { audience, ...membership } = await requireAccessWithAudience(trx, projectId, userId, 'write')
  requireActive(membership)
  const subtasks = (await taskTree(trx, task.id)).filter((row) => row.id !== task.id)
  const named = [people, ...subtasks.map((row) => ({ assigneeId: row.assignee_id, observerIds: row.observer_ids }))]
  const members = named.flatMap((each) => [...(each.assigneeId ? [each.assigneeId] : []), ...each.observerIds])
  await checkMembers(trx, projectId, [...new Set(members)], '/body/projectId')
  const last = await lastTaskPosition(trx, projectId)
  const position = Math.max(now.getTime(), last === null ? Number.NEGATIVE_INFINITY : last + 1)
  return { audience, subtaskIds: subtasks.map((row) => row.id), position }
}
