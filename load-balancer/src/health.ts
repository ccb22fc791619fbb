import { type BackgroundJob, createBackgroundJob } from '@focushub/shared/jobs'
import type { Logger } from 'pino'
import type { Balancer } from './balancer.ts'
import type { Upstream } from './upstreams.ts'

export interface HealthOptions {
  path: string
  intervalMs: number
  timeoutMs: number
  falls: number
  rises: number
}

export async function answersHealthy(upstream: Upstream, options: HealthOptions) {
  try {
    const response = await upstream.pool.request({
      method: 'GET',
      path: options.path,
      headers: { 'user-agent': 'focushub-load-balancer/health' },
      signal: AbortSignal.timeout(options.timeoutMs),
    })
    await response.body.dump()
    return response.statusCode >= 200 && response.statusCode < 300
  } catch {
    return false
  }
}

/** Active checks: an upstream is down after `falls` failed checks in a row, up again after `rises` good ones. */
export class HealthChecker {
  readonly #balancer: Balancer
  readonly #options: HealthOptions
  readonly #log: Logger
  readonly #job: BackgroundJob

  constructor(balancer: Balancer, options: HealthOptions, log: Logger) {
    this.#balancer = balancer
    this.#options = options
    this.#log = log
    this.#job = createBackgroundJob({
      name: 'upstream health check',
      intervalMs: options.intervalMs,
      pass: () => this.checkAll(),
      log,
    })
  }

  start() {
    this.#job.start()
  }

  /** Resolves once the round of checks in flight (if any) has ended. */
  stop() {
    return this.#job.stop()
  }

  async checkAll() {
    const upstreams = this.#balancer.upstreams.filter((upstream) => !upstream.draining)
    const results = await Promise.all(upstreams.map((upstream) => answersHealthy(upstream, this.#options)))
    upstreams.forEach((upstream, i) => {
      this.record(upstream, results[i])
    })
  }

  record(upstream: Upstream, healthy: boolean) {
    const { falls, rises } = this.#options
    if (healthy) {
      upstream.checkFailures = 0
      upstream.checkSuccesses++
      if (!upstream.healthy && upstream.checkSuccesses >= rises) {
        upstream.healthy = true
        this.#log.info({ upstream: upstream.url }, 'upstream up')
      }
    } else {
      upstream.checkSuccesses = 0
      upstream.checkFailures++
      if (upstream.healthy && upstream.checkFailures >= falls) {
        upstream.healthy = false
        this.#log.warn({ upstream: upstream.url, failures: upstream.checkFailures }, 'upstream down')
      }
    }
  }
}
