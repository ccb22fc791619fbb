import type { Generated } from 'kysely'

/** What an achievement counts; each has one progress counter per user. */
export type Metric =
  | 'focus_sessions'
  | 'focus_minutes'
  | 'goal_days'
  | 'goal_streak'
  | 'habit_streak'
  | 'check_ins'
  | 'perfect_days'
  | 'tasks_completed'

/** Seeded by migration; a new achievement is a new migration. */
export interface AchievementsTable {
  id: string
  name: string
  description: string
  metric: Metric
  threshold: number
  points: number
  sort_order: number
}

export interface AchievementProgressTable {
  user_id: string
  metric: Metric
  value: number
}

/** The unique (user_id, achievement_id) key is what makes each unlock happen exactly once. */
export interface AchievementUnlocksTable {
  user_id: string
  achievement_id: string
  unlocked_at: Generated<Date>
}

/** Kinds of facts counted once each, whatever events repeat them. */
export type FactKind = 'goal_day' | 'perfect_day' | 'done_day' | 'task'

export interface AchievementFactsTable {
  user_id: string
  kind: FactKind
  key: string
}
