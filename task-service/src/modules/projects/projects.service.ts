import type { RequestContext } from '@focushub/shared/context'
import { placeInOrder } from '@focushub/shared/db'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork } from '@focushub/shared/events'
import { decodePositionCursor, encodePositionCursor } from '@focushub/shared/http'
import type { Static } from 'typebox'
import type { TaskContext } from '../../context.ts'
import { taskError } from '../../errors.ts'
import { recordTaskEvent } from '../../events/task-events.ts'
import { audienceOf } from '../members/members.repository.ts'
import { requireAccess } from '../members/membership.ts'
import { projectTaskIds } from '../tasks/tasks.repository.ts'
import {
  deleteProjectRow,
  insertProject,
  listProjectsOf,
  projectOrder,
  setProjectPosition,
  updateProject as updateProjectRow,
} from './projects.repository.ts'
import type { CreateProjectBody, ListProjectsQuery, UpdateProjectBody } from './projects.schemas.ts'
import { toProject } from './projects.view.ts'

export async function createProject(ctx: TaskContext, userId: string, body: Static<typeof CreateProjectBody>) {
  const membership = await ctx.db
    .transaction()
    .execute((trx) => insertProject(trx, { ownerId: userId, name: body.name.trim(), color: body.color ?? null }))
  return toProject(membership)
}

export async function listProjects(ctx: TaskContext, userId: string, query: Static<typeof ListProjectsQuery>) {
  const after = query.cursor === undefined ? undefined : decodePositionCursor(query.cursor)
  const rows = await listProjectsOf(ctx.db, userId, { archived: query.archived, after, limit: query.limit })
  const items = rows.slice(0, query.limit)
  const last = items.at(-1)
  return {
    items: items.map(({ role, position, ...project }) => toProject({ project, role, position })),
    nextCursor: rows.length > query.limit && last ? encodePositionCursor(last) : null,
  }
}

export async function getProject(ctx: TaskContext, userId: string, projectId: string) {
  return toProject(await requireAccess(ctx.db, projectId, userId, 'read'))
}

type ProjectChanges = Omit<Static<typeof UpdateProjectBody>, 'version'>

/**
 * Rename, recolour, archive or unarchive (owners and editors); the Inbox is never archived. Any
 * member may move the project in their own list (`position`), which changes nothing of the project.
 */
export async function updateProject(
  ctx: TaskContext,
  userId: string,
  projectId: string,
  { position, ...changes }: ProjectChanges,
  expectedVersion: number | undefined,
) {
  const projectChanged = Object.keys(changes).length > 0
  return ctx.db.transaction().execute(async (trx) => {
    const membership = await requireAccess(trx, projectId, userId, projectChanged ? 'write' : 'read')
    const { project } = membership
    if (project.is_inbox && changes.archived === true)
      throw taskError('inbox-protected', 'The Inbox cannot be archived')
    const archivedAt = changes.archived === undefined ? {} : { archived_at: changes.archived ? new Date() : null }
    const updated = projectChanged
      ? await updateProjectRow(
          trx,
          projectId,
          {
            ...(changes.name === undefined ? {} : { name: changes.name.trim() }),
            ...(changes.color === undefined ? {} : { color: changes.color }),
            ...(changes.archived === (project.archived_at !== null) ? {} : archivedAt),
          },
          expectedVersion,
        )
      : project
    if (!updated) throw errors.preconditionFailed('The project changed since you read it; read it again')
    const placed =
      position === undefined ? membership.position : await placeInOrder(projectOrder(trx, userId, projectId), position)
    if (placed !== membership.position) await setProjectPosition(trx, userId, projectId, placed)
    return toProject({ project: updated, role: membership.role, position: placed })
  })
}

/** Deletes the project with its tasks (owner only); each task's deletion is announced to the members. */
export async function deleteProject(
  ctx: TaskContext,
  actor: RequestContext,
  projectId: string,
  expectedVersion?: number,
) {
  await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const { project } = await requireAccess(trx, projectId, actor.userId, 'manage')
    if (project.is_inbox) throw taskError('inbox-protected', 'The Inbox cannot be deleted')
    const audience = await audienceOf(trx, projectId)
    const tasks = await projectTaskIds(trx, projectId)
    const deleted = await deleteProjectRow(trx, projectId, expectedVersion)
    if (!deleted) throw errors.preconditionFailed('The project changed since you read it; read it again')
    for (const task of tasks) {
      recordTaskEvent(work, 'task.deleted', { taskId: task.id, projectId, audience }, actor)
    }
  })
}
