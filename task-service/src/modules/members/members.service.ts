import { decodeCursor, errors, pageOf } from '@focushub/shared'
import type { Static } from 'typebox'
import type { Actor, TaskContext } from '../../context.ts'
import { audienceOf, recordTaskEvent, taskSummaryOf } from '../../events/task-events.ts'
import { detachFromTasks, findMember, insertMember, listMembers, toMember } from './members.repository.ts'
import type { AddMemberBody, ListMembersQuery } from './members.schemas.ts'
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

/** The user a request names, by id (a user task-service has heard of) or by e-mail (asked of auth-service). */
async function resolveUser(ctx: TaskContext, actor: Actor, body: Static<typeof AddMemberBody>): Promise<string> {
  if ((body.userId === undefined) === (body.email === undefined)) {
    throw errors.validation('Name the user by userId or by email', [
      { field: '/body', message: 'must have exactly one of userId, email' },
    ])
  }
  if (body.email !== undefined) {
    const user = await ctx.users.findByEmail(body.email, actor.authorization)
    if (!user) throw errors.unprocessable('No user has this e-mail', [{ field: '/body/email', message: 'is unknown' }])
    return user.id
  }
  const profile = await ctx.db
    .selectFrom('user_profiles')
    .select('user_id')
    .where('user_id', '=', body.userId as string)
    .executeTakeFirst()
  if (!profile) throw errors.unprocessable('No such user', [{ field: '/body/userId', message: 'is unknown' }])
  return profile.user_id
}

export async function addMember(ctx: TaskContext, actor: Actor, projectId: string, body: Static<typeof AddMemberBody>) {
  const { project } = await requireAccess(ctx.db, projectId, actor.userId, 'manage')
  if (project.is_inbox) throw errors.conflict('The Inbox is personal: it has no other members')
  const userId = await resolveUser(ctx, actor, body)
  return ctx.db.transaction().execute(async (trx) => {
    const row = await insertMember(trx, projectId, userId, body.role)
    if (!row) throw errors.conflict('This user is already a member', { userId })
    await recordTaskEvent(
      trx,
      'project.member_added',
      {
        projectId,
        projectName: project.name,
        memberId: userId,
        role: body.role,
        audience: await audienceOf(trx, projectId),
      },
      actor,
    )
    return toMember(row)
  })
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
