// Sharing a session read-only: with other people (by their e-mail, which the API looks up), by public
// link (its token shown once, at creation), and the sessions others shared with me.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../api/client.ts'
import { unwrap } from '../api/problem.ts'
import { focusKey } from './focus-queries.ts'

const sharesKey = (sessionId: string) => [...focusKey, 'shares', sessionId] as const

/** A session's recipients (with their display names, when known) and its public links (revoked ones too). */
export function useShares(sessionId: string) {
  return useQuery({
    queryKey: sharesKey(sessionId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/focus/sessions/{id}/shares', { params: { path: { id: sessionId } } })),
  })
}

/** A write to a session's shares, its recipients and links read again afterwards. */
function useSharesMutation<Input, Output>(sessionId: string, write: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: write,
    onSettled: () => queryClient.invalidateQueries({ queryKey: sharesKey(sessionId) }),
  })
}

/** Shares with the person of this e-mail; an e-mail without an account, or your own, is refused (422) naming it. */
export function useShareWith(sessionId: string) {
  return useSharesMutation(sessionId, async (email: string) =>
    unwrap(
      await api.POST('/api/v1/focus/sessions/{id}/shares', {
        params: { path: { id: sessionId } },
        body: { emails: [email] },
      }),
    ),
  )
}

export function useUnshare(sessionId: string) {
  return useSharesMutation(sessionId, async (userId: string) =>
    unwrap(
      await api.DELETE('/api/v1/focus/sessions/{id}/shares/{userId}', {
        params: { path: { id: sessionId, userId } },
      }),
    ),
  )
}

/** A new public link; its answer holds the token, which the API never shows again. */
export function useCreateLink(sessionId: string) {
  return useSharesMutation(sessionId, async () =>
    unwrap(await api.POST('/api/v1/focus/sessions/{id}/links', { params: { path: { id: sessionId } }, body: {} })),
  )
}

export function useRevokeLink(sessionId: string) {
  return useSharesMutation(sessionId, async (linkId: string) =>
    unwrap(
      await api.DELETE('/api/v1/focus/sessions/{id}/links/{linkId}', {
        params: { path: { id: sessionId, linkId } },
      }),
    ),
  )
}

/** Sessions others shared with me, newest first, a page at a time. */
export function useSharedWithMe() {
  return useInfiniteQuery({
    queryKey: [...focusKey, 'shared-with-me'],
    // Others share and unshare without this tab knowing: read again each time the list shows.
    staleTime: 0,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/focus/sessions/shared', {
          params: { query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  })
}
