import { decodeCursor, errors, pageOf } from '@focushub/shared'
import type { Static } from 'typebox'
import type { Actor, TaskContext } from '../../context.ts'
import { audienceOf, recordTaskEvent, taskSummaryOf } from '../../events/task-events.ts'
import { detachFromTasks, findMember, listMembers, toMember } from './members.repository.ts'
import type { ListMembersQuery } from './members.schemas.ts'
import { requireAccess } from './membership.ts'

export async function listProjectMembers(
  ctx: TaskContext,
  userId: string,
  projectId: string,
  query: Static<typeof ListMembersQuery>,
) {
  await requireAccess(ctx.db, projectId, userId, 'read')
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor)
  const rows = await listMembers(ctx.db, projectId, after, query.limit)
  const page = pageOf(
    rows.map((row) => ({ ...toMember(row), id: row.user_id })),
    query.limit,
  )
  return { items: page.items.map(({ id: _, ...member }) => member), nextCursor: page.nextCursor }
}

export async function changeRole(
  ctx: TaskContext,
  userId: string,
  projectId: string,
  memberId: string,
  role: 'editor' | 'viewer',
) {
  await requireAccess(ctx.db, projectId, userId, 'manage')
  const member = await findMember(ctx.db, projectId, memberId)
  if (!member) throw errors.notFound('No such member')
  if (member.role === 'owner') throw errors.conflict("The owner's role cannot change")
  const row = await ctx.db
    .updateTable('project_members')
    .set({ role })
    .where('project_id', '=', projectId)
    .where('user_id', '=', memberId)
    .returningAll()
    .executeTakeFirstOrThrow()
  return toMember(row)
}

/** The owner removes a member, or a member leaves; their assignments and observations in the project end. */
export async function removeMember(ctx: TaskContext, actor: Actor, projectId: string, memberId: string) {
  await requireAccess(ctx.db, projectId, actor.userId, memberId === actor.userId ? 'read' : 'manage')
  const member = await findMember(ctx.db, projectId, memberId)
  if (!member) throw errors.notFound('No such member')
  if (member.role === 'owner') throw errors.conflict('The owner cannot leave or be removed; delete the project instead')
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('project_members')
      .where('project_id', '=', projectId)
      .where('user_id', '=', memberId)
      .execute()
    const audience = await audienceOf(trx, projectId)
    for (const task of await detachFromTasks(trx, projectId, memberId)) {
      await recordTaskEvent(
        trx,
        'task.updated',
        { ...taskSummaryOf(task, audience), changed: ['assigneeId', 'observerIds'] },
        actor,
      )
    }
  })
}
