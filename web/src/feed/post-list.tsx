import { formMessage } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { isNotFound, type PostSource, usePosts } from './feed-queries.ts'
import { PostItem } from './post-item.tsx'

/** A list of posts, newest first, a page at a time; `notFound` is said for a 404 (a person not there for me). */
export function PostList({
  source,
  userId,
  empty,
  notFound,
}: {
  source: PostSource
  userId: string
  empty: string
  notFound?: string
}) {
  const pages = usePosts(source)
  const posts = pages.data?.pages.flatMap((page) => page.items) ?? []
  if (notFound && isNotFound(pages.error))
    return (
      <p role="alert" className="form-error">
        {notFound}
      </p>
    )
  return (
    <div className="post-list">
      <FormMessage message={formMessage(pages.error)} />
      {pages.isPending && <p className="muted">Loading posts…</p>}
      {pages.isSuccess && posts.length === 0 && <p className="muted">{empty}</p>}
      {posts.map((post) => (
        <PostItem key={post.id} post={post} userId={userId} />
      ))}
      {/* Held during a re-read of the pages too: the next page's read would cancel it. */}
      {pages.hasNextPage && (
        <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetching}>
          Load more
        </button>
      )}
    </div>
  )
}
