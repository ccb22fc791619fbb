// social-service's connections (/social/…) through TanStack Query, every key under ['people']: my
// social profile, people search, and my lists (friends, requests, following, followers, blocked), each
// in cursor pages. A write reads every list and search again (a block changes several at once), and so
// does a live social event (people-live.ts).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type paths } from '../api/client.ts'
import { ProblemError, unwrap } from '../api/problem.ts'
import { standingWith } from './people-text.ts'

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never

export type SocialProfile = Json<paths['/api/v1/social/me']['get']['responses'][200]>
export type ProfileChanges = Json<paths['/api/v1/social/me']['patch']['requestBody']>
export type Person = Json<paths['/api/v1/social/people']['get']['responses'][200]>['items'][number]
export type Connection = Json<paths['/api/v1/social/friends']['get']['responses'][200]>['items'][number]

/** My lists, each a GET of its own path. */
const listPaths = {
  friends: '/api/v1/social/friends',
  incoming: '/api/v1/social/friend-requests/incoming',
  outgoing: '/api/v1/social/friend-requests/outgoing',
  following: '/api/v1/social/following',
  followers: '/api/v1/social/followers',
  blocked: '/api/v1/social/blocks',
} as const
export type ListName = keyof typeof listPaths

const peopleKey = ['people'] as const
const profileKey = [...peopleKey, 'me'] as const
export const listsKey = [...peopleKey, 'list'] as const
export const searchKey = [...peopleKey, 'search'] as const
const listKey = (list: ListName) => [...listsKey, list] as const

const pageSize = 50
/** The search's minimum: the API refuses a shorter `q` (400). */
export const minQueryLength = 2

/** True for the refusal of a stale `version`: the profile changed since this tab read it. */
export const isStale = (error: unknown) => error instanceof ProblemError && error.problem.status === 412

export function useSocialProfile() {
  return useQuery({ queryKey: profileKey, queryFn: async () => unwrap(await api.GET('/api/v1/social/me')) })
}

export function useSaveSocialProfile() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (changes: ProfileChanges) => unwrap(await api.PATCH('/api/v1/social/me', { body: changes })),
    onSuccess: (profile) => queryClient.setQueryData(profileKey, profile),
    // Changed elsewhere: read it again, so the form shows what is saved now.
    onError: (error) => (isStale(error) ? queryClient.invalidateQueries({ queryKey: profileKey }) : undefined),
  })
}

/** People whose display name or handle begins with `q` (nobody blocked either way); off below the minimum. */
export function usePeopleSearch(q: string) {
  return useQuery({
    queryKey: [...searchKey, q],
    enabled: q.length >= minQueryLength,
    queryFn: async () => unwrap(await api.GET('/api/v1/social/people', { params: { query: { q } } })).items,
  })
}

/** One of my lists, newest first, `pageSize` a page. */
export function useConnections(list: ListName) {
  return useInfiniteQuery({
    queryKey: listKey(list),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET(listPaths[list], {
          params: { query: { limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  })
}

/** The user ids of a list's loaded pages. */
function useConnectedIds(list: ListName) {
  const pages = useConnections(list)
  return new Set(pages.data?.pages.flatMap((page) => page.items.map((item) => item.user.userId)))
}

/** Where I stand with anyone, from my lists (the pages loaded): whom I follow, friends, requests each way. */
export function useStandings() {
  const lists = {
    friends: useConnectedIds('friends'),
    incoming: useConnectedIds('incoming'),
    outgoing: useConnectedIds('outgoing'),
    following: useConnectedIds('following'),
  }
  return (userId: string) => standingWith(userId, lists)
}

/** What one can do about another person, each one call naming them. */
const connectionWrites = {
  follow: (userId: string) => api.PUT('/api/v1/social/following/{userId}', { params: { path: { userId } } }),
  unfollow: (userId: string) => api.DELETE('/api/v1/social/following/{userId}', { params: { path: { userId } } }),
  request: (userId: string) => api.POST('/api/v1/social/friend-requests', { body: { userId } }),
  accept: (userId: string) =>
    api.POST('/api/v1/social/friend-requests/{userId}/accept', { params: { path: { userId } } }),
  decline: (userId: string) =>
    api.POST('/api/v1/social/friend-requests/{userId}/decline', { params: { path: { userId } } }),
  cancel: (userId: string) => api.DELETE('/api/v1/social/friend-requests/{userId}', { params: { path: { userId } } }),
  unfriend: (userId: string) => api.DELETE('/api/v1/social/friends/{userId}', { params: { path: { userId } } }),
  block: (userId: string) => api.PUT('/api/v1/social/blocks/{userId}', { params: { path: { userId } } }),
  unblock: (userId: string) => api.DELETE('/api/v1/social/blocks/{userId}', { params: { path: { userId } } }),
}
export type ConnectionAction = keyof typeof connectionWrites

/** One action about one person; every list and search is read again after it, refused or not. */
export function useConnectionAction() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ action, userId }: { action: ConnectionAction; userId: string }) =>
      unwrap(await connectionWrites[action](userId)),
    onSettled: () => Promise.all([listsKey, searchKey].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  })
}
