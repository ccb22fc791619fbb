// Focus rooms (focus-service's /focus/rooms…) through TanStack Query, every key under ['rooms'].
// A room is read whole (GET /focus/rooms/{id}: the timer, the participants, my part) and read again
// after each write to it and on each live room event newer than the cached `version` (room-live.ts);
// its chat and invite links (host-queries.ts) are keyed apart, so a presence change re-reads neither.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type paths } from '../api/client.ts'
import { ProblemError, unwrap } from '../api/problem.ts'

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never

export type RoomView = Json<paths['/api/v1/focus/rooms/{id}']['get']['responses'][200]>
export type RoomSummary = Json<paths['/api/v1/focus/rooms']['get']['responses'][200]>['items'][number]
export type ReceivedInvitation = Json<
  paths['/api/v1/focus/rooms/invitations']['get']['responses'][200]
>['items'][number]
export type Participant = RoomView['participants'][number]
export type RoomTimer = RoomView['timer']
export type NewRoom = Json<paths['/api/v1/focus/rooms']['post']['requestBody']>
export type RoomChanges = Json<paths['/api/v1/focus/rooms/{id}']['patch']['requestBody']>
export type MyPart = Json<paths['/api/v1/focus/rooms/{id}/me']['patch']['requestBody']>
export type Message = Json<paths['/api/v1/focus/rooms/{id}/messages']['get']['responses'][200]>['items'][number]
export type InviteLink = Json<paths['/api/v1/focus/rooms/{id}/invite-links']['get']['responses'][200]>['items'][number]
export type RoomTimerAction = 'start' | 'pause' | 'resume' | 'skip' | 'end'
export type Moderation = 'mute' | 'unmute' | 'remove' | 'ban'

export const roomsKey = ['rooms'] as const
export const currentKey = [...roomsKey, 'current'] as const
const invitationsKey = [...roomsKey, 'invitations'] as const
export const directoryKey = [...roomsKey, 'directory'] as const
export const roomKey = (id: string) => [...roomsKey, 'room', id] as const
export const messagesKey = (id: string) => [...roomsKey, 'messages', id] as const

const pageSize = 20

/** A problem saying the room is not mine to see any more: gone, private and left (404), or public and left (409 not-in-room). */
export const isOutOfRoom = (error: unknown) =>
  error instanceof ProblemError &&
  (error.problem.status === 404 || (error.problem.status === 409 && error.problem.code === 'not-in-room'))

