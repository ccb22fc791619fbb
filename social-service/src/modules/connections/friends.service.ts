import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork } from '@focushub/shared/events'
import type { SocialContext } from '../../context.ts'
import { socialError } from '../../errors.ts'
import { recordSocialEvent } from '../../events/social-events.ts'
import { ensureNotSuspended } from '../moderation/suspension.ts'
import { toConnection } from './connections.view.ts'
import { openReachablePair } from './pair.ts'
import { personOf } from './profiles.repository.ts'
import {
  countUpTo,
  deleteFriendship,
  deleteRequest,
  findFriendship,
  findRequest,
  insertFriendship,
  insertRequest,
} from './relations.repository.ts'

const noSuchRequest = () => errors.notFound('No such friend request')

/**
 * I ask them to be friends; asking again answers the pending request (created: false) and tells no one.
 * 404 for nobody and for someone blocked either way; 403 while I am suspended; 409 when we are friends,
 * when they asked me first, or past PENDING_FRIEND_REQUESTS_MAX.
 */
export function requestFriendship(ctx: SocialContext, context: RequestContext, toId: string) {
  const fromId = context.userId
  return inUnitOfWork(ctx.db, async (work) => {
    await ensureNotSuspended(work.trx, fromId)
    await openReachablePair(work.trx, fromId, toId)
    if (await findFriendship(work.trx, fromId, toId)) throw socialError('already-friends', 'You are friends already')
    if (await findRequest(work.trx, toId, fromId))
      throw socialError('friend-request-incoming', 'They asked you first: accept their request')
    const existing = await findRequest(work.trx, fromId, toId)
    if (existing) return { created: false, request: toConnection(await personOf(work.trx, toId), existing.created_at) }
    const max = ctx.config.PENDING_FRIEND_REQUESTS_MAX
    if ((await countUpTo(work.trx, 'outgoing', fromId, max)) >= max)
      throw socialError('friend-request-limit-reached', `You have ${max} requests pending, as many as one may`)
    const row = await insertRequest(work.trx, fromId, toId)
    recordSocialEvent(work, 'social.friend.requested', { addresseeId: toId, audience: [toId] }, context)
    return { created: true, request: toConnection(await personOf(work.trx, toId), row.created_at) }
  })
}

/** I accept their request: we are friends, and both are told. 409 when either has FRIENDS_MAX friends. */
export function acceptFriendship(ctx: SocialContext, context: RequestContext, fromId: string) {
  const userId = context.userId
  return inUnitOfWork(ctx.db, async (work) => {
    await openReachablePair(work.trx, userId, fromId)
    if (!(await deleteRequest(work.trx, fromId, userId))) throw noSuchRequest()
    const max = ctx.config.FRIENDS_MAX
    for (const side of [userId, fromId])
      if ((await countUpTo(work.trx, 'friends', side, max)) >= max)
        throw socialError('friend-limit-reached', `One of you has ${max} friends, as many as one may`)
    const row = await insertFriendship(work.trx, userId, fromId)
    recordSocialEvent(work, 'social.friend.accepted', { requesterId: fromId, audience: [fromId, userId] }, context)
    return toConnection(await personOf(work.trx, fromId), row.created_at)
  })
}

/** I decline their request (it is deleted; they are not told). */
export function declineFriendship(ctx: SocialContext, userId: string, fromId: string) {
  return inUnitOfWork(ctx.db, async (work) => {
    await openReachablePair(work.trx, userId, fromId)
    if (!(await deleteRequest(work.trx, fromId, userId))) throw noSuchRequest()
  })
}

/** I take back my request to them. */
export function cancelFriendRequest(ctx: SocialContext, userId: string, toId: string) {
  return inUnitOfWork(ctx.db, async (work) => {
    await openReachablePair(work.trx, userId, toId)
    if (!(await deleteRequest(work.trx, userId, toId))) throw noSuchRequest()
  })
}

/** We stop being friends (both rows go; neither is told). */
export function removeFriend(ctx: SocialContext, userId: string, friendId: string) {
  return inUnitOfWork(ctx.db, async (work) => {
    await openReachablePair(work.trx, userId, friendId)
    if (!(await deleteFriendship(work.trx, userId, friendId))) throw errors.notFound('You are not friends')
  })
}
