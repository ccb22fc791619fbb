/** Focused time per user per local day: what goals, streaks and stats read. */
export interface DailyTotalsTable {
  user_id: string
  local_date: string
  focused_seconds: number
  sessions: number
  pomodoros: number
}

/** One row per user per local day whose goal was reached: given once, withdrawn if edits take the day below its goal. */
export interface GoalAwardsTable {
  user_id: string
  local_date: string
  goal_minutes: number
  focused_minutes: number
  awarded_at: Date
}
