// The host's writes to a room (its settings, closing it, its people, invitations and invite links)
// and the invite links' list, through TanStack Query, keyed under ['rooms'] as room-queries.ts.
import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client.ts'
import { unwrap } from '../api/problem.ts'
import {
  currentKey,
  directoryKey,
  type Moderation,
  type RoomChanges,
  roomKey,
  roomsKey,
  useRoomWrite,
} from './room-queries.ts'

const linksKey = (id: string) => [...roomsKey, 'invite-links', id] as const

/** The room's invite links (the host's to read), revoked and expired ones marked. */
export function useInviteLinks(roomId: string) {
  return useQuery({
    queryKey: linksKey(roomId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/focus/rooms/{id}/invite-links', { params: { path: { id: roomId } } })).items,
  })
}

/** Closes the room (the host): everyone is out, the chat gone. */
export function useCloseRoom(roomId: string) {
  return useRoomWrite(
    async () => unwrap(await api.DELETE('/api/v1/focus/rooms/{id}', { params: { path: { id: roomId } } })),
    () => [currentKey, directoryKey],
  )
}

/** The room's settings (the host), sent with the `version` read: a 412 means it changed meanwhile. */
export function useUpdateRoom(roomId: string) {
  return useRoomWrite(
    async (changes: RoomChanges) =>
      unwrap(await api.PATCH('/api/v1/focus/rooms/{id}', { params: { path: { id: roomId } }, body: changes })),
    () => [roomKey(roomId)],
  )
}

/** The host's say over a participant: mute or unmute them, remove them, or ban them (removed and kept out). */
export function useModerate(roomId: string) {
  return useRoomWrite(
    async ({ userId, action }: { userId: string; action: Moderation }) => {
      const params = { path: { id: roomId, userId } }
      if (action === 'mute')
        return unwrap(await api.PUT('/api/v1/focus/rooms/{id}/participants/{userId}/mute', { params }))
      if (action === 'unmute')
        return unwrap(await api.DELETE('/api/v1/focus/rooms/{id}/participants/{userId}/mute', { params }))
      if (action === 'remove')
        return unwrap(await api.DELETE('/api/v1/focus/rooms/{id}/participants/{userId}', { params }))
      return unwrap(
        await api.POST('/api/v1/focus/rooms/{id}/bans', { params: { path: { id: roomId } }, body: { userId } }),
      )
    },
    () => [roomKey(roomId)],
  )
}

/** Invites the person of this e-mail (the API looks it up; an unknown one is refused naming it). */
export function useInviteByEmail(roomId: string) {
  return useRoomWrite(
    async (email: string) =>
      unwrap(
        await api.POST('/api/v1/focus/rooms/{id}/invitations', {
          params: { path: { id: roomId } },
          body: { emails: [email] },
        }),
      ),
    () => [],
  )
}

/** A new invite link; its answer holds the token, which the API never shows again. */
export function useCreateInviteLink(roomId: string) {
  return useRoomWrite(
    async () =>
      unwrap(await api.POST('/api/v1/focus/rooms/{id}/invite-links', { params: { path: { id: roomId } }, body: {} })),
    () => [linksKey(roomId)],
  )
}

export function useRevokeInviteLink(roomId: string) {
  return useRoomWrite(
    async (linkId: string) =>
      unwrap(
        await api.DELETE('/api/v1/focus/rooms/{id}/invite-links/{linkId}', {
          params: { path: { id: roomId, linkId } },
        }),
      ),
    () => [linksKey(roomId)],
  )
}
