import { randomBytes } from 'node:crypto'
import type { AuthenticatedUser } from '@focushub/shared/auth'
import type { Redis } from 'ioredis'

/** 32 random bytes, base64url: what `?ticket=` accepts. */
export const ticketPattern = '^[A-Za-z0-9_-]{43}$'

/**
 * Single-use tickets that let a browser open a stream without putting its access token in a URL.
 * A ticket holds the verified user (and the expiry of the token that bought it) for a few seconds
 * in Redis; GETDEL redeems it atomically, so of two concurrent uses only one succeeds.
 */
export function createTicketStore(redis: Redis, options: { prefix: string; ttlMs: number }) {
  const keyOf = (ticket: string) => `${options.prefix}ticket:${ticket}`
  return {
    async issue(user: AuthenticatedUser) {
      const ticket = randomBytes(32).toString('base64url')
      // A ticket never outlives the token that bought it.
      const ttlMs = Math.min(options.ttlMs, user.expiresAt * 1000 - Date.now())
      if (ttlMs <= 0) return null
      await redis.set(keyOf(ticket), JSON.stringify(user), 'PX', ttlMs)
      return { ticket, expiresAt: new Date(Date.now() + ttlMs).toISOString() }
    },
    /** The user a ticket was issued to, once; null when unknown, used or expired. */
    async redeem(ticket: string): Promise<AuthenticatedUser | null> {
      const stored = await redis.getdel(keyOf(ticket))
      return stored ? (JSON.parse(stored) as AuthenticatedUser) : null
    },
  }
}

export type TicketStore = ReturnType<typeof createTicketStore>
