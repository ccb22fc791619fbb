import { errors } from '@focushub/shared/errors'
import { inUnitOfWork } from '@focushub/shared/events'
import type { Kysely } from 'kysely'
import type { SocialContext } from '../../context.ts'
import type { Database } from '../../db/tables.ts'
import { socialError } from '../../errors.ts'
import { ensureNotSuspended } from '../moderation/suspension.ts'
import { ensureReachable, ensureRoomFor, openConversation } from './conversation-access.ts'
import {
  addToMemberCount,
  insertMembers,
  type MemberConversation,
  memberIdsOf,
  removeMembership,
} from './conversations.repository.ts'
import { conversationDetail } from './conversations.service.ts'
import { messageLimits } from './messages.rules.ts'

const notAGroup = () => socialError('not-a-group', 'A one-to-one conversation has no members to change')

/** The group `userId` created, locked (404 for a non-member, 422 for a one-to-one, 403 for a member). */
async function ownGroup(trx: Kysely<Database>, conversationId: string, userId: string) {
  const group = await openConversation(trx, conversationId, userId, true)
  if (group.kind !== 'group') throw notAGroup()
  if (group.creator_id !== userId)
    throw socialError('not-group-creator', "Only the group's creator changes its members")
  return group
}

/** I leave a group (a one-to-one conversation cannot be left: 422); the last one out deletes it. */
export function leaveGroup(ctx: SocialContext, userId: string, conversationId: string) {
  return inUnitOfWork(ctx.db, async (work) => {
    const group = await openConversation(work.trx, conversationId, userId, true)
    if (group.kind !== 'group') throw notAGroup()
    await removeMembership(work.trx, group, userId)
  })
}

/**
 * The creator adds people: each one as a one-to-one start checks them (404 for nobody and for a block
 * either way, 403 for their setting, 409 for their conversation count); 409 `group-full` past 50. Those in
 * it already are left as they are; 403 while I am suspended. A new member sees the history and has nothing unread.
 */
export async function addMembers(ctx: SocialContext, userId: string, conversationId: string, userIds: string[]) {
  await inUnitOfWork(ctx.db, async (work) => {
    await ensureNotSuspended(work.trx, userId)
    const group = await ownGroup(work.trx, conversationId, userId)
    const present = new Set(await memberIdsOf(work.trx, conversationId))
    const added = [...new Set(userIds.map((id) => id.toLowerCase()))].filter((id) => !present.has(id))
    if (added.length === 0) return
    if (group.member_count + added.length > messageLimits.groupMembers)
      throw socialError('group-full', `A group has at most ${messageLimits.groupMembers} members`)
    await ensureReachable(work.trx, userId, added)
    await ensureRoomFor(work.trx, added)
    await insertMembers(
      work.trx,
      added.map((member) => newMember(group, member)),
    )
    await addToMemberCount(work.trx, conversationId, added.length)
  })
  return conversationDetail(ctx.db, userId, conversationId)
}

const newMember = (group: MemberConversation, userId: string) => ({
  conversation_id: group.id,
  user_id: userId,
  other_id: null,
  last_message_at: group.last_message_at,
  last_read_message_id: group.last_message_id,
  typing_at: null,
})

/** The creator removes a member (404 for someone not in it); removing oneself is leaving. */
export function removeMember(ctx: SocialContext, userId: string, conversationId: string, memberId: string) {
  return inUnitOfWork(ctx.db, async (work) => {
    const group = await ownGroup(work.trx, conversationId, userId)
    if (!(await memberIdsOf(work.trx, conversationId)).includes(memberId.toLowerCase()))
      throw errors.notFound('No such member')
    await removeMembership(work.trx, group, memberId.toLowerCase())
  })
}
