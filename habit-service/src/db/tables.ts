import type { AccessRefusalsDatabase } from '@focushub/shared/auth'
import type { ImportRecordsDatabase } from '@focushub/shared/db'
import type { OutboxDatabase, ProcessedEventsDatabase, UserProfilesDatabase } from '@focushub/shared/events'
import type {
  AchievementFactsTable,
  AchievementProgressTable,
  AchievementsTable,
  AchievementUnlocksTable,
} from './tables/achievements.ts'
import type { CheckInsTable } from './tables/check-ins.ts'
import type { HabitsTable } from './tables/habits.ts'
import type { UserRewardsTable } from './tables/rewards.ts'

/** The tables of focushub_habits, one interface each, assembled into the kysely Database type. */
export interface Database
  extends AccessRefusalsDatabase,
    ImportRecordsDatabase,
    OutboxDatabase,
    ProcessedEventsDatabase,
    UserProfilesDatabase {
  habits: HabitsTable
  check_ins: CheckInsTable
  achievements: AchievementsTable
  achievement_progress: AchievementProgressTable
  achievement_unlocks: AchievementUnlocksTable
  achievement_facts: AchievementFactsTable
  user_rewards: UserRewardsTable
}
