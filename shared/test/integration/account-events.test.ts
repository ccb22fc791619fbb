import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAccessRefusalsMigration } from '../../src/auth/access-refusals.ts'
import { createEvent } from '../../src/events/envelope.ts'
import { createEventApplier } from '../../src/events/event-handlers.ts'
import { addOutboxTraceparentMigration, createOutboxMigration, type OutboxDatabase } from '../../src/events/outbox.ts'
import { createProcessedEventsMigration, type ProcessedEventsDatabase } from '../../src/events/processed-events.ts'
import type { UnitOfWork } from '../../src/events/unit-of-work.ts'
import {
  accountEventHandlers,
  createUserProfilesMigration,
  dayBoundaryOf,
  type UserDirectoryDatabase,
} from '../../src/events/user-profiles.ts'
import { createTestDatabase, type TestDatabase } from '../../src/testing/database.ts'
import { databaseUrl } from '../support/events.ts'

type Database = UserDirectoryDatabase & OutboxDatabase & ProcessedEventsDatabase
let database: TestDatabase<Database>
const erased: string[] = []
const registered: string[] = []
let apply: ReturnType<typeof createEventApplier<UnitOfWork<Database>>>

beforeAll(async () => {
  database = await createTestDatabase<Database>(databaseUrl, {
    '20261122T010000_outbox': createOutboxMigration,
    '20261122T010000_outbox_traceparent': addOutboxTraceparentMigration,
    '20261122T010100_processed_events': createProcessedEventsMigration,
    '20261122T010200_profiles': createUserProfilesMigration,
    '20261122T010300_refusals': createAccessRefusalsMigration,
  })
  const handlers = accountEventHandlers<UnitOfWork<Database>>({
    registered: async (_work, userId) => void registered.push(userId),
    erase: async (_work, userId) => void erased.push(userId),
  })
  apply = createEventApplier({ groupId: 'accounts', handlers, db: database.db })
})
afterAll(() => database.destroy())

const context = (userId: string) => ({ producer: 'auth-service', userId, requestId: 'r' })
const refusals = (subject: string) =>
  database.db.selectFrom('access_refusals').select(['reason', 'expires_at']).where('subject', '=', subject).execute()

describe('accountEventHandlers: the auth.user.* handler every Postgres consumer shares', () => {
  it('keeps the profile, sets the service up once per registration, and refuses and erases a deleted user', async () => {
    const userId = randomUUID()
    const profile = { email: 'a@example.com', displayName: 'A', role: 'user' as const, timezone: 'Asia/Tokyo' }
    const signedUp = createEvent('auth.user.registered', { ...profile, dayStartHour: 5 }, context(userId)).event
    await apply([signedUp])
    await apply([signedUp])
    expect(registered.filter((id) => id === userId)).toHaveLength(1)
    expect(await dayBoundaryOf(database.db, userId)).toEqual({ timezone: 'Asia/Tokyo', dayStartHour: 5 })

    await apply([createEvent('auth.user.deleted', {}, context(userId)).event])
    expect(erased).toContain(userId)
    expect(await dayBoundaryOf(database.db, userId)).toEqual({ timezone: 'UTC', dayStartHour: 0 })
    expect(await refusals(`user:${userId}`)).toMatchObject([{ reason: 'deleted' }])
  })

  it('refuses a suspended account until it is active again, and a revoked sign-in, in event order within a run', async () => {
    const [userId, changedBy, sessionId] = [randomUUID(), randomUUID(), randomUUID()]
    const status = (to: 'active' | 'suspended', from: 'active' | 'suspended') =>
      createEvent(
        'auth.user.status_changed',
        { status: to, previousStatus: from, reason: 'r', changedBy },
        context(userId),
      ).event
    await apply([status('suspended', 'active')])
    expect(await refusals(`user:${userId}`)).toMatchObject([{ reason: 'suspended', expires_at: null }])
    const expiresBy = new Date(Date.now() + 60_000).toISOString()
    await apply([
      status('active', 'suspended'),
      createEvent(
        'auth.user.sessions_revoked',
        { sessionIds: [sessionId], reason: 'logout', accessTokensExpireBy: expiresBy },
        context(userId),
      ).event,
    ])
    expect(await refusals(`user:${userId}`)).toEqual([])
    expect(await refusals(`session:${sessionId}`)).toMatchObject([{ reason: 'session-revoked' }])
  })
})
