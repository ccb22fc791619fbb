import type { CommentRow } from './comments.repository.ts'
import type { PostRow } from './posts.repository.ts'

/** What its author (the only one who still reads it) sees of a hidden post or comment; null when not hidden. */
const hiddenOf = (row: { hidden_at: Date | null; hidden_reason: string | null }) =>
  row.hidden_at ? { reason: row.hidden_reason ?? '', at: row.hidden_at.toISOString() } : null

export const toPost = (row: PostRow) => ({
  id: row.id,
  author: { userId: row.author_id, handle: row.handle, displayName: row.display_name },
  body: row.body,
  tags: row.tags,
  visibility: row.visibility,
  likeCount: row.like_count,
  commentCount: row.comment_count,
  likedByMe: row.liked,
  createdAt: row.created_at.toISOString(),
  editedAt: row.edited_at ? row.edited_at.toISOString() : null,
  hidden: hiddenOf(row),
})

export const toComment = (row: CommentRow) => ({
  id: row.id,
  postId: row.post_id,
  author: { userId: row.author_id, handle: row.handle, displayName: row.display_name },
  body: row.body,
  createdAt: row.created_at.toISOString(),
  hidden: hiddenOf(row),
})
