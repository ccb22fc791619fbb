import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConsumedEvent } from '../../src/events/event-handlers.ts'
import {
  createUserProfilesMigration,
  dayBoundaryOf,
  deleteUserProfile,
  saveUserProfile,
  type UserProfilesDatabase,
} from '../../src/events/user-profiles.ts'
import { createTestDatabase, type TestDatabase } from '../../src/testing/database.ts'

const url = process.env.AUTH_DATABASE_URL ?? 'postgres://focushub_auth:focushub_auth_dev@127.0.0.1:5432/focushub_auth'
const userId = '0190e6f8-0000-7000-8000-0000000000aa'
let database: TestDatabase<UserProfilesDatabase>

const profileUpdated = (timezone: string, dayStartHour: number, occurredAt: string) =>
  ({
    id: crypto.randomUUID(),
    type: 'auth.user.profile_updated',
    version: 1,
    occurredAt,
    producer: 'auth-service',
    userId,
    requestId: 'req-1',
    data: { displayName: 'Ada', timezone, dayStartHour },
  }) as ConsumedEvent<'auth.user.profile_updated'>

beforeAll(async () => {
  database = await createTestDatabase<UserProfilesDatabase>(url, {
    '20261122T010000_profiles': createUserProfilesMigration,
  })
})
afterAll(() => database.destroy())

describe('user profiles kept from auth events', () => {
  it('answers UTC at midnight for a user whose profile has not arrived', async () => {
    expect(await dayBoundaryOf(database.db, '0190e6f8-0000-7000-8000-0000000000ff')).toEqual({
      timezone: 'UTC',
      dayStartHour: 0,
    })
  })

  it('keeps the newest profile, whatever order the events come in, and forgets a deleted user', async () => {
    await saveUserProfile(database.db, profileUpdated('Europe/Berlin', 4, '2026-11-02T10:00:00Z'))
    await saveUserProfile(database.db, profileUpdated('Asia/Tokyo', 0, '2026-11-01T10:00:00Z'))
    expect(await dayBoundaryOf(database.db, userId)).toEqual({ timezone: 'Europe/Berlin', dayStartHour: 4 })
    await saveUserProfile(database.db, profileUpdated('America/Chicago', 6, '2026-11-03T10:00:00Z'))
    expect(await dayBoundaryOf(database.db, userId)).toEqual({ timezone: 'America/Chicago', dayStartHour: 6 })
    await deleteUserProfile(database.db, userId)
    expect(await dayBoundaryOf(database.db, userId)).toEqual({ timezone: 'UTC', dayStartHour: 0 })
  })
})
