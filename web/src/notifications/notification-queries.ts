// The inbox (notification-service's /notifications) and its settings through TanStack Query. Every
// query is keyed under ['notifications'], which the live updates' `notification.*` events read
// again. Reading, reading all and deleting change the cached pages and the unread count at once
// (optimistic), put them back when the API refuses, and read them again after either way.
import {
  type InfiniteData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { api, type paths } from '../api/client.ts'
import { unwrap } from '../api/problem.ts'

type Page = paths['/api/v1/notifications']['get']['responses'][200]['content']['application/json']
export type Notification = Page['items'][number]
export type NotificationOrder = NonNullable<
  NonNullable<paths['/api/v1/notifications']['get']['parameters']['query']>['order']
>
export type NotificationSettings =
  paths['/api/v1/notification-settings']['get']['responses'][200]['content']['application/json']
export type NotificationKind = Notification['kind']

const pageSize = 20
const notificationsKey = ['notifications'] as const
const countKey = [...notificationsKey, 'unread-count'] as const
const pagesKey = [...notificationsKey, 'pages'] as const
/** Outside ['notifications']: no live event changes them, so a new notification does not re-read a form being edited. */
const settingsKey = ['notification-settings'] as const

type Pages = InfiniteData<Page, string | undefined>

/** How many of my notifications are unread, for the bell. */
export function useUnreadCount() {
  return useQuery({
    queryKey: countKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/notifications/unread-count')).unread,
  })
}

/** My notifications in `order`, `pageSize` a page; `fetchNextPage` reads the next one from its cursor. */
export function useNotificationPages(order: NotificationOrder) {
  return useInfiniteQuery({
    queryKey: [...pagesKey, order],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/notifications', {
          params: { query: { order, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  })
}

/**
 * Applies `change` to every cached page of every order and `count` to the unread count; returns how
 * to undo both.
 */
async function changeInbox(
  queryClient: QueryClient,
  change: (items: Notification[]) => Notification[],
  count: (unread: number, items: Notification[]) => number,
) {
  await queryClient.cancelQueries({ queryKey: notificationsKey })
  const pages = queryClient.getQueriesData<Pages>({ queryKey: pagesKey })
  const unread = queryClient.getQueryData<number>(countKey)
  const items = pages.flatMap(([, data]) => data?.pages.flatMap((page) => page.items) ?? [])
  for (const [key, data] of pages) {
    if (data)
      queryClient.setQueryData<Pages>(key, {
        ...data,
        pages: data.pages.map((page) => ({ ...page, items: change(page.items) })),
      })
  }
  if (unread !== undefined) queryClient.setQueryData(countKey, Math.max(0, count(unread, items)))
  return () => {
    for (const [key, data] of pages) queryClient.setQueryData(key, data)
    queryClient.setQueryData(countKey, unread)
  }
}

/** True when the cached lists hold `id` unread (each order holds its own copy: counted once). */
const isUnread = (items: Notification[], id: string) => items.some((item) => item.id === id && item.readAt === null)

function useInboxWrite<Input>(
  write: (input: Input) => Promise<unknown>,
  change: (input: Input) => (items: Notification[]) => Notification[],
  count: (input: Input) => (unread: number, items: Notification[]) => number,
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: write,
    onMutate: (input: Input) => changeInbox(queryClient, change(input), count(input)),
    onError: (_error, _input, undo) => undo?.(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  })
}

const now = () => new Date().toISOString()

export function useMarkRead() {
  return useInboxWrite(
    async (id: string) => unwrap(await api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    (id) => (items) =>
      items.map((item) => (item.id === id && item.readAt === null ? { ...item, readAt: now() } : item)),
    (id) => (unread, items) => (isUnread(items, id) ? unread - 1 : unread),
  )
}

export function useMarkAllRead() {
  return useInboxWrite(
    async () => unwrap(await api.POST('/api/v1/notifications/read-all')),
    () => (items) => items.map((item) => (item.readAt === null ? { ...item, readAt: now() } : item)),
    () => () => 0,
  )
}

export function useDeleteNotification() {
  return useInboxWrite(
    async (id: string) => unwrap(await api.DELETE('/api/v1/notifications/{id}', { params: { path: { id } } })),
    (id) => (items) => items.filter((item) => item.id !== id),
    (id) => (unread, items) => (isUnread(items, id) ? unread - 1 : unread),
  )
}

export function useNotificationSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/notification-settings')),
  })
}

/** Replaces the settings (PUT, no version: the last save wins); the answer becomes the cached settings. */
export function useSaveNotificationSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (settings: NotificationSettings) =>
      unwrap(await api.PUT('/api/v1/notification-settings', { body: settings })),
    onSuccess: (settings) => queryClient.setQueryData(settingsKey, settings),
  })
}
