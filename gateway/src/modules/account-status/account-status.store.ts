import type { AccessRefusal } from '@focushub/shared/auth'
import type { Redis } from 'ioredis'

/** Statuses that stop a user's requests at the gateway before their token expires. */
export type RefusedStatus = 'suspended' | 'deactivated' | 'deleted'

/**
 * How long a deleted account stays refused: the longest access-token life auth-service allows
 * (ACCESS_TOKEN_TTL_SECONDS ≤ 3600). No token of the account outlives it, so the key can go.
 */
export const deletedAccountTtlSeconds = 3600

const keyOf = (userId: string) => `focushub:gateway:refused-user:${userId}`
const sessionKeyOf = (sessionId: string) => `focushub:gateway:revoked-session:${sessionId}`

/**
 * Which users and sign-ins the gateway refuses, held in Redis so every replica sees a change at
 * once. Written from auth.user.status_changed, auth.user.deleted and auth.user.sessions_revoked;
 * read on every authenticated request (one MGET).
 */
export function createAccountStatusStore(redis: Redis) {
  return {
    async refuse(userId: string, status: RefusedStatus) {
      if (status === 'deleted') await redis.set(keyOf(userId), status, 'EX', deletedAccountTtlSeconds)
      else await redis.set(keyOf(userId), status)
    },
    async allow(userId: string) {
      await redis.del(keyOf(userId))
    },
    /** Refuses the sign-ins' access tokens until `expiresBy`, when the last of them has expired. */
    async revokeSessions(sessionIds: string[], expiresBy: Date) {
      const seconds = Math.ceil((expiresBy.getTime() - Date.now()) / 1000)
      if (seconds <= 0) return
      const pipeline = redis.pipeline()
      for (const id of sessionIds) pipeline.set(sessionKeyOf(id), 'revoked', 'EX', seconds)
      await pipeline.exec()
    },
    /** The status that refuses this user, or null when they may proceed. */
    async refusedStatus(userId: string): Promise<RefusedStatus | null> {
      return (await redis.get(keyOf(userId))) as RefusedStatus | null
    },
    /** Why this user's token is refused (the account first, then its sign-in), or null when it may proceed. */
    async refusal(userId: string, sessionId?: string): Promise<AccessRefusal | null> {
      if (!sessionId) return this.refusedStatus(userId)
      const [status, session] = await redis.mget(keyOf(userId), sessionKeyOf(sessionId))
      if (status) return status as RefusedStatus
      return session ? 'session-revoked' : null
    },
  }
}

export type AccountStatusStore = ReturnType<typeof createAccountStatusStore>
