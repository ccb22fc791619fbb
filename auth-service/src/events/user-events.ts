import { createEvent, type EventData, type EventType, writeToOutbox } from '@focushub/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'

/** Writes an event about a user to the outbox, through the transaction that makes the change. */
export async function recordUserEvent<T extends EventType>(
  trx: Kysely<Database>,
  type: T,
  data: EventData<T>,
  context: { userId: string; requestId: string },
) {
  const { topic, event } = createEvent(type, data, { producer: 'auth-service', ...context })
  await writeToOutbox(trx, topic, event)
}

/** The verifiers' clock tolerance: an access token is accepted this long past its `exp`. */
const verifierToleranceSeconds = 5

/** When the access tokens issued before now, living `ttlSeconds`, have all expired everywhere. */
const accessTokensExpireBy = (ttlSeconds: number) =>
  new Date(Date.now() + (ttlSeconds + verifierToleranceSeconds) * 1000)

/** When the oldest access token still valid anywhere was issued: sign-ins with no token since are already dead. */
export const oldestLiveAccessToken = (ttlSeconds: number) =>
  new Date(Date.now() - (ttlSeconds + verifierToleranceSeconds) * 1000)

/**
 * auth.user.sessions_revoked: the gateway and the services refuse the access tokens of these
 * sign-ins (the token's `sid`) until they expire, instead of honouring them up to the end.
 */
export async function recordSessionsRevoked(
  trx: Kysely<Database>,
  revoked: { sessionIds: string[]; reason: EventData<'auth.user.sessions_revoked'>['reason'] },
  context: { userId: string; requestId: string; accessTokenTtlSeconds: number },
) {
  if (revoked.sessionIds.length === 0) return
  const data = {
    sessionIds: revoked.sessionIds,
    reason: revoked.reason,
    accessTokensExpireBy: accessTokensExpireBy(context.accessTokenTtlSeconds).toISOString(),
  }
  await recordUserEvent(trx, 'auth.user.sessions_revoked', data, context)
}
