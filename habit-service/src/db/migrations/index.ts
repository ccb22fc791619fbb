import { createAccessRefusalsMigration } from '@focushub/shared/auth'
import { createImportRecordsMigration, type Migrations } from '@focushub/shared/db'
import {
  addOutboxTraceparentMigration,
  createIdempotentWritesMigration,
  createOutboxMigration,
  createProcessedEventsMigration,
  createUserProfilesMigration,
  mergeProcessedEventsMigration,
} from '@focushub/shared/events'
import * as createHabits from './20261122T130000_create_habits.ts'
import * as createCheckIns from './20261122T130100_create_check_ins.ts'
import * as createAchievements from './20261122T130200_create_achievements.ts'
import * as seedAchievements from './20261122T130300_seed_achievements.ts'
import * as fractionalHabitPositions from './20261206T060000_fractional_habit_positions.ts'

/** Every migration of focushub_habits, in order. Frozen once landed: change the schema with a new one. */
export const migrations: Migrations = {
  '20261122T125700_create_outbox': createOutboxMigration,
  '20261122T125800_create_processed_events': createProcessedEventsMigration,
  '20261122T125900_create_user_profiles': createUserProfilesMigration,
  '20261122T130000_create_habits': createHabits,
  '20261122T130100_create_check_ins': createCheckIns,
  '20261122T130200_create_achievements': createAchievements,
  '20261122T130300_seed_achievements': seedAchievements,
  '20261206T050000_create_access_refusals': createAccessRefusalsMigration,
  '20261206T060000_fractional_habit_positions': fractionalHabitPositions,
  '20261206T080000_merge_processed_events': mergeProcessedEventsMigration('habit-service'),
  '20261207T120000_create_idempotent_writes': createIdempotentWritesMigration,
  '20261207T140000_add_outbox_traceparent': addOutboxTraceparentMigration,
  '20261208T010000_create_import_records': createImportRecordsMigration,
}
