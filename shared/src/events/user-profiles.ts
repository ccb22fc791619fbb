import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import { type AccessRefusalsDatabase, applyAccessEvent } from '../auth/access-refusals.ts'
import { type DayBoundary, defaultDayBoundary } from '../time/local-day.ts'
import { type ConsumedEvent, type EventHandler, handle } from './event-handlers.ts'
import type { UnitOfWork } from './unit-of-work.ts'

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

export type ProfileEvent = ConsumedEvent<'auth.user.registered'> | ConsumedEvent<'auth.user.profile_updated'>

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

/** The profile of a service that shows its users by name: their display name too (null until an event brings it). */
export type NamedUserProfilesTable = UserProfilesTable & { display_name: string | null }

/** Keeps the display name a profile event carries, when that event's profile is the one saved (not an older one). */
export const saveDisplayName = (db: Kysely<{ user_profiles: NamedUserProfilesTable }>, event: ProfileEvent) =>
  db
    .updateTable('user_profiles')
    .set({ display_name: event.data.displayName })
    .where('user_id', '=', event.userId)
    .where('as_of', '=', new Date(event.occurredAt))
    .execute()

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

/** What a service that knows its users keeps of them: their day boundaries and the tokens it refuses. */
export type UserDirectoryDatabase = UserProfilesDatabase & AccessRefusalsDatabase

export interface AccountEffects<W> {
  /** Erases everything the service keeps about a deleted user (their profile and refusals are handled here). */
  erase(work: W, userId: string): Promise<void>
  /** What the service sets up for a new user, beside their profile (task-service's Inbox). */
  registered?(work: W, userId: string): Promise<void>
  /** What else the service keeps of a profile event, once the profile is saved (task-service: display names). */
  profile?(work: W, event: ProfileEvent): Promise<void>
}

const accountEventTypes = [
  'auth.user.registered',
  'auth.user.profile_updated',
  'auth.user.status_changed',
  'auth.user.sessions_revoked',
  'auth.user.deleted',
] as const

/**
 * The auth.user.* handler every Postgres consumer of the auth topic has: profiles kept (for the
 * users' local days), tokens refused (suspension, deletion, revoked sign-ins) and a deleted user
 * erased — the service's `erase`, then the profile. Events are applied one by one, in order.
 */
export function accountEventHandlers<W extends UnitOfWork<UserDirectoryDatabase>>(
  effects: AccountEffects<W>,
): EventHandler<W>[] {
  return [
    handle(accountEventTypes, async (work: W, events) => {
      for (const event of events) {
        if (event.type === 'auth.user.registered' || event.type === 'auth.user.profile_updated') {
          await saveUserProfile(work.trx, event)
          await effects.profile?.(work, event)
          if (event.type === 'auth.user.registered') await effects.registered?.(work, event.userId)
          continue
        }
        await applyAccessEvent(work.trx, event)
        if (event.type === 'auth.user.deleted') {
          await effects.erase(work, event.userId)
          await deleteUserProfile(work.trx, event.userId)
        }
      }
    }),
  ]
}
