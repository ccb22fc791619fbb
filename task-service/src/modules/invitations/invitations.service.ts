import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork } from '@focushub/shared/events'
import { decodeCursor, pageOf } from '@focushub/shared/http'
import type { Static } from 'typebox'
import { v7 as uuidv7 } from 'uuid'
import type { TaskContext } from '../../context.ts'
import type { ProjectMemberRow } from '../../db/tables/project-members.ts'
import { taskError } from '../../errors.ts'
import { recordTaskEvent } from '../../events/task-events.ts'
import {
  audienceOf,
  displayNameOf,
  findMember,
  insertMember,
  isMember,
  toMember,
} from '../members/members.repository.ts'
import { requireAccess } from '../members/membership.ts'
import { lockProject } from '../projects/projects.repository.ts'
import {
  findOpenInvitation,
  forgetOldInvitations,
  insertInvitation,
  invitationCounts,
  isKnownUser,
  listProjectInvitations,
  listReceivedInvitations,
  lockReceivedInvitation,
  settleInvitation,
  toProjectInvitation,
  toReceivedInvitation,
} from './invitations.repository.ts'
import type { InviteBody, ListInvitationsQuery } from './invitations.schemas.ts'

const day = 24 * 60 * 60 * 1000
const noInvitation = () => errors.notFound('No such invitation')

type Target = { email: string | null; userId: string | null }

function targetOf(body: Static<typeof InviteBody>): Target {
  if ((body.userId === undefined) === (body.email === undefined)) {
    throw errors.validation('Name the invitee by email or by userId', [
      { field: '/body', message: 'must have exactly one of email, userId' },
    ])
  }
  return { email: body.email ?? null, userId: body.userId ?? null }
}

/** The account an invitation reaches, or null: no such account, or a member already. */
async function inviteeOf(ctx: TaskContext, projectId: string, target: Target): Promise<string | null> {
  const userId =
    target.email === null
      ? (await isKnownUser(ctx.db, target.userId as string))
        ? target.userId
        : undefined
      : (await ctx.users.findByEmail(target.email))?.id
  if (!userId || (await isMember(ctx.db, projectId, userId))) return null
  return userId
}

/** Refuses an invitation past the project's limits: open at once (409), sent in 24 hours (429). */
async function checkLimits(ctx: TaskContext, projectId: string, now: Date) {
  const windowStart = new Date(now.getTime() - day)
  const counts = await invitationCounts(ctx.db, projectId, now, windowStart)
  if (counts.sent >= ctx.config.INVITATIONS_PER_DAY) {
    const freedAt = (counts.oldestSent?.getTime() ?? now.getTime()) + day
    throw errors.tooManyRequests(
      `A project sends at most ${ctx.config.INVITATIONS_PER_DAY} invitations in 24 hours`,
      Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000)),
    )
  }
  if (counts.open >= ctx.config.INVITATIONS_MAX_PENDING) {
    throw taskError(
      'too-many-open-invitations',
      `A project has at most ${ctx.config.INVITATIONS_MAX_PENDING} open invitations: revoke some or let them expire`,
    )
  }
}

/**
 * Invites someone into a project (owner). The answer is the same whether the e-mail has an
 * account, belongs to a member already or was invited before: only the invitee, if any, hears of
 * it. Invitations to one project are made one at a time (the project row is locked), so its limits
 * hold under concurrent requests.
 */
export async function invite(
  ctx: TaskContext,
  actor: RequestContext,
  projectId: string,
  body: Static<typeof InviteBody>,
) {
  const target = targetOf(body)
  const { project } = await requireAccess(ctx.db, projectId, actor.userId, 'manage')
  if (project.is_inbox) throw taskError('inbox-protected', 'The Inbox is personal: it has no other members')
  const inviteeId = await inviteeOf(ctx, projectId, target)
  const row = await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    await lockProject(trx, projectId)
    const now = ctx.now()
    const existing = await findOpenInvitation(trx, projectId, target, now)
    if (existing) return existing
    await forgetOldInvitations(trx, projectId, now, new Date(now.getTime() - day))
    await checkLimits({ ...ctx, db: trx }, projectId, now)
    const invitation = await insertInvitation(trx, {
      id: uuidv7(),
      project_id: projectId,
      email: target.email,
      named_user_id: target.userId,
      invitee_id: inviteeId,
      role: body.role,
      invited_by: actor.userId,
      created_at: now,
      expires_at: new Date(now.getTime() + ctx.config.INVITATION_TTL_HOURS * 60 * 60 * 1000),
    })
    if (inviteeId) {
      recordTaskEvent(
        work,
        'project.invitation_received',
        {
          invitationId: invitation.id,
          projectId,
          projectName: project.name,
          role: invitation.role,
          invitedBy: actor.userId,
          expiresAt: invitation.expires_at.toISOString(),
        },
        { userId: inviteeId, requestId: actor.requestId },
      )
    }
    return invitation
  })
  return toProjectInvitation(row)
}

export async function listInvitationsOfProject(
  ctx: TaskContext,
  userId: string,
  projectId: string,
  query: Static<typeof ListInvitationsQuery>,
) {
  await requireAccess(ctx.db, projectId, userId, 'manage')
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor)
  const rows = await listProjectInvitations(ctx.db, projectId, ctx.now(), after, query.limit)
  return pageOf(rows.map(toProjectInvitation), query.limit)
}

/** The owner withdraws an open invitation; the invitee no longer sees it. */
export async function revokeInvitation(ctx: TaskContext, userId: string, projectId: string, invitationId: string) {
  await requireAccess(ctx.db, projectId, userId, 'manage')
  const where = { id: invitationId, projectId }
  if (!(await settleInvitation(ctx.db, where, ['pending', 'declined'], 'revoked', ctx.now()))) throw noInvitation()
}

export async function listMyInvitations(ctx: TaskContext, userId: string, query: Static<typeof ListInvitationsQuery>) {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor)
  const rows = await listReceivedInvitations(ctx.db, userId, ctx.now(), after, query.limit)
  return pageOf(rows.map(toReceivedInvitation), query.limit)
}

/** The invitee joins the project with the invited role; its members hear of it (project.member_added). */
export async function acceptInvitation(ctx: TaskContext, actor: RequestContext, invitationId: string) {
  return inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const invitation = await lockReceivedInvitation(trx, invitationId, actor.userId, ctx.now())
    if (!invitation) throw noInvitation()
    await settleInvitation(trx, { id: invitationId }, ['pending'], 'accepted', ctx.now())
    const project = await lockProject(trx, invitation.project_id)
    const added = await insertMember(trx, invitation.project_id, actor.userId, invitation.role)
    if (added) {
      recordTaskEvent(
        work,
        'project.member_added',
        {
          projectId: invitation.project_id,
          projectName: project.name,
          memberId: actor.userId,
          role: added.role,
          audience: await audienceOf(trx, invitation.project_id),
        },
        actor,
      )
    }
    const member = added ?? (await findMember(trx, invitation.project_id, actor.userId))
    const displayName = await displayNameOf(trx, actor.userId)
    return { projectId: invitation.project_id, ...toMember(member as ProjectMemberRow, displayName) }
  })
}

/** The invitee says no. The owner is not told (see ProjectInvitation); the invitation just expires. */
export async function declineInvitation(ctx: TaskContext, userId: string, invitationId: string) {
  const where = { id: invitationId, inviteeId: userId }
  if (!(await settleInvitation(ctx.db, where, ['pending'], 'declined', ctx.now()))) throw noInvitation()
}
