import { setTimeout as sleep } from 'node:timers/promises'
import type { Logger } from 'pino'
import type { Balancer } from './balancer.ts'
import type { Upstream, UpstreamSpec } from './upstreams.ts'

/**
 * Lets a removed upstream finish what it has: no new requests, in-flight ones complete (undici's
 * close waits for them), and whatever is still open when the bound passes is cut.
 */
export async function drain(upstream: Upstream, boundMs: number) {
  upstream.draining = true
  const deadline = Date.now() + boundMs
  const bound = sleep(boundMs, undefined, { ref: false })
  await Promise.race([upstream.pool.close(), bound])
  while (upstream.tunnels.size > 0 && Date.now() < deadline) await sleep(50, undefined, { ref: false })
  for (const socket of upstream.tunnels) socket.destroy()
  if (!upstream.pool.destroyed) await upstream.pool.destroy()
}

/**
 * Swaps the balancer's list for `specs`: an upstream listed before keeps its pool, health and
 * figures (only its weight changes), a new one starts healthy, and a dropped one is drained.
 */
export function applyUpstreams(
  balancer: Balancer,
  specs: UpstreamSpec[],
  create: (spec: UpstreamSpec) => Upstream,
  drainMs: number,
  log: Logger,
) {
  const current = new Map(balancer.upstreams.map((upstream) => [upstream.url, upstream]))
  const next = specs.map((spec) => {
    const kept = current.get(spec.url)
    if (!kept) return create(spec)
    kept.weight = spec.weight
    return kept
  })
  const listed = new Set(specs.map((spec) => spec.url))
  const removed = balancer.upstreams.filter((upstream) => !listed.has(upstream.url))
  for (const upstream of next) upstream.current = 0
  balancer.upstreams = next
  for (const upstream of removed) {
    drain(upstream, drainMs).then(
      () => log.info({ upstream: upstream.url }, 'removed upstream drained'),
      (err) => log.warn({ upstream: upstream.url, err }, 'draining a removed upstream failed'),
    )
  }
  const added = specs.filter((spec) => !current.has(spec.url)).map((spec) => spec.url)
  log.info({ upstreams: specs, added, removed: removed.map((u) => u.url) }, 'upstreams reloaded')
  return { added, removed: removed.map((u) => u.url) }
}
