export interface CircuitBreakerOptions {
  /** Consecutive connection failures that open the circuit. */
  threshold: number
  /** How long an open circuit refuses calls before letting one trial call through. */
  openMs: number
  now?: () => number
}

/**
 * Remembers an upstream that cannot be reached, so callers get an immediate 503 instead of
 * each waiting on a refused connection. After `openMs`, one call at a time is let through per
 * `openMs` to find out whether the upstream is back; any answer from it closes the circuit.
 */
export function createCircuitBreaker({ threshold, openMs, now = Date.now }: CircuitBreakerOptions) {
  let failures = 0
  let openUntil = 0
  return {
    /** Milliseconds until a call may be tried; 0 when this call may go ahead. */
    blockedFor(): number {
      if (failures < threshold) return 0
      const wait = openUntil - now()
      if (wait > 0) return wait
      openUntil = now() + openMs
      return 0
    },
    succeeded() {
      failures = 0
    },
    failed() {
      failures += 1
      if (failures >= threshold) openUntil = now() + openMs
    },
    get open() {
      return failures >= threshold
    },
  }
}

export type CircuitBreaker = ReturnType<typeof createCircuitBreaker>
