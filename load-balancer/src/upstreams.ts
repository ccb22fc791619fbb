import { Pool } from 'undici'

export interface Upstream {
  url: string
  pool: Pool
  inFlight: number
  requests: number
  failures: number
}

export function createUpstream(url: string): Upstream {
  const pool = new Pool(url, { connections: 128, keepAliveTimeout: 30_000, headersTimeout: 0, bodyTimeout: 0 })
  return { url, pool, inFlight: 0, requests: 0, failures: 0 }
}

/** Round robin: each call hands out the next upstream, in turn. */
export class RoundRobin {
  readonly upstreams: Upstream[]
  #next = 0

  constructor(upstreams: Upstream[]) {
    this.upstreams = upstreams
  }

  /** The upstreams in the order this request should try them. */
  order(): Upstream[] {
    const start = this.#next
    this.#next = (this.#next + 1) % this.upstreams.length
    return this.upstreams.map((_, i) => this.upstreams[(start + i) % this.upstreams.length])
  }

  async close() {
    await Promise.all(this.upstreams.map((upstream) => upstream.pool.close()))
  }
}
