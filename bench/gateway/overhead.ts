// What the gateway adds to an authenticated GET: the same GET /tasks straight to task-service and through a
// gateway (token verified, account status read, rate limit counted in Redis, proxied), side by side.
// Each runs in its own process; the load comes from this one. Rounds alternate to share the noise.
// Latency: one request at a time over a keep-alive connection (p50/p99 without queueing, µs precision);
// throughput: autocannon with BENCH_CONNECTIONS concurrent connections.
// Run: node bench/gateway/overhead.ts   (BENCH_SECONDS=5 per side and phase per round, BENCH_ROUNDS=3,
// BENCH_CONNECTIONS=10, BENCH_CPU_PROFILE=<dir>, BENCH_GATEWAY_LOG_LEVEL=warn; needs Postgres, Redis and Kafka as ./focushub up provides them)
import { type ChildProcess, spawn } from 'node:child_process'
import { Agent, get } from 'node:http'
import { createInterface } from 'node:readline'
import { createTestDatabase, deleteKafkaNamespace, startTestJwks } from '@focushub/shared/testing'
import autocannon from 'autocannon'
import { loadServiceConfig } from '../../task-service/src/config.ts'
import { migrations } from '../../task-service/src/db/migrations/index.ts'
import type { Database } from '../../task-service/src/db/tables.ts'

const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)
/** BENCH_GATEWAY_LOG_LEVEL=info: the gateway logs as in production (one line per request), not only warnings. */
const gatewayLogLevel = process.env.BENCH_GATEWAY_LOG_LEVEL ?? 'warn'
/** BENCH_CPU_PROFILE=<dir>: the gateway writes a V8 CPU profile there (open it in Chrome DevTools). */
const profileDir = process.env.BENCH_CPU_PROFILE
const children: ChildProcess[] = []
const cleanups: Array<() => Promise<unknown>> = []

async function start<T>(script: string, env: NodeJS.ProcessEnv): Promise<T> {
  const child = spawn(
    process.execPath,
    [
      ...(profileDir && script === './server.ts' ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      new URL(script, import.meta.url).pathname,
    ],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  children.push(child)
  // The line naming the address may follow log lines (BENCH_GATEWAY_LOG_LEVEL=info); later ones are read and dropped.
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  return new Promise<T>((resolve) => {
    lines.on('line', (line) => {
      if (line.startsWith('{"url":')) resolve(JSON.parse(line) as T)
    })
  })
}

interface Figures {
  p50: number
  p99: number
  rps: number
  errors: number
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]

async function latency(url: string, token: string, duration: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const once = () =>
    new Promise<number>((resolve, reject) => {
      get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
        response.resume().on('end', () => resolve(response.statusCode ?? 0))
      }).on('error', reject)
    })
  const samples: number[] = []
  let errors = 0
  const end = Date.now() + duration * 1000
  while (Date.now() < end) {
    const started = process.hrtime.bigint()
    const status = await once()
    samples.push(Number(process.hrtime.bigint() - started) / 1e6)
    if (status !== 200) errors += 1
  }
  agent.destroy()
  samples.sort((a, b) => a - b)
  return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99), errors }
}

async function measure(url: string, token: string, duration: number): Promise<Figures> {
  const latencies = await latency(url, token, duration)
  const result = await autocannon({ url, connections, duration, headers: { authorization: `Bearer ${token}` } })
  const errors = latencies.errors + result.errors + result.timeouts + result.non2xx
  return { p50: latencies.p50, p99: latencies.p99, rps: result.requests.average, errors }
}

const ms = (value: number) => `${value.toFixed(3)} ms`
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

try {
  // The real task-service, in its own process, on a schema of its own; the JWKS served from here.
  const jwks = await startTestJwks()
  const topicPrefix = `bench-gateway-${process.pid}.`
  const serviceEnv = {
    ...jwks.env,
    LOG_LEVEL: 'warn',
    KAFKA_TOPIC_PREFIX: topicPrefix,
    OUTBOX_RELAY_ENABLED: 'false',
  }
  const database = await createTestDatabase<Database>(loadServiceConfig(serviceEnv).TASK_DATABASE_URL, migrations)
  cleanups.push(
    () => database.destroy(),
    () => jwks.close(),
    () => deleteKafkaNamespace(topicPrefix),
  )
  const service = await start<{ url: string }>('../tasks/server.ts', { ...serviceEnv, BENCH_SCHEMA: database.schema })
  const token = await jwks.sign()
  const gateway = await start<{ url: string }>('./server.ts', {
    ...jwks.env,
    LOG_LEVEL: gatewayLogLevel,
    TASK_SERVICE_URL: service.url,
    RATE_LIMIT_MAX: '10000000',
    RATE_LIMIT_REDIS_PREFIX: `focushub:gateway:bench:${process.pid}:`,
  })
  const direct = `${service.url}/tasks`
  const through = `${gateway.url}/api/v1/tasks`
  await measure(direct, token, 1)
  await measure(through, token, 1)

  const runs: Array<{ direct: Figures; gateway: Figures }> = []
  for (let round = 1; round <= rounds; round++) {
    const figures = {
      direct: await measure(direct, token, seconds),
      gateway: await measure(through, token, seconds),
    }
    runs.push(figures)
    const addedMs = figures.gateway.p50 - figures.direct.p50
    console.log(
      `round ${round}: direct p50 ${ms(figures.direct.p50)} p99 ${ms(figures.direct.p99)} ${Math.round(figures.direct.rps)} req/s | ` +
        `gateway p50 ${ms(figures.gateway.p50)} p99 ${ms(figures.gateway.p99)} ${Math.round(figures.gateway.rps)} req/s | ` +
        `+${ms(addedMs)} p50, throughput ${((figures.gateway.rps / figures.direct.rps) * 100).toFixed(1)}%` +
        (figures.direct.errors + figures.gateway.errors > 0
          ? ` (errors: ${figures.direct.errors}/${figures.gateway.errors})`
          : ''),
    )
  }
  const table = (side: 'direct' | 'gateway') => ({
    'p50 ms': Number(median(runs.map((run) => run[side].p50)).toFixed(3)),
    'p99 ms': Number(median(runs.map((run) => run[side].p99)).toFixed(3)),
    'req/s': Math.round(median(runs.map((run) => run[side].rps))),
  })
  console.log(
    `\nmedians of ${rounds} rounds (latency: 1 request at a time; req/s: ${connections} connections; ${seconds} s each)`,
  )
  console.table({ direct: table('direct'), gateway: table('gateway') })
  const added = median(runs.map((run) => run.gateway.p50 - run.direct.p50))
  const kept = median(runs.map((run) => run.gateway.rps / run.direct.rps))
  console.log(
    `gateway adds ${added.toFixed(2)} ms at p50 (target ≤ 1 ms); keeps ${(kept * 100).toFixed(1)}% of direct throughput (target ≥ 50%)`,
  )
} finally {
  for (const child of children) child.kill('SIGTERM')
  for (const cleanup of cleanups) await cleanup()
}
