import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'

/** A response kept to answer retries of the same request. */
export interface StoredResponse {
  status: number
  headers: Record<string, string>
  /** base64 */
  body: string
}

type Entry = { fingerprint: string; holder?: string; response?: StoredResponse }

/** The claim a request holds while it runs: its Redis value, renewed and released only by its holder. */
export interface HeldClaim {
  scope: string
  key: string
  value: string
}

export type Claim =
  | { outcome: 'claimed'; held: HeldClaim }
  | { outcome: 'in-progress' }
  | { outcome: 'mismatch' }
  | { outcome: 'replay'; response: StoredResponse }

export interface IdempotencyStoreOptions {
  prefix: string
  /** How long a finished request's answer is kept for retries. */
  retentionMs: number
  /**
   * The lease of a claim: its holder renews it while the request runs, so a gateway that dies
   * mid-request frees the key this long after, and a retry can take it over.
   */
  claimMs: number
}

// Compare-and-act on the holder's own value: a holder whose lease lapsed (and was taken over) must
// neither extend nor delete the new holder's claim.
const renewScript = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0`
const releaseScript = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`

/**
 * Idempotency keys in Redis, shared by every gateway replica. The first request with a key claims
 * it (SET NX, a lease its holder renews); retries while it runs are told so; once it answered,
 * retries get its answer.
 */
export function createIdempotencyStore(redis: Redis, options: IdempotencyStoreOptions) {
  const keyOf = (scope: string, key: string) => `${options.prefix}${scope}:${key}`

  async function claim(scope: string, key: string, fingerprint: string): Promise<Claim> {
    const redisKey = keyOf(scope, key)
    const value = JSON.stringify({ fingerprint, holder: randomUUID() } satisfies Entry)
    for (let attempt = 0; attempt < 2; attempt++) {
      const set = await redis.set(redisKey, value, 'PX', options.claimMs, 'NX')
      if (set === 'OK') return { outcome: 'claimed', held: { scope, key, value } }
      const held = await redis.get(redisKey)
      if (held === null) continue // expired between the two calls: claim again
      const entry = JSON.parse(held) as Entry
      if (entry.fingerprint !== fingerprint) return { outcome: 'mismatch' }
      return entry.response ? { outcome: 'replay', response: entry.response } : { outcome: 'in-progress' }
    }
    return { outcome: 'in-progress' }
  }

  async function renew(held: HeldClaim) {
    await redis.eval(renewScript, 1, keyOf(held.scope, held.key), held.value, options.claimMs)
  }

  async function complete(held: HeldClaim, response: StoredResponse) {
    const { fingerprint } = JSON.parse(held.value) as Entry
    const entry: Entry = { fingerprint, response }
    await redis.set(keyOf(held.scope, held.key), JSON.stringify(entry), 'PX', options.retentionMs)
  }

  async function release(held: HeldClaim) {
    await redis.eval(releaseScript, 1, keyOf(held.scope, held.key), held.value)
  }

  return { claim, renew, complete, release, leaseMs: options.claimMs }
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>
