import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork } from '@focushub/shared/events'
import { decodeCursor, pageOf } from '@focushub/shared/http'
import type { Static } from 'typebox'
import type { TaskContext } from '../../context.ts'
import { taskError } from '../../errors.ts'
import { recordTaskEvent, taskSummaryOf } from '../../events/task-events.ts'
import { dropMemberReminders } from '../reminders/reminders.service.ts'
import {
  audienceOf,
  deleteMember,
  detachFromTasks,
  displayNameOf,
  listMembers,
  lockMember,
  setMemberRole,
  toMember,
} from './members.repository.ts'
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
    rows.map((row) => ({ ...toMember(row, row.display_name), id: row.user_id })),
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
  return ctx.db.transaction().execute(async (trx) => {
    await requireAccess(trx, projectId, userId, 'manage')
    const member = await lockMember(trx, projectId, memberId)
    if (!member) throw errors.notFound('No such member')
    if (member.role === 'owner') throw taskError('owner-role-fixed', "The owner's role cannot change")
    return toMember(await setMemberRole(trx, projectId, memberId, role), await displayNameOf(trx, memberId))
  })
}

/**
 * The owner removes a member, or a member leaves; their assignments, observations and reminders in
 * the project end.
 */
export async function removeMember(ctx: TaskContext, actor: RequestContext, projectId: string, memberId: string) {
  await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    await requireAccess(trx, projectId, actor.userId, memberId === actor.userId ? 'read' : 'manage')
    const member = await lockMember(trx, projectId, memberId)
    if (!member) throw errors.notFound('No such member')
    if (member.role === 'owner')
      throw taskError('owner-cannot-leave', 'The owner cannot leave or be removed; delete the project instead')
    await deleteMember(trx, projectId, memberId)
    const audience = await audienceOf(trx, projectId)
    for (const task of await detachFromTasks(trx, projectId, memberId)) {
      recordTaskEvent(
        work,
        'task.updated',
        { ...taskSummaryOf(task, audience), changed: ['assigneeId', 'observerIds'] },
        actor,
      )
    }
    await dropMemberReminders(work, actor, projectId, memberId)
  })
}
