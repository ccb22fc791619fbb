// When a failed webhook delivery is tried again: soon at first, then further apart, for a bounded time.

/** Each wait is this many times the one before … */
const growth = 6
/** … up to this. */
const longestWaitMs = 6 * 60 * 60 * 1000

export interface RetryPolicy {
  /** The first retry's wait. */
  firstRetryMs: number
  /** How long after the delivery's first attempt (or its replay) it is still retried. */
  retryForMs: number
}

/**
 * When attempt `failed` (1 for the first) is followed by another, or undefined when the retry window is
 * over. Waits grow ×6 from the first (10 s, 1 min, 6 min, 36 min, 3.6 h, then every 6 h), with ±10 %
 * jitter so a receiver that was down is not hit by every delivery at once; the last one is at the
 * window's end, so a delivery is retried for the whole window and no longer.
 */
export function nextAttemptAt(policy: RetryPolicy, since: Date, failed: number, now: Date, random = Math.random) {
  const end = since.getTime() + policy.retryForMs
  if (now.getTime() >= end) return undefined
  const wait = Math.min(policy.firstRetryMs * growth ** (failed - 1), longestWaitMs)
  const jittered = wait * (0.9 + 0.2 * random())
  return new Date(Math.min(now.getTime() + jittered, end))
}
