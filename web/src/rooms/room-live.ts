// The open room kept current: its live events (focus.room.* for this room) and whether I stepped away.
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { onLiveEvent, onLiveOpen } from '../api/live.ts'
import { isOutOfRoom, messagesKey, type RoomView, roomKey, sendPresence } from './room-queries.ts'

/** Why I am no longer in the room: what the event that took me out says. */
export type OutReason = 'left' | 'removed' | 'banned' | 'timeout' | 'closed'

/**
 * Reads the room again on each of its events newer than the cached room (`roomVersion` above its
 * `version`: an event older than what the screen shows, or the answer to this tab's own write, changes
 * nothing), and the chat on each new message, which does not change the version. Answers why I was
 * taken out of the room, once an event says so (`focus.room.left` naming me, or `closed`).
 */
export function useRoomEvents(roomId: string, userId: string) {
  const queryClient = useQueryClient()
  const [out, setOut] = useState<OutReason>()
  useEffect(
    () =>
      onLiveEvent(({ type, data }) => {
        if (!type.startsWith('focus.room.') || data?.roomId !== roomId) return
        if (type === 'focus.room.left' && data.participantId === userId) setOut(data.reason as OutReason)
        if (type === 'focus.room.closed') setOut('closed')
        if (type === 'focus.room.message_posted') {
          void queryClient.invalidateQueries({ queryKey: messagesKey(roomId) })
          return
        }
        const shown = queryClient.getQueryData<RoomView>(roomKey(roomId))
        if (!shown || Number(data.roomVersion) > shown.version)
          void queryClient.invalidateQueries({ queryKey: roomKey(roomId) })
      }),
    [queryClient, roomId, userId],
  )
  // Whatever happened between reading the room and the stream opening (or while it was down) is read again.
  useEffect(
    () =>
      onLiveOpen(() => {
        void queryClient.invalidateQueries({ queryKey: roomKey(roomId) })
        void queryClient.invalidateQueries({ queryKey: messagesKey(roomId) })
      }),
    [queryClient, roomId],
  )
  return out
}

/**
 * While I am in the room and its screen is open: my presence when the screen opens, and when the page
 * is hidden (stepped away) or shown again. No interval: that I am connected the gateways report from
 * my live stream. A call refused because I am out reads the room again, which then says so.
 */
export function usePresence(roomId: string, present: boolean) {
  const queryClient = useQueryClient()
  useEffect(() => {
    if (!present) return
    const beat = () =>
      sendPresence(roomId, document.visibilityState === 'hidden').catch((error: unknown) => {
        if (isOutOfRoom(error)) void queryClient.invalidateQueries({ queryKey: roomKey(roomId) })
      })
    void beat()
    document.addEventListener('visibilitychange', beat)
    return () => document.removeEventListener('visibilitychange', beat)
  }, [roomId, present, queryClient])
}
