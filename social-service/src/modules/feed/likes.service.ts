import type { RequestContext } from '@focushub/shared/context'
import { inUnitOfWork } from '@focushub/shared/events'
import type { SocialContext } from '../../context.ts'
import { recordSocialEvent } from '../../events/social-events.ts'
import { ensureNotSuspended } from '../moderation/suspension.ts'
import { addLike, likeCountOf, moveCounter, removeLike } from './comments.repository.ts'
import { lockVisiblePost } from './posts.repository.ts'
import { noSuchPost } from './posts.service.ts'

/**
 * Likes (or unlikes) a post I may see (404 otherwise; liking not while suspended: 403); again changes nothing. The post's row is locked
 * first, so its counter moves one like at a time; a new like tells the post's author (`social.post.liked`).
 */
export function setLike(ctx: SocialContext, context: RequestContext, postId: string, liked: boolean) {
  const userId = context.userId
  return inUnitOfWork(ctx.db, async (work) => {
    if (liked) await ensureNotSuspended(work.trx, userId)
    const post = await lockVisiblePost(work.trx, userId, postId)
    if (!post) throw noSuchPost()
    const changed = liked ? await addLike(work.trx, postId, userId) : await removeLike(work.trx, postId, userId)
    if (!changed) return { liked, likeCount: await likeCountOf(work.trx, postId) }
    const likeCount = await moveCounter(work.trx, postId, 'like_count', liked ? 1 : -1)
    if (liked) recordSocialEvent(work, 'social.post.liked', { postId, audience: [post.author_id] }, context)
    return { liked, likeCount }
  })
}
