import type { Redis } from 'ioredis'

/** Statuses that stop a user's requests at the gateway before their token expires. */
export type RefusedStatus = 'suspended' | 'deactivated' | 'deleted'

/**
 * How long a deleted account stays refused: the longest access-token life auth-service allows
 * (ACCESS_TOKEN_TTL_SECONDS ≤ 3600). No token of the account outlives it, so the key can go.
 */
export const deletedAccountTtlSeconds = 3600

const keyOf = (userId: string) => `focushub:gateway:refused-user:${userId}`

/**
 * Which users the gateway refuses, held in Redis so every replica sees a status change at once.
 * Written from auth.user.status_changed and auth.user.deleted; read on every authenticated request.
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
    /** The status that refuses this user, or null when they may proceed. */
    async refusedStatus(userId: string): Promise<RefusedStatus | null> {
      return (await redis.get(keyOf(userId))) as RefusedStatus | null
    },
  }
}

export type AccountStatusStore = ReturnType<typeof createAccountStatusStore>
