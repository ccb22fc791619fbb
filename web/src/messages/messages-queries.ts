// Direct messages (social-service's /social/conversations…) through TanStack Query, every key under
// ['messages']. The live events of a conversation read its queries again (messages-live.ts); a write
// reads again what it changes, as the rooms' writes do.
import {
  type InvalidateQueryFilters,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { api, type paths } from '../api/client.ts'
import { ProblemError, unwrap } from '../api/problem.ts'

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never

export type ConversationSummary = Json<paths['/api/v1/social/conversations']['get']['responses'][200]>['items'][number]
export type Conversation = Json<paths['/api/v1/social/conversations/{id}']['get']['responses'][200]>
export type Member = Conversation['members'][number]
export type Message = Json<
  paths['/api/v1/social/conversations/{id}/messages']['get']['responses'][200]
>['items'][number]
export type Person = Json<paths['/api/v1/social/people']['get']['responses'][200]>['items'][number]

export const messagesKey = ['messages'] as const
const listKey = [...messagesKey, 'list'] as const
const unreadKey = [...messagesKey, 'unread'] as const
export const conversationKey = (id: string) => [...messagesKey, 'conversation', id] as const
const messagePagesKey = (id: string) => [...conversationKey(id), 'messages'] as const

export const minQueryLength = 2
const conversationsPage = 20
const messagesPage = 50

/** A conversation that is not mine to see (never was, left, or a block between us): 404. */
export const isNotFound = (error: unknown) => error instanceof ProblemError && error.problem.status === 404

/** My conversations, newest activity first, `conversationsPage` a page. */
export function useConversations() {
  return useInfiniteQuery({
    queryKey: listKey,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/social/conversations', {
          params: { query: { limit: conversationsPage, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  })
}

/** The unread counts of my 50 most recently active conversations (the nav's badge). */
export function useUnreadConversations() {
  return useQuery({
    queryKey: unreadKey,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/social/conversations', { params: { query: { limit: 50 } } })).items,
  })
}

export function useConversation(id: string) {
  return useQuery({
    queryKey: conversationKey(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/social/conversations/{id}', { params: { path: { id } } })),
    retry: (failures, error) => !isNotFound(error) && failures < 1,
  })
}

/** A conversation's messages, newest first in pages (the screen shows them oldest at the top). */
export function useMessages(id: string) {
  return useInfiniteQuery({
    queryKey: messagePagesKey(id),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/social/conversations/{id}/messages', {
          params: { path: { id }, query: { limit: messagesPage, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  })
}

/** People by the start of their display name or handle (without me or anyone blocked either way). */
export function usePeople(q: string) {
  return useQuery({
    queryKey: [...messagesKey, 'people', q],
    enabled: q.length >= minQueryLength,
    queryFn: async () => unwrap(await api.GET('/api/v1/social/people', { params: { query: { q, limit: 10 } } })).items,
  })
}

/**
 * A write after which what it changes is read again: by default everything under ['messages'] (a
 * conversation's writes change the list too).
 */
function useMessagesWrite<Input, Output>(
  write: (input: Input) => Promise<Output>,
  changed: readonly InvalidateQueryFilters[] = [{ queryKey: messagesKey }],
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: write,
    onSettled: () => Promise.all(changed.map((filters) => queryClient.invalidateQueries(filters))),
  })
}

export function useStartDirect() {
  return useMessagesWrite(async (userId: string) =>
    unwrap(await api.POST('/api/v1/social/conversations/direct', { body: { userId } })),
  )
}

export function useCreateGroup() {
  return useMessagesWrite(async (group: { title: string; memberIds: string[] }) =>
    unwrap(await api.POST('/api/v1/social/conversations', { body: group })),
  )
}

export function useSendMessage(id: string) {
  return useMessagesWrite(async (body: string) =>
    unwrap(await api.POST('/api/v1/social/conversations/{id}/messages', { params: { path: { id } }, body: { body } })),
  )
}

export function useEditMessage(id: string) {
  return useMessagesWrite(async ({ messageId, body }: { messageId: string; body: string }) =>
    unwrap(
      await api.PATCH('/api/v1/social/conversations/{id}/messages/{messageId}', {
        params: { path: { id, messageId } },
        body: { body },
      }),
    ),
  )
}

export function useDeleteMessage(id: string) {
  return useMessagesWrite(async (messageId: string) =>
    unwrap(
      await api.DELETE('/api/v1/social/conversations/{id}/messages/{messageId}', {
        params: { path: { id, messageId } },
      }),
    ),
  )
}

/**
 * Reading changes no message: the list, the unread counts and the members' read positions are read again,
 * not the conversation's pages (whose refetch would cancel a "Load older" in flight).
 */
export function useMarkRead(id: string) {
  return useMessagesWrite(
    async (messageId: string) =>
      unwrap(
        await api.PUT('/api/v1/social/conversations/{id}/read', { params: { path: { id } }, body: { messageId } }),
      ),
    // The conversation itself only (exact): its message pages sit under its key, and their refetch
    // would cancel a "Load older" in flight, losing the click.
    [{ queryKey: listKey }, { queryKey: unreadKey }, { queryKey: conversationKey(id), exact: true }],
  )
}

export function useMute(id: string) {
  return useMessagesWrite(async (muted: boolean) => {
    const params = { params: { path: { id } } }
    return unwrap(
      muted
        ? await api.PUT('/api/v1/social/conversations/{id}/mute', params)
        : await api.DELETE('/api/v1/social/conversations/{id}/mute', params),
    )
  })
}

export function useLeaveGroup(id: string) {
  return useMessagesWrite(async () =>
    unwrap(await api.POST('/api/v1/social/conversations/{id}/leave', { params: { path: { id } } })),
  )
}

/** I am typing: the members are told (the API drops more than one every 3 s). */
export async function sendTyping(id: string) {
  return unwrap(await api.POST('/api/v1/social/conversations/{id}/typing', { params: { path: { id } } }))
}
