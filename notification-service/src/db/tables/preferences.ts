import type { ColumnType, Generated } from 'kysely'
import type { KindChannels } from '../../modules/preferences/preferences.schemas.ts'

type Json<T> = ColumnType<T, string, string>

/** A user's notification settings; no row means the defaults (preferences.repository.ts). */
export interface NotificationPreferencesTable {
  user_id: string
  /** Nothing new on any channel while true. */
  muted: boolean
  /** Local times of the user's day ('HH:MM'); both null, or both set and different. */
  quiet_start: string | null
  quiet_end: string | null
  /** Per kind, each channel on or off; a kind missing here has its default. */
  kinds: Json<Partial<KindChannels>>
  /** Minutes before the due of a task assigned to the user that reminds them when they set no reminders for it; null: none. */
  default_reminder_minutes: ColumnType<number | null, number | null | undefined, number | null>
  /** The daily agenda: on or off, at a local 'HH:MM' (agenda.service.ts). */
  agenda_enabled: Generated<boolean>
  agenda_time: Generated<string>
  /** The evening nudge about habit streaks at risk: on or off, at a local 'HH:MM'. */
  streak_nudge_enabled: Generated<boolean>
  streak_nudge_time: Generated<string>
  /** The weekly review: on or off, on an ISO weekday (1 Monday … 7 Sunday) at a local 'HH:MM'. */
  weekly_review_enabled: Generated<boolean>
  weekly_review_weekday: Generated<number>
  weekly_review_time: Generated<string>
  updated_at: Generated<Date>
}
