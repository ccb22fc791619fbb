import type { EventData, UnitOfWork } from '@focushub/shared/events'
import { recordUserEvent } from '../../events/user-events.ts'

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
export function recordSessionsRevoked(
  work: Pick<UnitOfWork<unknown>, 'outbox'>,
  revoked: { sessionIds: string[]; reason: EventData<'auth.user.sessions_revoked'>['reason'] },
  context: { userId: string; requestId: string; accessTokenTtlSeconds: number },
) {
  if (revoked.sessionIds.length === 0) return
  const data = {
    sessionIds: revoked.sessionIds,
    reason: revoked.reason,
    accessTokensExpireBy: accessTokensExpireBy(context.accessTokenTtlSeconds).toISOString(),
  }
  recordUserEvent(work, 'auth.user.sessions_revoked', data, context)
}
