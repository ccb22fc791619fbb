import { type ExportCollection, idKey, wholeCollection } from '@focushub/shared/exports'
import { DateTime, LocalDate, Uuid } from '@focushub/shared/http'
import Type from 'typebox'
import type { FocusContext } from '../../context.ts'
import { messageView } from '../room-chat/room-chat.service.ts'
import { planOfRoom, toRoomSummary } from '../rooms/room-view.ts'
import { toPauseView, toSessionView } from '../sessions/session-view.ts'
import { pausesOfSessions } from '../sessions/sessions.repository.ts'
import { findSettings } from '../settings/settings.repository.ts'

/**
 * A user's part of their export: their timer defaults and daily goal, every session with its pauses (as
 * a session's detail shows it), the days whose goal they reached, the rooms they made (closed ones too)
 * and the chat messages they wrote in rooms still open (a room's chat ends with it). Each page is one
 * range of focus_sessions_history (user_id, started_at, id), goal_awards (user_id, local_date),
 * rooms_host_id (host_id, id) or room_messages_user_room (user_id, room_id, created_at).
 */
export const exportCollections = ({ db, now }: FocusContext): ExportCollection[] => [
  wholeCollection('settings', async (userId) => [{ ...(await findSettings(db, userId)) }]),
  {
    name: 'sessions',
    key: Type.Tuple([DateTime, Uuid]),
    read: async (userId, after: [string, string] | undefined, limit) => {
      const rows = await db
        .selectFrom('focus_sessions')
        .selectAll()
        .where('user_id', '=', userId)
        .$if(after !== undefined, (query) =>
          query.where(({ eb, refTuple, tuple }) => {
            const [startedAt, id] = after as [string, string]
            return eb(refTuple('started_at', 'id'), '>', tuple(new Date(startedAt), id))
          }),
        )
        .orderBy('started_at')
        .orderBy('id')
        .limit(limit)
        .execute()
      const pauses = await pausesOfSessions(
        db,
        rows.map((row) => row.id),
      )
      const at = now()
      return rows.map((row) => ({
        ...toSessionView(row, at),
        pauses: pauses.filter((pause) => pause.session_id === row.id).map(toPauseView),
      }))
    },
    keyOf: (session) => [session.startedAt as string, session.id as string],
  },
  {
    name: 'daily-goals',
    key: LocalDate,
    read: async (userId, after: string | undefined, limit) =>
      (
        await db
          .selectFrom('goal_awards')
          .selectAll()
          .where('user_id', '=', userId)
          .$if(after !== undefined, (query) => query.where('local_date', '>', after as string))
          .orderBy('local_date')
          .limit(limit)
          .execute()
      ).map((award) => ({
        localDate: award.local_date,
        goalMinutes: award.goal_minutes,
        focusedMinutes: award.focused_minutes,
        achievedAt: award.awarded_at.toISOString(),
      })),
    keyOf: (day) => day.localDate as string,
  },
  {
    name: 'rooms',
    ...idKey,
    read: async (userId, after: string | undefined, limit) =>
      (
        await db
          .selectFrom('rooms')
          .leftJoin('user_profiles', 'user_profiles.user_id', 'rooms.host_id')
          .selectAll('rooms')
          .select('user_profiles.display_name as host_name')
          .where('rooms.host_id', '=', userId)
          .$if(after !== undefined, (query) => query.where('rooms.id', '>', after as string))
          .orderBy('rooms.id')
          .limit(limit)
          .execute()
      ).map((room) => ({
        ...toRoomSummary(room),
        anyoneControls: room.anyone_controls,
        plan: planOfRoom(room),
        status: room.status,
        createdAt: room.created_at.toISOString(),
        closedAt: room.closed_at?.toISOString() ?? null,
      })),
  },
  {
    name: 'room-messages',
    key: Type.Tuple([Uuid, DateTime, Uuid]),
    read: async (userId, after: [string, string, string] | undefined, limit) =>
      (
        await db
          .selectFrom('room_messages')
          .leftJoin('user_profiles', 'user_profiles.user_id', 'room_messages.user_id')
          .selectAll('room_messages')
          .select('user_profiles.display_name')
          .where('room_messages.user_id', '=', userId)
          .$if(after !== undefined, (query) =>
            query.where(({ eb, refTuple, tuple }) => {
              const [roomId, createdAt, id] = after as [string, string, string]
              return eb(
                refTuple('room_messages.room_id', 'room_messages.created_at', 'room_messages.id'),
                '>',
                tuple(roomId, new Date(createdAt), id),
              )
            }),
          )
          .orderBy('room_messages.room_id')
          .orderBy('room_messages.created_at')
          .orderBy('room_messages.id')
          .limit(limit)
          .execute()
      ).map((message) => ({ roomId: message.room_id, ...messageView(message, message.display_name) })),
    keyOf: (message) => [message.roomId as string, message.createdAt as string, message.id as string],
  },
]
