// The whole focus history in cursor pages, logging a past session, and one session with its pauses.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type paths } from '../api/client.ts'
import { unwrap } from '../api/problem.ts'
import { type FocusTarget, focusKey, historyKey } from './focus-queries.ts'

export type LogInput = paths['/api/v1/focus/sessions/manual']['post']['requestBody']['content']['application/json']
/** Sessions started at or after `from` and before `to` (RFC 3339 instants), either optional. */
export interface HistoryFilter {
  from?: string
  to?: string
}

const pageSize = 20

/** My sessions, newest start first, `pageSize` a page; `fetchNextPage` reads the next one from its cursor. */
export function useHistoryPages(filter: HistoryFilter) {
  return useInfiniteQuery({
    queryKey: [...historyKey, 'pages', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/focus/sessions', {
          params: { query: { ...filter, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  })
}

/** Logs a past session; every session list is read again, refused or not. */
export function useLogSession() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (input: LogInput & FocusTarget) =>
      unwrap(await api.POST('/api/v1/focus/sessions/manual', { body: input })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: historyKey }),
  })
}

/** One of my sessions, with its pauses and their reasons. */
export function useSession(id: string) {
  return useQuery({
    queryKey: [...focusKey, 'session', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/focus/sessions/{id}', { params: { path: { id } } })),
  })
}
