import { LatencyStats } from './latency.ts'

export type StatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx'

export const statusClass = (status: number): StatusClass =>
  `${Math.min(5, Math.max(1, Math.floor(status / 100)))}xx` as StatusClass

/** What the balancer as a whole has handled since start. */
export interface Totals {
  requests: number
  inFlight: number
  tunnels: number
  retries: number
  noUpstream: number
  clientAborts: number
  reloads: number
  responses: Record<StatusClass, number>
  latency: LatencyStats
}

export const createTotals = (): Totals => ({
  requests: 0,
  inFlight: 0,
  tunnels: 0,
  retries: 0,
  noUpstream: 0,
  clientAborts: 0,
  reloads: 0,
  responses: { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
  latency: new LatencyStats(),
})
