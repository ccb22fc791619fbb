import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork } from '@focushub/shared/events'
import { v7 as uuidv7 } from 'uuid'
import type { SocialContext } from '../../context.ts'
import type { PostVisibility } from '../../db/tables/feed.ts'
import { socialError } from '../../errors.ts'
import { recordSocialEvent } from '../../events/social-events.ts'
import { ensureProfile } from '../connections/profiles.repository.ts'
import { databaseNow } from '../messages/people.repository.ts'
import { ensureNotSuspended } from '../moderation/suspension.ts'
import { normalizeTags } from './feed.rules.ts'
import { toPost } from './feed.view.ts'
import { takeQuota } from './feed-quota.ts'
import { deletePost, indexTags, insertPost, lockVisiblePost, updatePost, visiblePost } from './posts.repository.ts'

/** What a missing post and one the caller may not see both answer. */
export const noSuchPost = () => errors.notFound('No such post')

/** One post, if the caller may see it (404 otherwise, whatever the reason). */
export async function readPost(ctx: SocialContext, userId: string, postId: string) {
  const post = await visiblePost(ctx.db, userId, postId)
  if (!post) throw noSuchPost()
  return toPost(post)
}

/**
 * Writes a post (not while suspended: 403; at most postsPerDay in any 24 hours: 429), its public tags, and
 * `social.post.created` to its author alone (the feed is read on demand; nobody else is pushed anything).
 */
export async function createPost(
  ctx: SocialContext,
  context: RequestContext,
  input: { body: string; tags?: string[]; visibility?: PostVisibility },
) {
  const userId = context.userId
  const id = await inUnitOfWork(ctx.db, async (work) => {
    await ensureProfile(work.trx, userId)
    await ensureNotSuspended(work.trx, userId)
    const now = await takeQuota(work.trx, userId, 'posts')
    const post = {
      id: uuidv7(),
      author_id: userId,
      body: input.body.trim(),
      tags: normalizeTags(input.tags ?? []),
      visibility: input.visibility ?? 'friends',
      created_at: now,
    }
    await insertPost(work.trx, post)
    await indexTags(work.trx, post)
    recordSocialEvent(work, 'social.post.created', { postId: post.id, visibility: post.visibility }, context)
    return post.id
  })
  return readPost(ctx, userId, id)
}

/** The caller's own post, locked: 404 when they may not see it, 403 when they see it but it is not theirs. */
async function ownPost(trx: SocialContext['db'], userId: string, postId: string) {
  const post = await lockVisiblePost(trx, userId, postId)
  if (!post) throw noSuchPost()
  if (post.author_id !== userId) throw socialError('not-post-author', 'Only its author changes a post')
  return post
}

/** Edits my post's body, tags or visibility; its public tag index follows (a post made private leaves it at once). */
export async function editPost(
  ctx: SocialContext,
  userId: string,
  postId: string,
  changes: { body?: string; tags?: string[]; visibility?: PostVisibility },
) {
  await inUnitOfWork(ctx.db, async (work) => {
    await ownPost(work.trx, userId, postId)
    const edited = await updatePost(work.trx, postId, {
      ...(changes.body === undefined ? {} : { body: changes.body.trim() }),
      ...(changes.tags === undefined ? {} : { tags: normalizeTags(changes.tags) }),
      ...(changes.visibility === undefined ? {} : { visibility: changes.visibility }),
      edited_at: await databaseNow(work.trx),
    })
    await indexTags(work.trx, edited)
  })
  return readPost(ctx, userId, postId)
}

/** Deletes my post, with its comments, likes and tags: gone for everyone. `social.post.deleted` to me. */
export function removePost(ctx: SocialContext, context: RequestContext, postId: string) {
  return inUnitOfWork(ctx.db, async (work) => {
    await ownPost(work.trx, context.userId, postId)
    await deletePost(work.trx, postId)
    recordSocialEvent(work, 'social.post.deleted', { postId }, context)
  })
}
