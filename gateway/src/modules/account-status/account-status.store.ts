import type { Redis } from 'ioredis'

/** Statuses that stop a user's requests at the gateway before their token expires. */
export type RefusedStatus = 'suspended' | 'deactivated'

const keyOf = (userId: string) => `focushub:gateway:refused-user:${userId}`

/**
 * Which users the gateway refuses, held in Redis so every replica sees a status change at once.
 * Written from auth.user.status_changed; read on every authenticated request.
 */
export function createAccountStatusStore(redis: Redis) {
  return {
    async refuse(userId: string, status: RefusedStatus) {
      await redis.set(keyOf(userId), status)
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
