import { type FormEvent, useState } from 'react'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { HiddenNotice } from '../moderation/hidden-notice.tsx'
import { socialWriteMessage, when } from '../moderation/moderation-text.ts'
import { ReportButton } from '../moderation/report-dialog.tsx'
import { Field, FormMessage } from '../ui/field.tsx'
import { type Comment, type Post, useAddComment, useComments, useDeleteComment } from './feed-queries.ts'
import { authorName, canDeleteComment, maxCommentCharacters } from './feed-text.ts'

const time = (instant: string) =>
  new Date(instant).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })

/** A post's comments, oldest first (more with Load more), and the box to add one. */
export function PostComments({ post, userId }: { post: Post; userId: string }) {
  const pages = useComments(post.id)
  const remove = useDeleteComment(post.id)
  const comments = pages.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <div className="post-comments">
      <FormMessage message={formMessage(pages.error ?? remove.error)} />
      {pages.isSuccess && comments.length === 0 && <p className="muted">No comments yet.</p>}
      <ul aria-label="Comments">
        {comments.map((comment) => (
          <CommentItem
            key={comment.id}
            comment={comment}
            userId={userId}
            deletable={canDeleteComment(comment.author.userId, post.author.userId, userId)}
            busy={remove.isPending}
            onDelete={() => remove.mutate(comment.id)}
          />
        ))}
      </ul>
      {/* Held during a re-read of the pages too: the next page's read would cancel it. */}
      {pages.hasNextPage && (
        <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetching}>
          More comments
        </button>
      )}
      <CommentForm postId={post.id} />
    </div>
  )
}

function CommentItem({
  comment,
  userId,
  deletable,
  busy,
  onDelete,
}: {
  comment: Comment
  userId: string
  deletable: boolean
  busy: boolean
  onDelete: () => void
}) {
  const [confirming, setConfirming] = useState(false)
  const name = authorName(comment.author, userId)
  const mine = comment.author.userId === userId
  return (
    <li className="comment">
      <span className="comment-author">{name}</span>
      <time className="muted" dateTime={comment.createdAt}>
        {time(comment.createdAt)}
      </time>
      {(deletable || !mine) && (
        <span className="comment-actions">
          {!mine && (
            <ReportButton
              target={{ type: 'comment', id: comment.id }}
              label={`Report comment by ${name}`}
              excerpt={comment.body}
            />
          )}
          {!deletable ? null : confirming ? (
            <>
              <button type="button" disabled={busy} onClick={onDelete}>
                Delete comment
              </button>
              <button type="button" className="quiet" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" className="quiet" onClick={() => setConfirming(true)}>
              Delete
            </button>
          )}
        </span>
      )}
      {comment.hidden && <HiddenNotice reason={comment.hidden.reason} />}
      <p className="comment-body">{comment.body}</p>
    </li>
  )
}

/** A comment: plain text up to the API's length (the count shown); a refusal said above it, the text kept. */
function CommentForm({ postId }: { postId: string }) {
  const add = useAddComment(postId)
  const [body, setBody] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (body.trim()) add.mutate(body.trim(), { onSuccess: () => setBody('') })
  }
  return (
    <form className="comment-form" onSubmit={submit} noValidate>
      <FormMessage message={socialWriteMessage(add.error, when)} />
      <Field label="Add a comment" error={fieldMessage(add.error, 'body')}>
        {(control) => (
          <textarea
            {...control}
            rows={2}
            maxLength={maxCommentCharacters}
            value={body}
            onChange={(event) => setBody(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="primary" disabled={add.isPending || !body.trim()}>
        Comment
      </button>
      <p className="muted feed-count">{`${body.length} / ${maxCommentCharacters}`}</p>
    </form>
  )
}
