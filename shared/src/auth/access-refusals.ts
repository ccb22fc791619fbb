import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import { LRUCache } from 'lru-cache'
import { AppError } from '../errors.ts'
import type { ConsumedEvent } from '../events/event-handlers.ts'
import type { AuthenticatedUser } from './token-verifier.ts'

/** Why a verified access token is no longer honoured. */
export type AccessRefusal = 'suspended' | 'deactivated' | 'deleted' | 'session-revoked'

/**
 * The longest an access token lives (auth-service's ACCESS_TOKEN_TTL_SECONDS ≤ 3600): a deleted
 * account's refusal can be forgotten after it.
 */
export const longestAccessTokenSeconds = 3600

/** A service's copy of the accounts and sign-ins whose unexpired access tokens it refuses. */
export interface AccessRefusalsTable {
  /** `user:<userId>` or `session:<sessionId>`. */
  subject: string
  reason: AccessRefusal
  /** When no token of the subject can still be valid; null while the refusal lasts (a suspension). */
  expires_at: Date | null
}

export interface AccessRefusalsDatabase {
  access_refusals: AccessRefusalsTable
}

/** Add to the migration list of every service that verifies access tokens. */
export const createAccessRefusalsMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable('access_refusals')
      .addColumn('subject', 'text', (c) => c.primaryKey())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'timestamptz')
      .execute()
    await db.schema.createIndex('access_refusals_expires_at').on('access_refusals').column('expires_at').execute()
  },
}

const userSubject = (userId: string) => `user:${userId}`
const sessionSubject = (sessionId: string) => `session:${sessionId}`

async function refuse(db: Kysely<AccessRefusalsDatabase>, rows: AccessRefusalsTable[]) {
  await db
    .insertInto('access_refusals')
    .values(rows)
    .onConflict((c) =>
      c
        .column('subject')
        .doUpdateSet({ reason: (eb) => eb.ref('excluded.reason'), expires_at: (eb) => eb.ref('excluded.expires_at') }),
    )
    .execute()
}

/** The account events that change what a service refuses. */
export type AccessEvent =
  | ConsumedEvent<'auth.user.status_changed'>
  | ConsumedEvent<'auth.user.deleted'>
  | ConsumedEvent<'auth.user.sessions_revoked'>

/**
 * An account event → the refusals: a suspension or deactivation until the account is active
 * again, a deletion and revoked sign-ins until their tokens have expired (the expired rows are
 * pruned then). Applied in the consumer's transaction, once per event (processed_events).
 */
export async function applyAccessEvent(trx: Kysely<AccessRefusalsDatabase>, event: AccessEvent) {
  if (event.type === 'auth.user.status_changed') {
    const subject = userSubject(event.userId)
    if (event.data.status === 'active') await trx.deleteFrom('access_refusals').where('subject', '=', subject).execute()
    else await refuse(trx, [{ subject, reason: event.data.status, expires_at: null }])
  } else if (event.type === 'auth.user.deleted') {
    const expiresAt = new Date(Date.parse(event.occurredAt) + longestAccessTokenSeconds * 1000)
    await refuse(trx, [{ subject: userSubject(event.userId), reason: 'deleted', expires_at: expiresAt }])
  } else {
    const expiresAt = new Date(event.data.accessTokensExpireBy)
    await trx.deleteFrom('access_refusals').where('expires_at', '<', sql<Date>`now()`).execute()
    const rows = event.data.sessionIds.map((id) => ({
      subject: sessionSubject(id),
      reason: 'session-revoked' as const,
      expires_at: expiresAt,
    }))
    await refuse(trx, rows)
  }
}

const refusalDetail: Record<AccessRefusal, string> = {
  suspended: 'This account is suspended',
  deactivated: 'This account is deactivated',
  deleted: 'This account has been deleted',
  'session-revoked':
    'This sign-in has ended (signed out, password, role or account changed, or token reuse); sign in again',
}

/**
 * The answer to a refused token: 401 with the RFC 6750 challenge (the token is no longer a
 * credential), or 403 where the account exists but may not act (the gateway's suspension).
 */
export function accessRefused(reason: AccessRefusal, status: 401 | 403 = 401) {
  const code = reason === 'session-revoked' ? reason : `account-${reason}`
  const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer error="invalid_token"' } : {}
  return new AppError(status, code, refusalDetail[reason], { headers })
}

export interface AccessRefusalCheckOptions {
  /** How long one answer is reused for the same user and sign-in; the refusal's added delay. */
  cacheMs?: number
  max?: number
}

/**
 * Refuses (401) a verified token whose account is suspended, deactivated or deleted, or whose
 * sign-in was revoked, as the service's refusals table says. One indexed look-up per user and
 * sign-in per `cacheMs`.
 */
export function createAccessRefusalCheck(db: Kysely<AccessRefusalsDatabase>, options: AccessRefusalCheckOptions = {}) {
  const known = new LRUCache<string, { reason: AccessRefusal | null }>({
    max: options.max ?? 10_000,
    ttl: options.cacheMs ?? 1000,
  })
  const lookUp = async (user: AuthenticatedUser) => {
    const subjects = [userSubject(user.userId), ...(user.sessionId ? [sessionSubject(user.sessionId)] : [])]
    const rows = await db
      .selectFrom('access_refusals')
      .select('reason')
      .where('subject', 'in', subjects)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
      .execute()
    const account = rows.find((row) => row.reason !== 'session-revoked')
    return { reason: (account ?? rows[0])?.reason ?? null }
  }
  return async (user: AuthenticatedUser) => {
    const key = `${user.userId} ${user.sessionId ?? ''}`
    let answer = known.get(key)
    if (!answer) {
      answer = await lookUp(user)
      known.set(key, answer)
    }
    if (answer.reason) throw accessRefused(answer.reason)
  }
}
