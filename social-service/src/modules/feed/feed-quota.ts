import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { socialError } from '../../errors.ts'
import { databaseNow } from '../messages/people.repository.ts'
import { dayMs, feedLimits, quotaWaitSeconds } from './feed.rules.ts'
import { lockWriter, writesSince } from './posts.repository.ts'

const quotas = {
  posts: { max: feedLimits.postsPerDay, code: 'post-rate-limited', what: 'posts' },
  post_comments: { max: feedLimits.commentsPerDay, code: 'comment-rate-limited', what: 'comments' },
} as const

/**
 * Takes a place of the writer's daily quota of posts or comments, in the write's transaction: their writes
 * one at a time (an advisory lock), the last day's counted from the index up to the quota; past it 429 with
 * `Retry-After`, when the oldest of them leaves the day. Answers the database's now, the write's time.
 */
export async function takeQuota(trx: Kysely<Database>, userId: string, table: keyof typeof quotas) {
  const quota = quotas[table]
  await lockWriter(trx, userId)
  const now = await databaseNow(trx)
  const recent = await writesSince(trx, table, userId, new Date(now.getTime() - dayMs), quota.max)
  const wait = quotaWaitSeconds(recent, quota.max, now)
  if (wait > 0) throw dailyQuotaRefusal(quota, wait)
  return now
}

/** A daily quota spent: 429 with its code, `Retry-After` (when a place is free) and `RateLimit-*`. */
export function dailyQuotaRefusal(
  quota: { code: 'post-rate-limited' | 'comment-rate-limited' | 'report-rate-limited'; max: number; what: string },
  wait: number,
) {
  const seconds = String(wait)
  return socialError(quota.code, `Over ${quota.max} ${quota.what} a day: wait ${seconds} s`, {
    headers: {
      'retry-after': seconds,
      'ratelimit-limit': String(quota.max),
      'ratelimit-remaining': '0',
      'ratelimit-reset': seconds,
    },
  })
}
