import type { Upstream } from './upstreams.ts'

export interface EjectionPolicy {
  afterFailures: number
  baseMs: number
  maxMs: number
  maxPercent: number
}

const available = (upstream: Upstream, now: number) =>
  !upstream.draining && upstream.healthy && upstream.ejectedUntil <= now

/**
 * Smooth weighted round robin as NGINX does it: every pick adds each candidate's weight to its
 * score, takes the highest and lowers it by the sum of weights, so 5:1:1 gives a a b a c a a.
 */
export class Balancer {
  upstreams: Upstream[]
  readonly #ejection: EjectionPolicy

  constructor(upstreams: Upstream[], ejection: EjectionPolicy) {
    this.upstreams = upstreams
    this.#ejection = ejection
  }

  /**
   * The next upstream not in `tried`. When none is healthy, the least recently failed ones are
   * tried anyway (as NGINX does), since a check may lag behind an upstream's recovery.
   */
  pick(tried: ReadonlySet<Upstream> = new Set(), now = Date.now()): Upstream | undefined {
    const open = this.upstreams.filter((upstream) => !upstream.draining && !tried.has(upstream))
    const healthy = open.filter((upstream) => available(upstream, now))
    const candidates = healthy.length > 0 ? healthy : open
    let best: Upstream | undefined
    let total = 0
    for (const upstream of candidates) {
      upstream.current += upstream.weight
      total += upstream.weight
      if (!best || upstream.current > best.current) best = upstream
    }
    if (best) best.current -= total
    return best
  }

  succeeded(upstream: Upstream) {
    upstream.consecutiveFailures = 0
  }

  /** A connection error or 5xx; enough in a row eject the upstream, for longer each time it happens again. */
  failed(upstream: Upstream, now = Date.now()) {
    upstream.failures++
    upstream.consecutiveFailures++
    const policy = this.#ejection
    if (upstream.consecutiveFailures < policy.afterFailures || upstream.ejectedUntil > now) return false
    const ejectedNow = this.upstreams.filter((u) => !u.draining && u.ejectedUntil > now).length
    const allowed = Math.floor((this.upstreams.filter((u) => !u.draining).length * policy.maxPercent) / 100)
    if (ejectedNow + 1 > allowed) return false
    // A quiet spell as long as the longest ejection forgives the earlier ones.
    if (now - upstream.ejectedUntil > policy.maxMs) upstream.ejections = 0
    upstream.ejections++
    upstream.ejectionsTotal++
    upstream.lastEjectionAt = now
    upstream.ejectedUntil = now + Math.min(policy.maxMs, policy.baseMs * 2 ** (upstream.ejections - 1))
    upstream.consecutiveFailures = 0
    return true
  }
}
