import type { OutboxDatabase } from '@focushub/shared/events'
import type { AuditLogTable } from './tables/audit-log.ts'
import type { PersonalAccessTokensTable } from './tables/personal-access-tokens.ts'
import type { RefreshTokensTable } from './tables/refresh-tokens.ts'
import type { UsersTable } from './tables/users.ts'

/** The tables of focushub_auth, one interface each, assembled into the kysely Database type. */
export interface Database extends OutboxDatabase {
  users: UsersTable
  refresh_tokens: RefreshTokensTable
  audit_log: AuditLogTable
  personal_access_tokens: PersonalAccessTokensTable
}
