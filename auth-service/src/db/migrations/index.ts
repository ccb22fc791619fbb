import type { Migrations } from '@focushub/shared/db'
import { addOutboxTraceparentMigration, createOutboxMigration } from '@focushub/shared/events'
import * as createUsers from './20261122T120000_create_users.ts'
import * as createRefreshTokens from './20261122T120100_create_refresh_tokens.ts'
import * as createAuditLog from './20261122T120200_create_audit_log.ts'
import * as addModeratorRole from './20261207T070000_add_moderator_role.ts'
import * as createPersonalAccessTokens from './20261207T200000_create_personal_access_tokens.ts'
import * as indexExportPersonalAccessTokens from './20261209T000000_index_export_personal_access_tokens.ts'

/** Every migration of focushub_auth, in order. Frozen once landed: change the schema with a new one. */
export const migrations: Migrations = {
  '20261122T115900_create_outbox': createOutboxMigration,
  '20261122T120000_create_users': createUsers,
  '20261122T120100_create_refresh_tokens': createRefreshTokens,
  '20261122T120200_create_audit_log': createAuditLog,
  '20261207T070000_add_moderator_role': addModeratorRole,
  '20261207T140000_add_outbox_traceparent': addOutboxTraceparentMigration,
  '20261207T200000_create_personal_access_tokens': createPersonalAccessTokens,
  '20261209T000000_index_export_personal_access_tokens': indexExportPersonalAccessTokens,
}
