import type { Static } from 'typebox'
import type { UserRow } from '../../db/tables/users.ts'
import type { User } from '../../schemas/common.ts'

/** The public shape of a user: never the password hash. */
export function toUser(row: UserRow): Static<typeof User> {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    status: row.status,
    timezone: row.timezone,
    dayStartHour: row.day_start_hour,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}
