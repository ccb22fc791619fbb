import { createHash } from 'node:crypto'
import { AppError, errors, genericErrors } from '@focushub/shared/errors'
import type { Redis } from 'ioredis'
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import type { Config } from '../../config.ts'
import { authError } from '../../errors.ts'

export interface Throttle {
  /**
   * Admits a sign-in attempt for the account from client `ip`, or refuses it (429): while this
   * client waits out its progressive delay or its lockout for the account, while the account is
   * locked for clients without a recent sign-in, or over the client's own attempt budget.
   */
  admitLogin(ip: string, email: string): Promise<void>
  /** Counts a failed password of the account from `ip`: it delays or locks that client, and counts towards the account's ceiling. */
  recordFailure(ip: string, email: string): Promise<void>
  /** A correct password clears the client's failures for the account and makes it a known client of the account. */
  recordSuccess(ip: string, email: string): Promise<void>
  admitRegistration(ip: string): Promise<void>
}

const accountKey = (email: string) => createHash('sha256').update(email.toLowerCase()).digest('base64url')

function throttled(
  code: 'account-locked' | 'sign-in-delayed' | 'too-many-requests',
  detail: string,
  limit: number,
  msBeforeNext: number,
) {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000))
  const message = `${detail} Try again in ${seconds} seconds.`
  const extras = {
    headers: {
      'retry-after': String(seconds),
      'ratelimit-limit': String(limit),
      'ratelimit-remaining': '0',
      'ratelimit-reset': String(seconds),
    },
    details: { retryAfterSeconds: seconds },
  }
  return code === 'too-many-requests' ? genericErrors.error(code, message, extras) : authError(code, message, extras)
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

/**
 * Sign-in throttling (README, "Throttling"). Per (account, client): from the second failure on,
 * the client waits LOGIN_BACKOFF_BASE_SECONDS × 2^(n-2) before its next attempt for the account,
 * and LOGIN_ACCOUNT_MAX_FAILURES failures lock that client out of the account for
 * LOGIN_LOCKOUT_SECONDS. Per account, LOGIN_ACCOUNT_CEILING_FAILURES failures from all clients
 * lock the account for LOGIN_LOCKOUT_SECONDS, but only against clients that have not signed in to
 * it within LOGIN_KNOWN_CLIENT_DAYS: a stranger's failures never stop the owner at their usual
 * address. Per client, LOGIN_IP_MAX_ATTEMPTS attempts per window whatever the account.
 */
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
  const window = config.LOGIN_ACCOUNT_WINDOW_SECONDS
  const lockout = config.LOGIN_LOCKOUT_SECONDS
  const maxFailures = config.LOGIN_ACCOUNT_MAX_FAILURES
  const ceiling = config.LOGIN_ACCOUNT_CEILING_FAILURES
  const failuresByClient = limiter('login-failures', maxFailures, window)
  const delays = limiter('login-delay', 1, lockout)
  const failuresByAccount = limiter('login-account-failures', ceiling, window)
  const knownDays = config.LOGIN_KNOWN_CLIENT_DAYS
  const knownClients = limiter('login-known', 1, knownDays * 86_400)
  const registrationsByIp = limiter('register-ip', config.REGISTER_IP_MAX_ATTEMPTS, config.REGISTER_IP_WINDOW_SECONDS)

  const delayAfter = (failures: number) => Math.min(lockout, config.LOGIN_BACKOFF_BASE_SECONDS * 2 ** (failures - 2))

  return {
    admitLogin: (ip, email) =>
      guarded(async () => {
        const account = accountKey(email)
        const client = `${account}:${ip}`
        const [fromClient, delay, fromAll] = await Promise.all([
          failuresByClient.get(client),
          delays.get(client),
          failuresByAccount.get(account),
        ])
        if (fromClient && fromClient.consumedPoints >= maxFailures) {
          const detail = 'Too many failed sign-ins for this account from your address.'
          throw throttled('account-locked', detail, maxFailures, fromClient.msBeforeNext)
        }
        if (delay && delay.msBeforeNext > 0) {
          const detail = 'A failed sign-in for this account from your address must be followed by a pause.'
          throw throttled('sign-in-delayed', detail, 1, delay.msBeforeNext)
        }
        if (fromAll && fromAll.consumedPoints >= ceiling && !(await knownClients.get(client))) {
          const detail =
            'Too many failed sign-ins for this account; an address it was used from recently may still sign in.'
          throw throttled('account-locked', detail, ceiling, fromAll.msBeforeNext)
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
    recordFailure: (ip, email) =>
      guarded(async () => {
        const account = accountKey(email)
        const client = `${account}:${ip}`
        const [failures, all] = await Promise.all([
          failuresByClient.penalty(client),
          failuresByAccount.penalty(account),
        ])
        if (failures.consumedPoints >= maxFailures) await failuresByClient.block(client, lockout)
        else if (failures.consumedPoints >= 2 && delayAfter(failures.consumedPoints) >= 1) {
          await delays.block(client, delayAfter(failures.consumedPoints))
        }
        if (all.consumedPoints === ceiling) await failuresByAccount.block(account, lockout)
      }),
    recordSuccess: (ip, email) =>
      guarded(async () => {
        const client = `${accountKey(email)}:${ip}`
        await Promise.all([
          failuresByClient.delete(client),
          delays.delete(client),
          knownClients.set(client, 1, knownDays * 86_400),
        ])
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
