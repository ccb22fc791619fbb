import type { AccountStatus, Role } from '@focushub/shared/auth'
import type { ColumnType, Generated, Selectable } from 'kysely'

export interface UsersTable {
  id: string
  /** As the user typed it; unique by lower(email). A tombstone once the account is deleted. */
  email: string
  display_name: string
  /** Null once the account is deleted: nobody can sign in to it again. */
  password_hash: string | null
  role: Role
  status: AccountStatus
  timezone: string
  day_start_hour: number
  version: Generated<number>
  created_at: Generated<Date>
  updated_at: Generated<Date>
  deleted_at: ColumnType<Date | null, never, Date | null>
}

export type UserRow = Selectable<UsersTable>
