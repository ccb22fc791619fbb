import type { Redis } from 'ioredis'

/** A response kept to answer retries of the same request. */
export interface StoredResponse {
  status: number
  headers: Record<string, string>
  /** base64 */
  body: string
}

type Entry = { fingerprint: string; response?: StoredResponse }

export type Claim =
  | { outcome: 'claimed' }
  | { outcome: 'in-progress' }
  | { outcome: 'mismatch' }
  | { outcome: 'replay'; response: StoredResponse }

export interface IdempotencyStoreOptions {
  prefix: string
  /** How long a finished request's answer is kept for retries. */
  retentionMs: number
  /** How long a claim holds while its request runs: a gateway that dies mid-request frees the key after it. */
  claimMs: number
}

/**
 * Idempotency keys in Redis, shared by every gateway replica. The first request with a key claims
 * it (SET NX); retries while it runs are told so; once it answered, retries get its answer.
 */
export function createIdempotencyStore(redis: Redis, options: IdempotencyStoreOptions) {
  const keyOf = (scope: string, key: string) => `${options.prefix}${scope}:${key}`

  async function claim(scope: string, key: string, fingerprint: string): Promise<Claim> {
    const redisKey = keyOf(scope, key)
    for (let attempt = 0; attempt < 2; attempt++) {
      const set = await redis.set(redisKey, JSON.stringify({ fingerprint }), 'PX', options.claimMs, 'NX')
      if (set === 'OK') return { outcome: 'claimed' }
      const held = await redis.get(redisKey)
      if (held === null) continue // expired between the two calls: claim again
      const entry = JSON.parse(held) as Entry
      if (entry.fingerprint !== fingerprint) return { outcome: 'mismatch' }
      return entry.response ? { outcome: 'replay', response: entry.response } : { outcome: 'in-progress' }
    }
    return { outcome: 'in-progress' }
  }

  async function complete(scope: string, key: string, fingerprint: string, response: StoredResponse) {
    const entry: Entry = { fingerprint, response }
    await redis.set(keyOf(scope, key), JSON.stringify(entry), 'PX', options.retentionMs)
  }

  async function release(scope: string, key: string) {
    await redis.del(keyOf(scope, key))
  }

  return { claim, complete, release }
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>