/** Open public rooms, fullest first, `pageSize` a page, narrowed by a part of the name and one tag. */
export function useDirectory(filter: { q?: string; tag?: string }) {
  return useInfiniteQuery({
    queryKey: [...directoryKey, filter],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/focus/rooms', {
          params: { query: { ...filter, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  })
}

/** The room I am in (a user is in at most one), or null. */
export function useCurrentRoom() {
  return useQuery({
    queryKey: currentKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/focus/rooms/current')).room,
  })
}

/** Rooms I am invited to (a new one arrives live: focus.room.invited). */
export function useRoomInvitations() {
  return useQuery({
    queryKey: invitationsKey,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/focus/rooms/invitations', { params: { query: { limit: 200 } } })).items,
  })
}

export function useRoom(id: string) {
  return useQuery({
    queryKey: roomKey(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/focus/rooms/{id}', { params: { path: { id } } })),
    // A room I may not see stays so: no second ask.
    retry: (failures, error) => !isOutOfRoom(error) && failures < 1,
    // Live events carry every change; this only covers a stream that is down while the timer runs.
    refetchInterval: (query) => (query.state.data?.timer.status === 'running' ? 15_000 : false),
  })
}

/** The room's chat, newest first in pages (the screen shows them oldest at the top). */
export function useMessages(roomId: string) {
  return useInfiniteQuery({
    queryKey: messagesKey(roomId),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/focus/rooms/{id}/messages', {
          params: { path: { id: roomId }, query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  })
}

/** A write whose answer or refusal changes what the given keys hold: they are read again either way. */
export function useRoomWrite<Input, Output>(
  write: (input: Input) => Promise<Output>,
  keys: (input: Input) => readonly (readonly string[])[],
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: write,
    onSettled: (_data, _error, input) =>
      Promise.all(keys(input).map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  })
}

/** A room, with me as its host; the room I am in changes. */
export function useCreateRoom() {
  return useRoomWrite(
    async (room: NewRoom) => unwrap(await api.POST('/api/v1/focus/rooms', { body: room })),
    () => [currentKey, directoryKey],
  )
}

/** Joins a public room or one I am invited to (the invitation is used up). */
export function useJoinRoom() {
  return useRoomWrite(
    async (id: string) => unwrap(await api.POST('/api/v1/focus/rooms/{id}/join', { params: { path: { id } } })),
    (id) => [roomKey(id), currentKey, invitationsKey],
  )
}

export function useJoinByLink() {
  return useRoomWrite(
    async (token: string) => unwrap(await api.POST('/api/v1/focus/rooms/join', { body: { token } })),
    () => [currentKey, invitationsKey],
  )
}

export function useDeclineInvitation() {
  return useRoomWrite(
    async ({ roomId, userId }: { roomId: string; userId: string }) =>
      unwrap(
        await api.DELETE('/api/v1/focus/rooms/{id}/invitations/{userId}', {
          params: { path: { id: roomId, userId } },
        }),
      ),
    () => [invitationsKey],
  )
}

export function useLeaveRoom(roomId: string) {
  return useRoomWrite(
    async () => unwrap(await api.POST('/api/v1/focus/rooms/{id}/leave', { params: { path: { id: roomId } } })),
    () => [currentKey, roomKey(roomId)],
  )
}

/** Drives the shared timer; its answer (the timer and the room's new version) shows at once. */
export function useTimerControl(roomId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    // Sent without the version read: the room's version moves with every join and presence change, and
    // an action the timer's state no longer allows is refused anyway (409).
    mutationFn: async (action: RoomTimerAction) =>
      unwrap(
        await api.POST(`/api/v1/focus/rooms/{id}/timer/${action}`, { params: { path: { id: roomId } }, body: {} }),
      ) as { timer: RoomTimer; version: number },
    onSuccess: ({ timer, version }) =>
      queryClient.setQueryData<RoomView>(roomKey(roomId), (room) =>
        room && version > room.version ? { ...room, timer, version } : room,
      ),
    // The participants' states follow the phase; my own session too.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: roomKey(roomId) }),
        queryClient.invalidateQueries({ queryKey: ['focus'] }),
      ]),
  })
}

/** Whether the shared timer drives my sessions, and what they are on. */
export function useUpdateMyPart(roomId: string) {
  return useRoomWrite(
    async (part: MyPart) =>
      unwrap(await api.PATCH('/api/v1/focus/rooms/{id}/me', { params: { path: { id: roomId } }, body: part })),
    () => [roomKey(roomId), ['focus']],
  )
}

export function usePostMessage(roomId: string) {
  return useRoomWrite(
    async (body: string) =>
      unwrap(await api.POST('/api/v1/focus/rooms/{id}/messages', { params: { path: { id: roomId } }, body: { body } })),
    () => [messagesKey(roomId)],
  )
}

/** Reports the room, or one of its messages, to the admins (the room is not told who). */
export function useReport(roomId: string) {
  return useMutation({
    mutationFn: async (report: { reason: string; messageId?: string }) =>
      unwrap(await api.POST('/api/v1/focus/rooms/{id}/reports', { params: { path: { id: roomId } }, body: report })),
  })
}

/** The heartbeat that keeps me present, and says whether I am away (the page hidden). */
export async function sendPresence(roomId: string, away: boolean) {
  return unwrap(
    await api.POST('/api/v1/focus/rooms/{id}/presence', { params: { path: { id: roomId } }, body: { away } }),
  )
}
