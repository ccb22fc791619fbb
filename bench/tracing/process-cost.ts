// What tracing costs one process, per request: task-service twice, side by side on the same schema — one
// started as the stack starts it with tracing (`--import shared/dist/tracing.js`), one with
// OTEL_SDK_DISABLED=true — each sent the same `GET /tasks` by autocannon in turn (ABBA, so neither always
// goes first), with a `traceparent` as NGINX sends it: unsampled (`…-00`), sampled TRACE_SAMPLE_PERCENT % of
// the time (5, the default), or always sampled. Compared: the process's CPU per request (/proc/<pid>/stat), which the
// machine's other users disturb far less than its throughput.
// Run: node bench/tracing/process-cost.ts   after ./focushub up (PostgreSQL, Kafka, Jaeger).
// Knobs: BENCH_SECONDS=8 per leg, BENCH_ROUNDS=3, BENCH_CONNECTIONS=8, TRACE_SAMPLE_PERCENT=5, BENCH_MODES,
// BENCH_PROFILE=1 (below).
// Results: bench/results/tracing-process-cost-<timestamp>.json
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { createTestDatabase, startTestJwks } from '@focushub/shared/testing'
import autocannon from 'autocannon'
import { loadServiceConfig } from '../../task-service/src/config.ts'
import { migrations } from '../../task-service/src/db/migrations/index.ts'
import type { Database } from '../../task-service/src/db/tables.ts'
import { machine, median, writeResults } from '../support/results.ts'
import { seedTasks } from '../tasks/seed.ts'

const root = new URL('../../', import.meta.url).pathname
const startedAt = new Date()
const machineBefore = machine()
const seconds = Number(process.env.BENCH_SECONDS ?? 8)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 8)

/**
 * BENCH_PROFILE=1: both processes write a CPU profile (V8's, `--cpu-prof`), and the share of the traced one's
 * busy time spent in OpenTelemetry's own code (its packages and the loader hooks', self time) is printed —
 * what the noise of a shared machine cannot hide, unlike a difference of a few per cent between two runs.
 */
const profileDir = process.env.BENCH_PROFILE === '1' ? mkdtempSync(join(tmpdir(), 'tracing-profile-')) : undefined

const jwks = await startTestJwks()
const env = {
  ...process.env,
  ...jwks.env,
  LOG_LEVEL: 'warn',
  KAFKA_TOPIC_PREFIX: `bench-tracing-${Date.now()}.`,
  OUTBOX_RELAY_ENABLED: 'false',
}
const database = await createTestDatabase<Database>(loadServiceConfig(env).TASK_DATABASE_URL, migrations)
const seeded = await seedTasks(database.db, 200, 50)
const tokens = await Promise.all(seeded.userIds.map((id) => jwks.sign(id, { expiresIn: '2h' })))

type Tracing = 'off' | 'on'
async function startService(tracing: Tracing) {
  const server = fileURLToPath(new URL('../tasks/server.ts', import.meta.url))
  const child = spawn(
    process.execPath,
    [
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}/${tracing}`] : []),
      ...(tracing === 'on' ? ['--import', join(root, 'shared/dist/tracing.js')] : []),
      server,
    ],
    {
      env: {
        ...env,
        BENCH_SCHEMA: database.schema,
        OTEL_SDK_DISABLED: String(tracing === 'off'),
        OTEL_SERVICE_NAME: 'bench-task-service',
      },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  )
  const [line] = (await once(createInterface({ input: child.stdout as NodeJS.ReadableStream }), 'line')) as [string]
  return { child, url: (JSON.parse(line) as { url: string }).url }
}

/** utime + stime of a process, in ms. */
function cpuMs(child: ChildProcess) {
  const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/** The share NGINX samples by default (.env.example), or the one given. */
const defaultPercent = Number(process.env.TRACE_SAMPLE_PERCENT ?? 5)
const allModes: Record<string, number> = {
  unsampled: 0,
  [`sampled ${defaultPercent} %`]: defaultPercent / 100,
  sampled: 1,
}
/** BENCH_MODES=unsampled: only the modes named (a comma-separated list of their first words). */
const wanted = process.env.BENCH_MODES?.split(',').map((mode) => mode.trim())
const modes = Object.fromEntries(
  Object.entries(allModes).filter(([mode]) => !wanted || wanted.some((name) => mode.startsWith(name))),
)

async function leg(service: { child: ChildProcess; url: string }, share: number) {
  let next = 0
  const before = cpuMs(service.child)
  const result = await autocannon({
    url: service.url,
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => {
          const user = next++ % tokens.length
          const flags = Math.random() < share ? '01' : '00'
          return {
            ...request,
            method: 'GET',
            path: '/tasks?limit=20',
            headers: {
              authorization: `Bearer ${tokens[user]}`,
              traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-${flags}`,
            },
          }
        },
      },
    ],
  })
  const answered = result['2xx']
  if (result.non2xx + result.errors > 0) throw new Error(`${result.non2xx + result.errors} requests failed`)
  return { throughput: answered / seconds, cpuUsPerRequest: ((cpuMs(service.child) - before) * 1000) / answered }
}

