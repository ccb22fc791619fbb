import { createAccessRefusalsMigration } from '@focushub/shared/auth'
import type { Migrations } from '@focushub/shared/db'
import {
  addOutboxTraceparentMigration,
  createIdempotentWritesMigration,
  createOutboxMigration,
  createProcessedEventsMigration,
  createUserProfilesMigration,
  mergeProcessedEventsMigration,
} from '@focushub/shared/events'
import * as createUserSettings from './20261122T130300_create_user_settings.ts'
import * as createFocusSessions from './20261122T130400_create_focus_sessions.ts'
import * as createDailyTotals from './20261122T130500_create_daily_totals.ts'
import * as createSharing from './20261122T130600_create_sharing.ts'
import * as addUserDisplayNames from './20261206T160000_add_user_display_names.ts'
import * as createRooms from './20261206T210000_create_rooms.ts'
import * as addRoomSteppedAway from './20261206T220000_add_room_stepped_away.ts'
import * as indexRoomAuthors from './20261207T010000_index_room_authors.ts'
import * as addSessionPlanOffset from './20261207T030000_add_session_plan_offset.ts'
import * as indexExportRooms from './20261209T000000_index_export_rooms.ts'

/** Every migration of focushub_focus, in order. Frozen once landed: change the schema with a new one. */
export const migrations: Migrations = {
  '20261122T130000_create_outbox': createOutboxMigration,
  '20261122T130100_create_processed_events': createProcessedEventsMigration,
  '20261122T130200_create_user_profiles': createUserProfilesMigration,
  '20261122T130300_create_user_settings': createUserSettings,
  '20261122T130400_create_focus_sessions': createFocusSessions,
  '20261122T130500_create_daily_totals': createDailyTotals,
  '20261122T130600_create_sharing': createSharing,
  '20261206T050000_create_access_refusals': createAccessRefusalsMigration,
  '20261206T080000_merge_processed_events': mergeProcessedEventsMigration('focus-service'),
  '20261206T160000_add_user_display_names': addUserDisplayNames,
  '20261206T210000_create_rooms': createRooms,
  '20261206T220000_add_room_stepped_away': addRoomSteppedAway,
  '20261207T010000_index_room_authors': indexRoomAuthors,
  '20261207T030000_add_session_plan_offset': addSessionPlanOffset,
  '20261207T120000_create_idempotent_writes': createIdempotentWritesMigration,
  '20261207T140000_add_outbox_traceparent': addOutboxTraceparentMigration,
  '20261209T000000_index_export_rooms': indexExportRooms,
}
