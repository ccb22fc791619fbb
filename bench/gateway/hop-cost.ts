// What each hop of the chain costs, on the running stack (./focushub up): the same authenticated
// GET /tasks?limit=20 through NGINX → balancer → gateways → task-service and straight to task-service,
// side by side in alternating rounds. Each round counts the CPU time (utime + stime from /proc, with
// child processes: NGINX's workers, PostgreSQL's backends) every stack process used per request.
// The users are new accounts signed up at auth-service itself, BENCH_TASKS tasks each; requests go to
// them in turn, so the per-user rate limit (RATE_LIMIT_MAX a minute) is not what is measured. The two
// gateways each take half the requests: run one on new code and one on old (restart only one) to
// compare them side by side; their figures are per chained request, so each one's own is twice it.
// Run: node bench/gateway/hop-cost.ts   (BENCH_SECONDS=8 per path and round, BENCH_ROUNDS=5,
// BENCH_CONNECTIONS=16, BENCH_USERS=64, BENCH_TASKS=25)
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { createHistogram } from 'node:perf_hooks'
import { Pool } from 'undici'
import { send, signUp } from '../../e2e/client.ts'
import { edgeUrl, processes } from '../../e2e/stack.ts'
import { median } from '../lb/support.ts'
import { stackComponents, watchStack } from '../system/stack-processes.ts'

const seconds = Number(process.env.BENCH_SECONDS ?? 8)
const rounds = Number(process.env.BENCH_ROUNDS ?? 5)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16)
const userCount = Number(process.env.BENCH_USERS ?? 64)
const tasksEach = Number(process.env.BENCH_TASKS ?? 25)
const root = new URL('../../', import.meta.url).pathname
/** The processes a list request goes through, in the order of the chain. */
const shown = ['nginx', 'load-balancer', 'gateway-1', 'gateway-2', 'redis', 'task-service', 'postgres']

interface Run {
  requests: number
  failed: number
  perSecond: number
  p50: number
  p99: number
  /** µs of CPU per request, by process. */
  cpu: Record<string, number>
  /** CPU seconds per second, by process. */
  rate: Record<string, number>
}

async function drive(base: string, path: string, tokens: string[]): Promise<Run> {
  const pool = new Pool(base, { connections, pipelining: 1 })
  const histogram = createHistogram()
  let requests = 0
  let failed = 0
  const watch = watchStack(stackComponents(join(root, '.focushub')), 1000)
  const started = performance.now()
  const deadline = started + seconds * 1000
  async function client() {
    while (performance.now() < deadline) {
      const authorization = `Bearer ${tokens[requests++ % tokens.length]}`
      const sent = performance.now()
      try {
        const response = await pool.request({ method: 'GET', path, headers: { authorization } })
        await response.body.dump()
        if (response.statusCode !== 200) failed++
      } catch {
        failed++
      }
      histogram.record(Math.max(1, Math.round((performance.now() - sent) * 1000)))
    }
  }
  await Promise.all(Array.from({ length: connections }, client))
  const elapsed = (performance.now() - started) / 1000
  const figures = watch.stop()
  await pool.destroy()
  const cpu = Object.fromEntries(
    shown.map((name) => [name, ((figures[name]?.cpuSeconds ?? Number.NaN) / requests) * 1e6]),
  )
  const rate = Object.fromEntries(shown.map((name) => [name, (figures[name]?.cpuSeconds ?? Number.NaN) / elapsed]))
  return {
    requests,
    failed,
    rate,
    perSecond: requests / elapsed,
    p50: histogram.percentile(50) / 1000,
    p99: histogram.percentile(99) / 1000,
    cpu,
  }
}

