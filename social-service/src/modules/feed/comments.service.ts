import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork } from '@focushub/shared/events'
import { decodeCursor, pageOf } from '@focushub/shared/http'
import { v7 as uuidv7 } from 'uuid'
import type { SocialContext } from '../../context.ts'
import { socialError } from '../../errors.ts'
import { recordSocialEvent } from '../../events/social-events.ts'
import { ensureNotSuspended } from '../moderation/suspension.ts'
import {
  commentById,
  commentPage,
  deleteComment,
  insertComment,
  lockComment,
  moveCounter,
} from './comments.repository.ts'
import { toComment } from './feed.view.ts'
import { takeQuota } from './feed-quota.ts'
import { lockVisiblePost, visiblePost } from './posts.repository.ts'
import { noSuchPost } from './posts.service.ts'

/** A page of a post I may see's comments, oldest first (those of anyone blocked either way left out). */
export async function listComments(
  ctx: SocialContext,
  userId: string,
  postId: string,
  query: { cursor?: string; limit: number },
) {
  if (!(await visiblePost(ctx.db, userId, postId))) throw noSuchPost()
  const after = query.cursor ? decodeCursor(query.cursor) : undefined
  const page = pageOf(await commentPage(ctx.db, userId, postId, after, query.limit + 1), query.limit)
  return { items: page.items.map(toComment), nextCursor: page.nextCursor }
}

/**
 * Comments on a post I may see (404 otherwise), not while suspended (403), at most commentsPerDay in any 24 hours (429); the post's
 * count moves with it, and `social.comment.created` goes to the post's author.
 */
export async function addComment(ctx: SocialContext, context: RequestContext, postId: string, body: string) {
  const userId = context.userId
  const id = await inUnitOfWork(ctx.db, async (work) => {
    await ensureNotSuspended(work.trx, userId)
    const now = await takeQuota(work.trx, userId, 'post_comments')
    const post = await lockVisiblePost(work.trx, userId, postId)
    if (!post) throw noSuchPost()
    const comment = { id: uuidv7(), post_id: postId, author_id: userId, body: body.trim(), created_at: now }
    await insertComment(work.trx, comment)
    await moveCounter(work.trx, postId, 'comment_count', 1)
    const data = { postId, commentId: comment.id, audience: [post.author_id] }
    recordSocialEvent(work, 'social.comment.created', data, context)
    return comment.id
  })
  return toComment(await commentById(ctx.db, id))
}

/** Deletes a comment on a post I may see: my own, or any on my post (403 for another's on another's post). */
export function removeComment(ctx: SocialContext, userId: string, ids: { id: string; commentId: string }) {
  return inUnitOfWork(ctx.db, async (work) => {
    const post = await lockVisiblePost(work.trx, userId, ids.id)
    if (!post) throw noSuchPost()
    const comment = await lockComment(work.trx, userId, post, ids.commentId)
    if (!comment) throw errors.notFound('No such comment')
    if (comment.author_id !== userId && post.author_id !== userId)
      throw socialError('not-comment-author', "Only its author, or the post's author, deletes a comment")
    await deleteComment(work.trx, comment.id)
    await moveCounter(work.trx, post.id, 'comment_count', -1)
  })
}
