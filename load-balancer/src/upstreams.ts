import type { Duplex } from 'node:stream'
import { Pool } from 'undici'
import { LatencyStats } from './latency.ts'
import type { StatusClass } from './totals.ts'

export interface UpstreamSpec {
  url: string
  weight: number
}

export interface PoolOptions {
  connections: number
  connectTimeoutMs: number
  responseTimeoutMs: number
  streamIdleTimeoutMs: number
}

export interface Upstream extends UpstreamSpec {
  pool: Pool
  /** Smooth weighted round robin's running score. */
  current: number
  /** Active checks: false once /health failed LB_HEALTH_FALLS times in a row. */
  healthy: boolean
  checkFailures: number
  checkSuccesses: number
  /** Passive checks: consecutive failed exchanges, and the ejection they led to. */
  consecutiveFailures: number
  ejectedUntil: number
  ejections: number
  ejectionsTotal: number
  lastEjectionAt: number
  draining: boolean
  inFlight: number
  /** Client sockets of the upgraded connections (WebSocket) open to this upstream. */
  tunnels: Set<Duplex>
  requests: number
  failures: number
  retries: number
  responses: Record<StatusClass, number>
  latency: LatencyStats
}

/**
 * Reads `http://host:port|weight` entries, separated by commas or new lines; `#` starts a comment.
 * The weight defaults to 1.
 */
export function parseUpstreams(text: string): UpstreamSpec[] {
  const entries = text
    .split('\n')
    .map((line) => line.replace(/#.*/, ''))
    .join(',')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  const specs = entries.map((entry) => {
    const [address, weightText] = entry.split('|')
    const weight = weightText === undefined ? 1 : Number(weightText)
    if (!Number.isInteger(weight) || weight < 1 || weight > 100) throw new Error(`invalid weight in "${entry}" (1-100)`)
    let url: URL
    try {
      url = new URL(address)
    } catch {
      throw new Error(`invalid upstream URL "${address}"`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`"${address}" is not http(s)`)
    return { url: url.origin, weight }
  })
  if (specs.length === 0) throw new Error('no upstream given')
  if (new Set(specs.map((spec) => spec.url)).size !== specs.length) throw new Error('an upstream is listed twice')
  return specs
}

export function createUpstream(spec: UpstreamSpec, options: PoolOptions): Upstream {
  const pool = new Pool(spec.url, {
    connections: options.connections,
    keepAliveTimeout: 30_000,
    connectTimeout: options.connectTimeoutMs,
    headersTimeout: options.responseTimeoutMs,
    bodyTimeout: options.streamIdleTimeoutMs,
  })
  return {
    ...spec,
    pool,
    current: 0,
    healthy: true,
    checkFailures: 0,
    checkSuccesses: 0,
    consecutiveFailures: 0,
    ejectedUntil: 0,
    ejections: 0,
    ejectionsTotal: 0,
    lastEjectionAt: 0,
    draining: false,
    inFlight: 0,
    tunnels: new Set(),
    requests: 0,
    failures: 0,
    retries: 0,
    responses: { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
    latency: new LatencyStats(),
  }
}
