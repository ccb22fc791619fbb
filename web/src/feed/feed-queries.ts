// The community feed (social-service's /social/posts, /social/feed …) through TanStack Query, every key
// under ['feed']: my feed, a tag's public posts and a person's posts, each in cursor pages newest first,
// and a post's comments oldest first. A write reads everything under ['feed'] again (a like or comment
// changes the post's counts in every list showing it), and so does a live feed event (feed-live.ts).
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, type paths } from '../api/client.ts'
import { ProblemError, unwrap } from '../api/problem.ts'

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never

export type Post = Json<paths['/api/v1/social/feed']['get']['responses'][200]>['items'][number]
export type NewPost = Json<paths['/api/v1/social/posts']['post']['requestBody']>
export type Comment = Json<paths['/api/v1/social/posts/{id}/comments']['get']['responses'][200]>['items'][number]

export const feedKey = ['feed'] as const
const commentsKey = (postId: string) => [...feedKey, 'comments', postId] as const

/** Which posts a list shows: mine and the people I follow, a tag's public ones, or one person's. */
export type PostSource = { kind: 'mine' } | { kind: 'tag'; tag: string } | { kind: 'person'; userId: string }

const postsPage = 20
const commentsPage = 50

/** A person or post that is not there for me (no profile, a block either way, not mine to see): 404. */
export const isNotFound = (error: unknown) => error instanceof ProblemError && error.problem.status === 404

function readPosts(source: PostSource, cursor: string | undefined) {
  const query = { limit: postsPage, ...(cursor ? { cursor } : {}) }
  switch (source.kind) {
    case 'mine':
      return api.GET('/api/v1/social/feed', { params: { query } })
    case 'tag':
      return api.GET('/api/v1/social/tags/{tag}/posts', { params: { path: { tag: source.tag }, query } })
    case 'person':
      return api.GET('/api/v1/social/people/{userId}/posts', { params: { path: { userId: source.userId }, query } })
  }
}

/** A list of posts, newest first, `postsPage` a page. */
export function usePosts(source: PostSource) {
  const id = source.kind === 'tag' ? source.tag : source.kind === 'person' ? source.userId : ''
  return useInfiniteQuery({
    queryKey: [...feedKey, 'posts', source.kind, id],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => unwrap(await readPosts(source, pageParam)),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    retry: (failures, error) => !isNotFound(error) && failures < 1,
  })
}

/** A post's comments, oldest first, `commentsPage` a page (read once they are shown). */
export function useComments(postId: string) {
  return useInfiniteQuery({
    queryKey: commentsKey(postId),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/social/posts/{id}/comments', {
          params: { path: { id: postId }, query: { limit: commentsPage, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  })
}

/** A write after which everything under ['feed'] is read again, refused or not. */
function useFeedWrite<Input, Output>(write: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: write,
    onSettled: () => queryClient.invalidateQueries({ queryKey: feedKey }),
  })
}

export function useCreatePost() {
  return useFeedWrite(async (post: NewPost) => unwrap(await api.POST('/api/v1/social/posts', { body: post })))
}

export function useDeletePost() {
  return useFeedWrite(async (id: string) =>
    unwrap(await api.DELETE('/api/v1/social/posts/{id}', { params: { path: { id } } })),
  )
}

/** Like or unlike (again: no change): the API answers the post's new count. */
export function useLike() {
  return useFeedWrite(async ({ id, liked }: { id: string; liked: boolean }) => {
    const params = { params: { path: { id } } }
    return unwrap(
      liked
        ? await api.PUT('/api/v1/social/posts/{id}/like', params)
        : await api.DELETE('/api/v1/social/posts/{id}/like', params),
    )
  })
}

export function useAddComment(postId: string) {
  return useFeedWrite(async (body: string) =>
    unwrap(await api.POST('/api/v1/social/posts/{id}/comments', { params: { path: { id: postId } }, body: { body } })),
  )
}

export function useDeleteComment(postId: string) {
  return useFeedWrite(async (commentId: string) =>
    unwrap(
      await api.DELETE('/api/v1/social/posts/{id}/comments/{commentId}', {
        params: { path: { id: postId, commentId } },
      }),
    ),
  )
}