console.log(`signing up ${userCount} users with ${tasksEach} tasks each …`)
const users = []
for (let i = 0; i < userCount; i += 8) {
  users.push(...(await Promise.all(Array.from({ length: Math.min(8, userCount - i) }, () => signUp()))))
}
const taskService = processes['task-service']
await Promise.all(
  users.map(async (user) => {
    for (let i = 0; i < tasksEach; i++) {
      const created = await send('POST', '/tasks', {
        base: taskService,
        authorization: user.authorization,
        body: { title: `hop ${i}` },
      })
      if (created.status !== 201) throw new Error(`create answered ${created.status}: ${JSON.stringify(created.body)}`)
    }
  }),
)
const tokens = users.map((user) => user.accessToken)
const paths = {
  chain: { base: edgeUrl, path: '/api/v1/tasks?limit=20' },
  direct: { base: taskService, path: '/tasks?limit=20' },
}
type Side = keyof typeof paths
const sides = Object.keys(paths) as Side[]
const runs: Record<Side, Run[]> = { chain: [], direct: [] }
// Warm-up: JIT, connection pools, the gateways' token caches.
for (const side of sides) await drive(paths[side].base, paths[side].path, tokens)

const us = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '–')
const loads: string[] = []
for (let round = 1; round <= rounds; round++) {
  const order = round % 2 ? sides : [...sides].reverse()
  for (const side of order) {
    const run = await drive(paths[side].base, paths[side].path, tokens)
    runs[side].push(run)
    console.log(
      `round ${round} ${side.padEnd(6)} ${Math.round(run.perSecond)} req/s p50 ${run.p50.toFixed(2)} ms p99 ${run.p99.toFixed(2)} ms` +
        `${run.failed ? ` (${run.failed} failed)` : ''} | µs CPU/request: ${shown.map((name) => `${name} ${us(run.cpu[name])}`).join(', ')}`,
    )
  }
  loads.push(loadavg()[0].toFixed(2))
}

// A round where either path failed (a process restarted meanwhile: others share the stack) is left out.
const clean = Array.from({ length: rounds }, (_, i) => i).filter(
  (i) => runs.chain[i].failed === 0 && runs.direct[i].failed === 0,
)
const cleanRuns = (side: Side) => clean.map((i) => runs[side][i])
const summary = (side: Side) => ({
  'req/s': Math.round(median(cleanRuns(side).map((run) => run.perSecond))),
  'p99 ms': Number(median(cleanRuns(side).map((run) => run.p99)).toFixed(2)),
  ...Object.fromEntries(
    shown.map((name) => [`${name} µs`, Math.round(median(cleanRuns(side).map((run) => run.cpu[name])))]),
  ),
})
console.log(
  `\nmedians of the ${clean.length} of ${rounds} rounds without failures, ${connections} connections, ${seconds} s per path; ` +
    `load average after each round: ${loads.join(', ')}`,
)
console.table({ chain: summary('chain'), direct: summary('direct') })
// The hops are not on the direct path: what they use meanwhile is the rest of the machine's traffic
// (another bench, the gateways' event consumers). Net of it: the chain round's rate minus the direct
// round's, per chained request.
const net = (names: string[]) =>
  median(
    clean.map(
      (i) =>
        names.reduce((sum, name) => sum + runs.chain[i].rate[name] - runs.direct[i].rate[name], 0) /
        runs.chain[i].perSecond,
    ),
  ) * 1000
const ms = (value: number) => `${value.toFixed(3)} ms`
const kept = median(clean.map((i) => runs.chain[i].perSecond / runs.direct[i].perSecond))
console.log(
  `net CPU per chained request (chain round minus the direct round's background): ` +
    `gateways ${ms(net(['gateway-1', 'gateway-2']))} (gateway-1 ${ms(net(['gateway-1']))}, gateway-2 ${ms(net(['gateway-2']))}; target ≤ 0.5), ` +
    `balancer ${ms(net(['load-balancer']))} (target ≤ 0.2), NGINX ${ms(net(['nginx']))}, Redis ${ms(net(['redis']))}; ` +
    `the chain keeps ${(kept * 100).toFixed(1)} % of direct throughput (median of per-round ratios; target ≥ 70 %)`,
)
process.exit(clean.length === 0 ? 1 : 0)
