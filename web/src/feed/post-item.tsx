import { useId, useState } from 'react'
import { Link } from 'wouter'
import { HiddenNotice } from '../moderation/hidden-notice.tsx'
import { socialWriteMessage, when } from '../moderation/moderation-text.ts'
import { ReportButton } from '../moderation/report-dialog.tsx'
import { FormMessage } from '../ui/field.tsx'
import { type Post, useDeletePost, useLike } from './feed-queries.ts'
import { authorName, commentsText, likesText, visibilityLabel } from './feed-text.ts'
import { PostComments } from './post-comments.tsx'

const time = (instant: string) =>
  new Date(instant).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/**
 * One post: who wrote it (a link to their posts), when, who may see it, its text as React text (never
 * HTML; line breaks kept), its tags as links to their public feeds, like or unlike with the count, its
 * comments shown on demand, mine deleted after a second click (and marked when a moderator hid it),
 * another's reported.
 */
export function PostItem({ post, userId }: { post: Post; userId: string }) {
  const like = useLike()
  const remove = useDeletePost()
  const [confirming, setConfirming] = useState(false)
  const [showComments, setShowComments] = useState(false)
  const headingId = useId()
  const commentsId = useId()
  const mine = post.author.userId === userId
  const name = authorName(post.author, userId)
  return (
    <article className="post" aria-labelledby={headingId}>
      <header className="post-head">
        <h3 id={headingId} className="post-author">
          <Link href={`/feed/people/${post.author.userId}`}>{name}</Link>
        </h3>
        {post.author.handle && <span className="muted">{`@${post.author.handle}`}</span>}
        <time className="muted" dateTime={post.createdAt}>
          {time(post.createdAt)}
        </time>
        <span className="post-badge">{visibilityLabel(post.visibility)}</span>
        {post.editedAt && <span className="muted">(edited)</span>}
      </header>
      {post.hidden && <HiddenNotice reason={post.hidden.reason} />}
      <p className="post-body">{post.body}</p>
      {post.tags.length > 0 && (
        <ul className="post-tags" aria-label="Tags">
          {post.tags.map((tag) => (
            <li key={tag}>
              <Link href={`/feed/tags/${tag}`}>{`#${tag}`}</Link>
            </li>
          ))}
        </ul>
      )}
      <FormMessage message={socialWriteMessage(like.error ?? remove.error, when)} />
      <div className="post-actions">
        <button
          type="button"
          aria-pressed={post.likedByMe}
          disabled={like.isPending}
          onClick={() => like.mutate({ id: post.id, liked: !post.likedByMe })}
        >
          <span aria-hidden="true" className="post-heart">
            {post.likedByMe ? '♥' : '♡'}
          </span>
          Like
        </button>
        <span className="muted post-likes">{likesText(post.likeCount)}</span>
        <button
          type="button"
          aria-expanded={showComments}
          aria-controls={commentsId}
          onClick={() => setShowComments((shown) => !shown)}
        >
          {commentsText(post.commentCount)}
        </button>
        {!mine && (
          <ReportButton target={{ type: 'post', id: post.id }} label={`Report post by ${name}`} excerpt={post.body} />
        )}
        {mine &&
          (confirming ? (
            <span className="post-confirm">
              <button type="button" disabled={remove.isPending} onClick={() => remove.mutate(post.id)}>
                Delete post
              </button>
              <button type="button" className="quiet" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button type="button" className="quiet" onClick={() => setConfirming(true)}>
              Delete
            </button>
          ))}
      </div>
      <div id={commentsId} hidden={!showComments}>
        {showComments && <PostComments post={post} userId={userId} />}
      </div>
    </article>
  )
}
