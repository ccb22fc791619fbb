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
  updated_at: Generated<Date>
}
