import type { Kysely } from 'kysely'
import type { RoomParticipantRow, RoomRow } from '../../db/tables/rooms.ts'
import type { Database } from '../../db/tables.ts'
import { timerViewOf } from '../room-timer/room-timer.ts'
import { displayNameOf, participantsWithNames } from './rooms.repository.ts'

type ParticipantState = 'focusing' | 'break' | 'idle' | 'away'

/**
 * Whether the participant is shown away: no live stream of theirs reported lately (`away`), or they said
 * they stepped away (`stepped_away`). `focus.room.presence_changed` is published when this flips.
 */
export const isAway = (participant: Pick<RoomParticipantRow, 'away' | 'stepped_away'>) =>
  participant.away || participant.stepped_away

/** What a participant is doing: away; else, in the timer while it runs or is paused, its phase's; else idle. */
export function participantState(
  room: Pick<RoomRow, 'timer_status' | 'phase'>,
  participant: RoomParticipantRow,
): ParticipantState {
  if (isAway(participant)) return 'away'
  if (!participant.in_timer || room.timer_status === 'idle' || !room.phase) return 'idle'
  return room.phase === 'work' ? 'focusing' : 'break'
}

export const planOfRoom = (room: RoomRow) => ({
  workMinutes: room.work_minutes,
  shortBreakMinutes: room.short_break_minutes,
  longBreakMinutes: room.long_break_minutes,
  cyclesBeforeLongBreak: room.cycles_before_long_break,
})

/** A room in the directory or an invitation. */
export const toRoomSummary = (room: RoomRow & { host_name: string | null }) => ({
  id: room.id,
  name: room.name,
  visibility: room.visibility,
  tags: room.tags,
  capacity: room.capacity,
  participantCount: room.participant_count,
  hostId: room.host_id,
  hostName: room.host_name,
  timer: timerViewOf(room),
})

/** The room as `userId` sees it: its settings, timer, everyone in it and their own part (null if not in it). */
export async function roomViewOf(db: Kysely<Database>, room: RoomRow, userId: string) {
  const people = await participantsWithNames(db, room.id)
  const participants = people.map((person) => ({
    userId: person.user_id,
    displayName: person.display_name,
    joinedAt: person.joined_at.toISOString(),
    isHost: person.user_id === room.host_id,
    away: isAway(person),
    inTimer: person.in_timer,
    muted: person.muted,
    state: participantState(room, person),
  }))
  const host = participants.find((person) => person.isHost)
  return {
    id: room.id,
    name: room.name,
    visibility: room.visibility,
    capacity: room.capacity,
    tags: room.tags,
    anyoneControls: room.anyone_controls,
    plan: planOfRoom(room),
    hostId: room.host_id,
    hostName: host ? host.displayName : await displayNameOf(db, room.host_id),
    participantCount: room.participant_count,
    createdAt: room.created_at.toISOString(),
    version: room.version,
    timer: timerViewOf(room),
    participants,
    me: participants.find((person) => person.userId === userId) ?? null,
  }
}
