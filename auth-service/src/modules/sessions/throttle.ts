import { createHash } from 'node:crypto'
import { AppError, errors } from '@focushub/shared'
import type { Redis } from 'ioredis'
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import type { Config } from '../../config.ts'

export interface Throttle {
  /** Counts a sign-in attempt from `ip` and refuses it (429) over the limit or while the account is locked. */
  admitLogin(ip: string, email: string): Promise<void>
  /** Counts a failed password for the account; the failure that reaches the limit locks it. */
  recordFailure(email: string): Promise<void>
  /** A correct password clears the account's failures. */
  recordSuccess(email: string): Promise<void>
  admitRegistration(ip: string): Promise<void>
}

const accountKey = (email: string) => createHash('sha256').update(email.toLowerCase()).digest('base64url')

function throttled(code: string, detail: string, limit: number, msBeforeNext: number) {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000))
  return new AppError(429, code, `${detail} Try again in ${seconds} seconds.`, {
    headers: {
      'retry-after': String(seconds),
      'ratelimit-limit': String(limit),
      'ratelimit-remaining': '0',
      'ratelimit-reset': String(seconds),
    },
    details: { retryAfterSeconds: seconds },
  })
}

/**
 * Redis down means we cannot count attempts: sign-in and sign-up fail closed (503) rather than
 * hand out unlimited password guesses. Refresh, logout and every other route work without Redis.
 */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof RateLimiterRes || error instanceof AppError) throw error
    throw errors.unavailable('Sign-in is briefly unavailable; try again in a few seconds', 5)
  }
}

/** consume() that returns the limiter's refusal instead of throwing it: undefined when admitted. */
async function refusal(limiter: RateLimiterRedis, key: string): Promise<RateLimiterRes | undefined> {
  try {
    await limiter.consume(key)
    return undefined
  } catch (error) {
    if (error instanceof RateLimiterRes) return error
    throw error
  }
}

export function createThrottle(redis: Redis, config: Config): Throttle {
  const limiter = (name: string, points: number, duration: number) =>
    new RateLimiterRedis({
      storeClient: redis,
      rejectIfRedisNotReady: true,
      keyPrefix: `${config.AUTH_REDIS_PREFIX}:${name}`,
      points,
      duration,
    })
  const loginsByIp = limiter('login-ip', config.LOGIN_IP_MAX_ATTEMPTS, config.LOGIN_IP_WINDOW_SECONDS)
  const maxFailures = config.LOGIN_ACCOUNT_MAX_FAILURES
  const failuresByAccount = limiter('login-failures', maxFailures, config.LOGIN_ACCOUNT_WINDOW_SECONDS)
  const registrationsByIp = limiter('register-ip', config.REGISTER_IP_MAX_ATTEMPTS, config.REGISTER_IP_WINDOW_SECONDS)

  return {
    admitLogin: (ip, email) =>
      guarded(async () => {
        const failures = await failuresByAccount.get(accountKey(email))
        if (failures && failures.consumedPoints >= maxFailures) {
          throw throttled(
            'account-locked',
            'Too many failed sign-ins for this account.',
            maxFailures,
            failures.msBeforeNext,
          )
        }
        const refused = await refusal(loginsByIp, ip)
        if (refused) {
          const limit = config.LOGIN_IP_MAX_ATTEMPTS
          throw throttled(
            'too-many-requests',
            'Too many sign-in attempts from your address.',
            limit,
            refused.msBeforeNext,
          )
        }
      }),
    recordFailure: (email) =>
      guarded(async () => {
        const key = accountKey(email)
        const failures = await failuresByAccount.penalty(key)
        if (failures.consumedPoints >= maxFailures) await failuresByAccount.block(key, config.LOGIN_LOCKOUT_SECONDS)
      }),
    recordSuccess: (email) =>
      guarded(async () => {
        await failuresByAccount.delete(accountKey(email))
      }),
    admitRegistration: (ip) =>
      guarded(async () => {
        const refused = await refusal(registrationsByIp, ip)
        if (refused) {
          const limit = config.REGISTER_IP_MAX_ATTEMPTS
          throw throttled('too-many-requests', 'Too many sign-ups from your address.', limit, refused.msBeforeNext)
        }
      }),
  }
}
