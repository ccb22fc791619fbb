import { errors } from '@focushub/shared/errors'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { socialError } from '../../errors.ts'
import { noSuchUser } from '../connections/pair.ts'
import { countConversationsUpTo, type MemberConversation, memberConversation } from './conversations.repository.ts'
import { messageLimits, messagingRefusal } from './messages.rules.ts'
import { type Reach, reachOf } from './people.repository.ts'

/** What a stranger, a left member and a person blocked in a one-to-one conversation are all answered. */
export const noSuchConversation = () => errors.notFound('No such conversation')

/** The conversation of member `userId` (404 for anyone else); `lock` takes the conversation's row. */
export async function openConversation(db: Kysely<Database>, conversationId: string, userId: string, lock = false) {
  const conversation = await memberConversation(db, conversationId, userId, lock)
  if (!conversation) throw noSuchConversation()
  return conversation
}

/** The other person of a one-to-one conversation. */
export const otherOf = (conversation: MemberConversation, userId: string) =>
  (conversation.direct_low === userId.toLowerCase() ? conversation.direct_high : conversation.direct_low) as string

/**
 * `userId` may write to each of `otherIds`: 404 `No such user` for a person without a profile or with a
 * block either way (nothing tells them apart), 403 when their setting refuses `userId`.
 */
export async function ensureReachable(db: Kysely<Database>, userId: string, otherIds: string[]) {
  ensureMayWrite(await reachOf(db, userId, otherIds), otherIds)
}

/** ensureReachable's answer, given each other person's reach as read after their profiles' lock. */
export function ensureMayWrite(reach: Reach[], otherIds: string[]) {
  if (reach.length < new Set(otherIds).size || reach.some((person) => person.blocked)) throw noSuchUser()
  for (const person of reach) {
    const refusal = messagingRefusal(person.who_may_message, person.friends)
    if (refusal === 'messages-closed') throw socialError(refusal, 'This person takes no direct messages')
    if (refusal === 'messages-friends-only') throw socialError(refusal, 'This person takes messages from friends only')
  }
}

/** 409 when any of them is in as many conversations as one may be. */
export async function ensureRoomFor(db: Kysely<Database>, userIds: string[]) {
  const max = messageLimits.conversations
  for (const userId of userIds)
    if ((await countConversationsUpTo(db, userId, max)) >= max)
      throw socialError('conversation-limit-reached', `Someone would be in more than ${max} conversations`)
}
