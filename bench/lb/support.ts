// Processes and a bounded load loop shared by the balancer benchmarks (loopback only).
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHistogram } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { Pool } from 'undici'

const root = new URL('../../', import.meta.url).pathname
const children: ChildProcess[] = []
export const logDir = mkdtempSync(join(tmpdir(), 'focushub-lb-bench-'))

export function stopAll() {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
}
process.on('exit', stopAll)
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    stopAll()
    process.exit(130)
  })

/**
 * Starts `node script` with its stdout in a log file (so the load generator never reads it) and
 * resolves with the first JSON line there that has `field`.
 */
export async function spawnNode(script: string, env: Record<string, string>, field: string) {
  const logFile = join(logDir, `${children.length}-${script.replaceAll('/', '_')}.log`)
  const out = openSync(logFile, 'w')
  const child = spawn(process.execPath, [root + script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', out, 'inherit'],
  })
  closeSync(out)
  children.push(child)
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline && child.exitCode === null) {
    for (const line of readFileSync(logFile, 'utf8').split('\n').filter(Boolean)) {
      const entry = JSON.parse(line) as Record<string, unknown>
      if (entry[field] !== undefined) return { child, port: Number(entry[field]), logFile }
    }
    await sleep(50)
  }
  throw new Error(`${script} did not print ${field} (see ${logFile})`)
}

export const startUpstream = (name: string) => spawnNode('bench/lb/upstream.ts', { UPSTREAM_NAME: name }, 'port')

export const startBalancer = (upstreams: string, env: Record<string, string> = {}) =>
  spawnNode(
    'load-balancer/src/server.ts',
    { LB_PORT: '0', LB_ADMIN_PORT: '0', HOST: '127.0.0.1', LB_UPSTREAMS: upstreams, LOG_LEVEL: 'info', ...env },
    'port',
  )

export async function freePort() {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  return port
}

export interface LoadResult {
  requests: number
  failed: number
  statuses: Record<string, number>
  perSecond: number
  p50: number
  p99: number
}

/** `connections` keep-alive clients sending GET `path` back to back for `seconds` (bounded in time and count). */
export async function load(url: string, path: string, seconds: number, connections: number, maxRequests = 5_000_000) {
  const pool = new Pool(url, { connections, pipelining: 1 })
  const histogram = createHistogram()
  const statuses: Record<string, number> = {}
  let requests = 0
  let failed = 0
  const deadline = performance.now() + seconds * 1000
  const started = performance.now()
  async function client() {
    while (performance.now() < deadline && requests < maxRequests) {
      const sent = performance.now()
      requests++
      try {
        const response = await pool.request({ method: 'GET', path })
        await response.body.dump()
        statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1
        if (response.statusCode !== 200) failed++
      } catch (error) {
        failed++
        const code = (error as { code?: string }).code ?? 'error'
        statuses[code] = (statuses[code] ?? 0) + 1
      }
      histogram.record(Math.max(1, Math.round((performance.now() - sent) * 1000)))
    }
  }
  await Promise.all(Array.from({ length: connections }, client))
  const elapsed = (performance.now() - started) / 1000
  await pool.destroy()
  const ms = (p: number) => histogram.percentile(p) / 1000
  return { requests, failed, statuses, perSecond: requests / elapsed, p50: ms(50), p99: ms(99) } satisfies LoadResult
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
