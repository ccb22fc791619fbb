import type { RequestContext } from '@focushub/shared/context'
import { inUnitOfWork } from '@focushub/shared/events'
import type { SocialContext } from '../../context.ts'
import { socialError } from '../../errors.ts'
import { recordSocialEvent } from '../../events/social-events.ts'
import { ensureNotSuspended } from '../moderation/suspension.ts'
import { toConnection } from './connections.view.ts'
import { openReachablePair } from './pair.ts'
import { personOf } from './profiles.repository.ts'
import { countUpTo, deleteFollow, findFollow, insertFollow } from './relations.repository.ts'

/**
 * I follow them (following again changes nothing and tells no one). 404 for nobody and for someone blocked
 * either way; 403 when they take no followers or I am suspended; 409 past FOLLOWS_MAX.
 */
export function follow(ctx: SocialContext, context: RequestContext, followeeId: string) {
  const followerId = context.userId
  return inUnitOfWork(ctx.db, async (work) => {
    await ensureNotSuspended(work.trx, followerId)
    const { other } = await openReachablePair(work.trx, followerId, followeeId)
    const existing = await findFollow(work.trx, followerId, followeeId)
    if (existing) return toConnection(await personOf(work.trx, followeeId), existing.created_at)
    if (other.who_may_follow === 'nobody') throw socialError('follows-closed', 'This person does not take followers')
    if ((await countUpTo(work.trx, 'following', followerId, ctx.config.FOLLOWS_MAX)) >= ctx.config.FOLLOWS_MAX)
      throw socialError('follow-limit-reached', `You follow ${ctx.config.FOLLOWS_MAX} people, as many as one may`)
    const row = await insertFollow(work.trx, followerId, followeeId)
    recordSocialEvent(work, 'social.user.followed', { followeeId, audience: [followeeId] }, context)
    return toConnection(await personOf(work.trx, followeeId), row.created_at)
  })
}

/** I stop following them (not following already is no error); 404 for nobody, as for follow. */
export function unfollow(ctx: SocialContext, userId: string, followeeId: string) {
  return inUnitOfWork(ctx.db, async (work) => {
    await openReachablePair(work.trx, userId, followeeId)
    await deleteFollow(work.trx, userId, followeeId)
  })
}
