// The issue's comparison: the same load through NGINX → our balancer → 2 gateways and through NGINX
// balancing the same 2 gateways itself (upstream block with keepalive), side by side in one run.
// Table 1, the real thing: 2 gateway processes (token verified, account status and rate limit in
// Redis) in front of task-service and Postgres, for an authenticated GET /api/v1/tasks?limit=20.
// Table 2, the balancer's raw per-hop cost: the same two paths to 2 stand-in upstreams that answer
// a fixed JSON document at once, so the hop itself is nearly all there is to measure.
// Rounds alternate the two paths of a table (the order flips every round) to share the noise. Each
// round also counts the CPU time each process on the path used per request (from /proc), to show
// what the balancer itself costs. That figure rises as the rate falls (fewer requests share each
// wake-up) and when the machine is oversubscribed, so compare it between rounds of similar rates.
// Besides the ratio of the medians, it prints the median of the per-round ratios (ours / NGINX's
// within one round): on a shared machine the load moves more between rounds than within one.
// Run: node bench/lb/compare.ts   (BENCH_SECONDS=5 per path and round, BENCH_ROUNDS=5,
// BENCH_CONNECTIONS=32, LB_ACCESS_LOG=true as in the stack (NGINX logs too); needs Postgres, Redis and Kafka as ./focushub up runs them)
import { loadavg } from 'node:os'
import { startGatewayPair } from './gateways.ts'
import {
  cpuSeconds,
  type LoadResult,
  load,
  median,
  startBalancer,
  startNginx,
  startUpstream,
  stopAll,
} from './support.ts'

const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const rounds = Number(process.env.BENCH_ROUNDS ?? 5)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32)
const accessLog = process.env.LB_ACCESS_LOG ?? 'true'

interface Table {
  title: string
  path: string
  headers: Record<string, string>
  /** Our balancer's path first, NGINX's own second. */
  urls: [string, string]
  /** The processes on the paths, by role (the balancer is idle on NGINX's own path). */
  processes: Record<string, number[]>
}

type Cpu = Record<string, number>
const label = ['nginx → focushub LB → 2 upstreams', 'nginx → 2 upstreams (upstream block)']
const load1 = () => loadavg()[0].toFixed(2)
const cpuOf = (processes: Record<string, number[]>): Cpu =>
  Object.fromEntries(
    Object.entries(processes).map(([role, pids]) => [role, pids.reduce((s, p) => s + cpuSeconds(p), 0)]),
  )
const perRequest = (before: Cpu, after: Cpu, requests: number): Cpu =>
  Object.fromEntries(Object.keys(before).map((role) => [role, ((after[role] - before[role]) / requests) * 1e6]))
const total = (cpu: Cpu) => Object.values(cpu).reduce((a, b) => a + b, 0)
const cpuText = (cpu: Cpu) =>
  `${Object.entries(cpu)
    .map(([role, us]) => `${role} ${us.toFixed(0)}`)
    .join(', ')}; all ${total(cpu).toFixed(0)}`

async function measure(table: Table) {
  const results: LoadResult[][] = [[], []]
  const cpus: Cpu[][] = [[], []]
  for (const url of table.urls) await load(url, table.path, 1, connections, table.headers)
  console.log(`\n${table.title}\nGET ${table.path}, ${connections} connections, ${seconds} s per path and round`)
  for (let round = 1; round <= rounds; round++) {
    for (const side of round % 2 === 1 ? [0, 1] : [1, 0]) {
      const before = cpuOf(table.processes)
      const result = await load(table.urls[side], table.path, seconds, connections, table.headers)
      const cpu = perRequest(before, cpuOf(table.processes), result.requests)
      results[side].push(result)
      cpus[side].push(cpu)
      console.log(
        `  round ${round}  ${label[side].padEnd(37)} ${result.perSecond.toFixed(0).padStart(6)} req/s  p50 ${result.p50.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms  failed ${result.failed}${result.failed ? ` ${JSON.stringify(result.statuses)}` : ''}  (load ${load1()})`,
      )
      console.log(`           CPU µs per request: ${cpuText(cpu)}`)
    }
  }
  const [ours, theirs] = results.map((list, side) => {
    const rps = median(list.map((r) => r.perSecond))
    const p99 = median(list.map((r) => r.p99))
    const failed = list.reduce((sum, r) => sum + r.failed, 0)
    const cpu = Object.fromEntries(
      Object.keys(table.processes).map((role) => [role, median(cpus[side].map((c) => c[role]))]),
    )
    console.log(
      `  median   ${label[side].padEnd(37)} ${rps.toFixed(0).padStart(6)} req/s  p99 ${p99.toFixed(2)} ms  failed ${failed}`,
    )
    console.log(`           CPU µs per request: ${cpuText(cpu)}`)
    return { rps, p99 }
  })
  console.log(
    `  throughput ratio ${((ours.rps / theirs.rps) * 100).toFixed(1)} % (target ≥ 90 %)   p99 ratio ${(ours.p99 / theirs.p99).toFixed(2)}× (target ≤ 1.25×)`,
  )
  const perRound = (of: (r: LoadResult) => number) =>
    results[0].map((ours, round) => of(ours) / of(results[1][round])).sort((a, b) => a - b)
  const range = (ratios: number[], show: (ratio: number) => string) =>
    `median ${show(median(ratios))} (${show(ratios[0])}–${show(ratios[ratios.length - 1])})`
  const percent = (ratio: number) => `${(ratio * 100).toFixed(1)} %`
  const times = (ratio: number) => `${ratio.toFixed(2)}×`
  console.log(
    `  per round: throughput ${range(
      perRound((r) => r.perSecond),
      percent,
    )}   p99 ${range(
      perRound((r) => r.p99),
      times,
    )}`,
  )
}

const pair = await startGatewayPair()
try {
  const [a, b] = await Promise.all([startUpstream('a'), startUpstream('b')])
  const standIns = [a, b].map((u) => `127.0.0.1:${u.port}`)
  const balancerOf = (servers: string[]) =>
    startBalancer(servers.map((server) => `http://${server}`).join(','), { LB_ACCESS_LOG: accessLog })
  const [toGateways, toStandIns] = [await balancerOf(pair.gateways), await balancerOf(standIns)]
  const nginx = await startNginx({
    gatewaysViaLb: [`127.0.0.1:${toGateways.port}`],
    gateways: pair.gateways,
    standInsViaLb: [`127.0.0.1:${toStandIns.port}`],
    standIns,
  })
  console.log(
    `balancer access log ${accessLog === 'true' ? 'on' : 'off'}; ${rounds} rounds; load average at start ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  )
  await measure({
    title: '1. real gateways: authenticated list of 20 tasks (gateway → task-service → Postgres)',
    path: pair.path,
    headers: pair.headers,
    urls: [nginx.urls.gatewaysViaLb, nginx.urls.gateways],
    processes: {
      nginx: nginx.workers,
      balancer: [toGateways.child.pid as number],
      gateways: pair.pids.gateways,
      'task-service': [pair.pids.taskService],
    },
  })
  await measure({
    title: "2. the balancer's raw per-hop cost: stand-in upstreams answering a fixed document",
    path: '/api/v1/dashboard',
    headers: {},
    urls: [nginx.urls.standInsViaLb, nginx.urls.standIns],
    processes: {
      nginx: nginx.workers,
      balancer: [toStandIns.child.pid as number],
      'stand-ins': [a, b].map((u) => u.child.pid as number),
    },
  })
  console.log(`\nload average at the end ${load1()}`)
} finally {
  stopAll()
  await pair.close()
}
