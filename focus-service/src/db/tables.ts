import type { AccessRefusalsDatabase } from '@focushub/shared/auth'
import type { NamedUserProfilesTable, OutboxDatabase, ProcessedEventsDatabase } from '@focushub/shared/events'
import type { DailyTotalsTable, GoalAwardsTable } from './tables/daily-totals.ts'
import type { FocusSessionsTable, SessionPausesTable } from './tables/focus-sessions.ts'
import type {
  RoomBansTable,
  RoomInvitationsTable,
  RoomInviteLinksTable,
  RoomMessagesTable,
  RoomParticipantsTable,
  RoomReportsTable,
  RoomsTable,
} from './tables/rooms.ts'
import type { PublicLinksTable, SessionSharesTable, ShareAuditTable } from './tables/sharing.ts'
import type { UserSettingsTable } from './tables/user-settings.ts'

/** The tables of focushub_focus, one interface each, assembled into the kysely Database type. */
export interface Database extends AccessRefusalsDatabase, OutboxDatabase, ProcessedEventsDatabase {
  /** The shared profile, with the display name a session's recipients are shown by. */
  user_profiles: NamedUserProfilesTable
  user_settings: UserSettingsTable
  focus_sessions: FocusSessionsTable
  session_pauses: SessionPausesTable
  daily_totals: DailyTotalsTable
  goal_awards: GoalAwardsTable
  session_shares: SessionSharesTable
  public_links: PublicLinksTable
  share_audit: ShareAuditTable
  rooms: RoomsTable
  room_participants: RoomParticipantsTable
  room_bans: RoomBansTable
  room_invitations: RoomInvitationsTable
  room_invite_links: RoomInviteLinksTable
  room_messages: RoomMessagesTable
  room_reports: RoomReportsTable
}