const services = { off: await startService('off'), on: await startService('on') }
const results: { round: number; mode: string; tracing: Tracing; throughput: number; cpuUsPerRequest: number }[] = []
try {
  // Warm both up (JIT, pools, caches) before anything counts.
  for (const tracing of ['off', 'on'] as const) await leg(services[tracing], 0)
  for (let round = 1; round <= rounds; round++) {
    for (const mode of Object.keys(modes)) {
      const order: Tracing[] = round % 2 ? ['off', 'on', 'on', 'off'] : ['on', 'off', 'off', 'on']
      for (const tracing of order) {
        const figures = await leg(services[tracing], modes[mode])
        results.push({ round, mode, tracing, ...figures })
        console.log(
          `round ${round} ${mode.padEnd(13)} tracing ${tracing.padEnd(3)} ${figures.cpuUsPerRequest.toFixed(0)} µs/request ` +
            `${figures.throughput.toFixed(0)}/s`,
        )
      }
    }
  }
} finally {
  await Promise.all(
    Object.values(services).map(({ child }) => {
      child.kill('SIGTERM')
      return once(child, 'exit')
    }),
  )
  await database.destroy()
}

/** Self time of a CPU profile's samples, in ms, by whether the function is OpenTelemetry's. */
function profileShares(dir: string) {
  const [file] = readdirSync(dir)
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    nodes: { id: number; callFrame: { url: string; functionName: string } }[]
    samples: number[]
    timeDeltas: number[]
  }
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const opentelemetry = /node_modules\/(@opentelemetry|import-in-the-middle|require-in-the-middle|shimmer)\//
  let busy = 0
  let traced = 0
  profile.samples.forEach((id, i) => {
    const { url, functionName } = byId.get(id)?.callFrame ?? { url: '', functionName: '' }
    const ms = (profile.timeDeltas[i] ?? 0) / 1000
    if (functionName === '(idle)' || functionName === '(program)') return
    busy += ms
    if (opentelemetry.test(url)) traced += ms
  })
  return {
    busyMs: Math.round(busy),
    openTelemetryMs: Math.round(traced),
    share: Math.round((traced / busy) * 1000) / 10,
  }
}
const profiles = profileDir
  ? { on: profileShares(join(profileDir, 'on')), off: profileShares(join(profileDir, 'off')) }
  : undefined

const summary = Object.fromEntries(
  Object.keys(modes).map((mode) => {
    const of = (tracing: Tracing) => results.filter((r) => r.mode === mode && r.tracing === tracing)
    const cpu = (tracing: Tracing) => Math.round(median(of(tracing).map((r) => r.cpuUsPerRequest)))
    const throughput = (tracing: Tracing) => Math.round(median(of(tracing).map((r) => r.throughput)))
    return [
      mode,
      {
        cpuUsPerRequest: { off: cpu('off'), on: cpu('on') },
        throughput: { off: throughput('off'), on: throughput('on') },
        keptByCpu: Math.round((cpu('off') / cpu('on')) * 1000) / 10,
      },
    ]
  }),
)
console.log('\nGET /tasks?limit=20 on one task-service, medians (CPU µs per request, off → on; kept by CPU):')
for (const [mode, figures] of Object.entries(summary)) {
  console.log(
    `  ${mode.padEnd(13)} ${figures.cpuUsPerRequest.off} → ${figures.cpuUsPerRequest.on} µs  ${figures.keptByCpu} %  ` +
      `(${figures.throughput.off} → ${figures.throughput.on} req/s)`,
  )
}
if (profiles) {
  console.log(
    `\nCPU profiles (self time): the traced process spent ${profiles.on.share} % of ${profiles.on.busyMs} ms busy in ` +
      `OpenTelemetry's code (the untraced one ${profiles.off.share} % of ${profiles.off.busyMs} ms); profiles in ${profileDir}`,
  )
}
writeResults('tracing-process-cost', {
  bench: 'bench/tracing/process-cost.ts',
  startedAt,
  machine: { before: machineBefore, after: machine() },
  config: { seconds, rounds, connections, modes },
  results: { summary, profiles, legs: results },
})
process.exit(0)
