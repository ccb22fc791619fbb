// Open-loop load at a steady rate, for the benchmarks whose target is a latency "at N requests per
// second". Request i is due at start + i / rate whatever happened to the ones before it, and its
// latency counts from that moment, so a server that stalls cannot hide its queue by slowing the
// sender down (no coordinated omission). autocannon's `overallRate` is not this: each connection
// sends its share of a second back to back at the top of the second, which measures a burst of
// `rate` requests once a second rather than a rate.
import { setTimeout as sleep } from 'node:timers/promises'
import { Pool } from 'undici'

export interface SteadyRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  headers?: Record<string, string>
  body?: string
}

export interface SteadyRateOptions {
  url: string
  rate: number
  seconds: number
  /** The connections the sender may open; enough that the sender never queues requests itself. */
  connections?: number
  request: (index: number) => SteadyRequest
}

export interface SteadyRateResult {
  sent: number
  ok: number
  /** Answers outside 2xx, and requests that got no answer at all. */
  failed: number
  p50: number
  p90: number
  p99: number
  max: number
}

export const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]

export async function steadyRate(options: SteadyRateOptions): Promise<SteadyRateResult> {
  const { url, rate, seconds, connections = 64, request } = options
  const pool = new Pool(url, { connections, pipelining: 1 })
  const total = Math.round(rate * seconds)
  const interval = 1000 / rate
  const latencies: number[] = []
  const inFlight: Promise<void>[] = []
  let ok = 0
  let failed = 0

  const send = async (index: number, due: number) => {
    try {
      const { method, path, headers, body } = request(index)
      const response = await pool.request({ method, path, headers, body })
      await response.body.dump()
      if (response.statusCode >= 200 && response.statusCode < 300) ok++
      else failed++
    } catch {
      failed++
    }
    latencies.push(performance.now() - due)
  }

  const start = performance.now()
  let next = 0
  while (next < total) {
    const now = performance.now()
    // Everything that fell due since the last wake-up goes now, each timed from its own due moment.
    while (next < total && start + next * interval <= now) {
      inFlight.push(send(next, start + next * interval))
      next++
    }
    await sleep(Math.max(0, start + next * interval - performance.now()))
  }
  await Promise.all(inFlight)
  await pool.close()

  const sorted = latencies.sort((a, b) => a - b)
  return {
    sent: total,
    ok,
    failed,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
  }
}
