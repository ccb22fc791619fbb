import type { AccessRefusalsDatabase } from '@focushub/shared/auth'
import type { NamedUserProfilesTable, OutboxDatabase, ProcessedEventsDatabase } from '@focushub/shared/events'
import type { DailyTotalsTable, GoalAwardsTable } from './tables/daily-totals.ts'
import type { FocusSessionsTable, SessionPausesTable } from './tables/focus-sessions.ts'
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
}
