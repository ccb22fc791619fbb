const slots = 10

/**
 * Retries allowed as a share of requests over a sliding window (ten slots), with a floor so a
 * quiet balancer can still retry: a failing cluster gets at most `percent` more load, not double.
 */
export class RetryBudget {
  readonly #percent: number
  readonly #minimum: number
  readonly #slotMs: number
  readonly #requests = new Array<number>(slots).fill(0)
  readonly #retries = new Array<number>(slots).fill(0)
  #slotStart = 0
  #slot = 0
  denied = 0

  constructor(options: { percent: number; minimum: number; windowMs: number }) {
    this.#percent = options.percent
    this.#minimum = options.minimum
    this.#slotMs = options.windowMs / slots
  }

  #advance(now: number) {
    const elapsed = Math.floor((now - this.#slotStart) / this.#slotMs)
    if (elapsed <= 0) return
    for (let i = 1; i <= Math.min(elapsed, slots); i++) {
      const slot = (this.#slot + i) % slots
      this.#requests[slot] = 0
      this.#retries[slot] = 0
    }
    this.#slot = (this.#slot + elapsed) % slots
    this.#slotStart += elapsed * this.#slotMs
  }

  request(now = Date.now()) {
    this.#advance(now)
    this.#requests[this.#slot]++
  }

  /** Spends one retry if the window still has one to spend. */
  tryRetry(now = Date.now()) {
    this.#advance(now)
    const requests = this.#requests.reduce((a, b) => a + b, 0)
    const retries = this.#retries.reduce((a, b) => a + b, 0)
    if (retries >= Math.max(this.#minimum, (requests * this.#percent) / 100)) {
      this.denied++
      return false
    }
    this.#retries[this.#slot]++
    return true
  }
}
