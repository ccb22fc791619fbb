export interface CircuitBreakerOptions {
  /** Consecutive connection failures that open the circuit. */
  threshold: number
  /** How long an open circuit refuses calls before letting one trial call through. */
  openMs: number
  /** Called each time the circuit opens: from closed, or again after a failed trial. */
  onOpened?: () => void
  now?: () => number
}

export type CircuitState = 'closed' | 'half-open' | 'open'

/**
 * Remembers an upstream that cannot be reached, so callers get an immediate 503 instead of
 * each waiting on a refused connection. After `openMs`, one call at a time is let through per
 * `openMs` to find out whether the upstream is back; any answer from it closes the circuit.
 */
export function createCircuitBreaker({ threshold, openMs, onOpened, now = Date.now }: CircuitBreakerOptions) {
  let failures = 0
  let openUntil = 0
  /** A trial call is out and has neither failed nor been answered. */
  let trying = false
  return {
    /** Milliseconds until a call may be tried; 0 when this call may go ahead. */
    blockedFor(): number {
      if (failures < threshold) return 0
      const wait = openUntil - now()
      if (wait > 0) return wait
      openUntil = now() + openMs
      trying = true
      return 0
    },
    succeeded() {
      failures = 0
      trying = false
    },
    failed() {
      failures += 1
      // Further failures of calls that went out before it opened keep it open; they do not open it again.
      const opens = failures === threshold || (trying && failures > threshold)
      trying = false
      if (failures >= threshold) openUntil = now() + openMs
      if (opens) onOpened?.()
    },
    get open() {
      return failures >= threshold
    },
    /** Half-open while a trial call is out or may go out. */
    get state(): CircuitState {
      if (failures < threshold) return 'closed'
      return trying || openUntil <= now() ? 'half-open' : 'open'
    },
  }
}

export type CircuitBreaker = ReturnType<typeof createCircuitBreaker>
