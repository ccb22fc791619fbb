import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import { type DayBoundary, defaultDayBoundary } from '../time/local-day.ts'
import type { ConsumedEvent } from './consumer.ts'

/** A service's copy of what it needs from a user's auth profile: where their days begin. */
export interface UserProfilesTable {
  user_id: string
  timezone: string
  day_start_hour: number
  /** occurredAt of the auth event that wrote the row: an older event never overwrites a newer one. */
  as_of: Date
}

export interface UserProfilesDatabase {
  user_profiles: UserProfilesTable
}

/** Add to the migration list of every service that reads its users' local days. */
export const createUserProfilesMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable('user_profiles')
      .addColumn('user_id', 'uuid', (c) => c.primaryKey())
      .addColumn('timezone', 'text', (c) => c.notNull())
      .addColumn('day_start_hour', 'smallint', (c) => c.notNull().check(sql`day_start_hour between 0 and 23`))
      .addColumn('as_of', 'timestamptz', (c) => c.notNull())
      .execute()
  },
}

type ProfileEvent = ConsumedEvent<'auth.user.registered'> | ConsumedEvent<'auth.user.profile_updated'>

/** Keeps the profile an auth.user.registered or auth.user.profile_updated event carries; safe to redeliver. */
export async function saveUserProfile(db: Kysely<UserProfilesDatabase>, event: ProfileEvent) {
  const row = {
    user_id: event.userId,
    timezone: event.data.timezone,
    day_start_hour: event.data.dayStartHour,
    as_of: new Date(event.occurredAt),
  }
  await db
    .insertInto('user_profiles')
    .values(row)
    .onConflict((c) =>
      c
        .column('user_id')
        .doUpdateSet({ timezone: row.timezone, day_start_hour: row.day_start_hour, as_of: row.as_of })
        .whereRef('user_profiles.as_of', '<=', 'excluded.as_of'),
    )
    .execute()
}

/** Where the user's days begin; UTC at midnight until their profile arrives. */
export async function dayBoundaryOf(db: Kysely<UserProfilesDatabase>, userId: string): Promise<DayBoundary> {
  const row = await db
    .selectFrom('user_profiles')
    .select(['timezone', 'day_start_hour'])
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row ? { timezone: row.timezone, dayStartHour: row.day_start_hour } : defaultDayBoundary
}

export async function deleteUserProfile(db: Kysely<UserProfilesDatabase>, userId: string) {
  await db.deleteFrom('user_profiles').where('user_id', '=', userId).execute()
}
