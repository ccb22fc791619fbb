// The signed-in user's exports of their account (notification-service's /exports) through TanStack Query.
// An export is built by the service's worker and no live event says so (but its notification): the list
// reads itself again while one is being built.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type paths } from '../api/client.ts'
import { unwrap } from '../api/problem.ts'
import { refreshInterval } from './export-text.ts'

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never

export type AccountExport = Json<paths['/api/v1/exports']['get']['responses'][200]>['items'][number]

const listKey = ['exports'] as const

/**
 * My exports, newest first: at most 5 a day, each kept 72 hours, so one page holds them all. Read again
 * every 2 s while one is being built (`refreshInterval`).
 */
export function useExports() {
  return useQuery({
    queryKey: listKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/exports', { params: { query: { limit: 50 } } })).items,
    refetchInterval: (query) => refreshInterval(query.state.data ?? []),
  })
}

/**
 * Asks for an export; the list shows it at once (being prepared) and is read again. A refusal (one is
 * being built, from another tab or device; too many today) reads the list again too, as it may hold one
 * this screen has not seen.
 */
export function useRequestExport() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/exports')),
    onSuccess: (created) =>
      queryClient.setQueryData<AccountExport[]>(listKey, (exports) => [
        created,
        ...(exports ?? []).filter(({ id }) => id !== created.id),
      ]),
    onSettled: () => queryClient.invalidateQueries({ queryKey: listKey }),
  })
}

/** A short-lived link to download a ready export's ZIP (a presigned GET answering it as an attachment). */
export function useExportLink() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (id: string) => unwrap(await api.POST('/api/v1/exports/{id}/link', { params: { path: { id } } })),
    // Refused, it is no longer ready (deleted or expired elsewhere): the list says so.
    onError: () => queryClient.invalidateQueries({ queryKey: listKey }),
  })
}

export function useDeleteExport() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (id: string) => unwrap(await api.DELETE('/api/v1/exports/{id}', { params: { path: { id } } })),
    onSuccess: (_, id) => {
      queryClient.setQueryData<AccountExport[]>(listKey, (exports) => exports?.filter((exported) => exported.id !== id))
      return queryClient.invalidateQueries({ queryKey: listKey })
    },
  })
}
