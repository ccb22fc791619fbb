/** A user's timer defaults and daily goal; absent until they change one (defaults apply). */
export interface UserSettingsTable {
  user_id: string
  work_minutes: number
  short_break_minutes: number
  long_break_minutes: number
  cycles_before_long_break: number
  daily_goal_minutes: number
  updated_at: Date
}
