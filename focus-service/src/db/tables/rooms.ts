import type { Selectable } from 'kysely'
import type { Phase } from '../../modules/sessions/sessions.schemas.ts'

export type RoomVisibility = 'public' | 'private'
export type RoomStatus = 'open' | 'closed'
export type RoomTimerStatus = 'idle' | 'running' | 'paused'

/**
 * A focus room and its shared timer. The timer is explicit: the phase and cycle it is in, when the
 * phase began and (running) when it ends, or (paused) the milliseconds it had left.
 */
export interface RoomsTable {
  id: string
  host_id: string
  name: string
  visibility: RoomVisibility
  capacity: number
  tags: string[]
  /** Whether every participant may drive the timer, not only the host. */
  anyone_controls: boolean
  work_minutes: number
  short_break_minutes: number
  long_break_minutes: number
  cycles_before_long_break: number
  status: RoomStatus
  timer_status: RoomTimerStatus
  phase: Phase | null
  cycle: number | null
  phase_started_at: Date | null
  phase_ends_at: Date | null
  phase_remaining_ms: number | null
  /** Kept with every join and leave: the directory sorts by it. */
  participant_count: number
  /** Since when nobody is in the room; it closes FOCUS_ROOM_EMPTY_CLOSE_AFTER_MS later. */
  empty_since: Date | null
  created_at: Date
  closed_at: Date | null
  version: number
}

export type RoomRow = Selectable<RoomsTable>

/** Who is in a room now (a user is in at most one), their presence, their part in the timer and chat budget. */
export interface RoomParticipantsTable {
  room_id: string
  user_id: string
  joined_at: Date
  /** When a gateway last reported a live stream of theirs, or they last said where they are. */
  last_seen_at: Date
  /** No live stream of theirs reported for FOCUS_ROOM_AWAY_AFTER_MS (they leave FOCUS_ROOM_LEAVE_AFTER_MS later). */
  away: boolean
  /** They said they stepped away (their page is hidden); shown as away, but they stay in the room. */
  stepped_away: boolean
  /** Whether the shared work phases drive a session of theirs. */
  in_timer: boolean
  /** What the sessions the room starts for them are tied to. */
  task_id: string | null
  habit_id: string | null
  muted: boolean
  /** Chat token bucket: messages they may still send now, refilled over time. */
  chat_tokens: number
  chat_refilled_at: Date
}

export type RoomParticipantRow = Selectable<RoomParticipantsTable>

export interface RoomBansTable {
  room_id: string
  user_id: string
  banned_by: string
  created_at: Date
}

/** Users invited to a private room by name; an invitation lets them join. */
export interface RoomInvitationsTable {
  room_id: string
  user_id: string
  invited_by: string
  created_at: Date
}

/** Invite links to a room: only the SHA-256 of the token is kept. */
export interface RoomInviteLinksTable {
  id: string
  room_id: string
  token_hash: string
  created_by: string
  expires_at: Date
  revoked_at: Date | null
  created_at: Date
}

/** Room chat: plain text, kept while the room is open. */
export interface RoomMessagesTable {
  id: string
  room_id: string
  user_id: string
  body: string
  created_at: Date
}

/** A report of a room or one of its messages; a message's text and author are copied in. */
export interface RoomReportsTable {
  id: string
  room_id: string
  reporter_id: string
  message_id: string | null
  message_author_id: string | null
  message_body: string | null
  reason: string
  created_at: Date
  resolved_at: Date | null
  resolved_by: string | null
}
