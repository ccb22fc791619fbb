// Memory of every Node process of the running stack under a steady mixed load, minute by minute: does
// any of them grow? Drives the system bench's virtual users and scenarios (sign-in, dashboard, list and
// create and complete tasks, focus start/complete, manual sessions, habit check-ins) through the chain
// (load balancer → gateways → services) at a steady rate, open loop, and every SOAK_SAMPLE_SECONDS reads
// each Node process's resident set and V8 heap (bench/soak/memory.ts), with the minute's traffic figures.
// Results: bench/results/soak-<timestamp>.json, and the table printed at the end.
// Run: node bench/soak/run.ts   after ./focushub up. Knobs (defaults): SOAK_MINUTES=10, SOAK_RATE=20
// (scenarios per second), SOAK_SAMPLE_SECONDS=60; the data set, virtual users and mix are the system
// bench's (BENCH_USERS, BENCH_VUS, BENCH_MIX … in bench/system/config.ts).
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { Agent } from 'undici'
import { config } from '../system/config.ts'
import { closeDatabases, openDatabases } from '../system/databases.ts'
import { machine } from '../system/report.ts'
import { completeRunning, type Outcome, scenarios } from '../system/scenarios.ts'
import { seed } from '../system/seed.ts'
import { readSessions, writeSessions } from '../system/sessions-file.ts'
import { stackComponents } from '../system/stack-processes.ts'
import { variantsOf } from '../system/variants.ts'
import { loadVirtualUsers, signIn, type VirtualUser } from '../system/virtual-users.ts'
import { isNode, type MemorySample, sampleMemory } from './memory.ts'

const number = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}=${process.env[name]} is not a number > 0`)
  return value
}
const minutes = number('SOAK_MINUTES', 10)
const rate = number('SOAK_RATE', 20)
const sampleSeconds = number('SOAK_SAMPLE_SECONDS', 60)

const root = new URL('../../', import.meta.url).pathname
const stateDir = join(root, config.stateDir)
const reportDir = join(stateDir, 'reports')
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim()
const commit = `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain') ? ' + uncommitted changes' : ''}`
const startedAt = new Date()
const machineBefore = machine()
const [chain] = variantsOf({ ...config, variants: ['chain'] })
const http = new Agent({ connections: 64, keepAliveTimeout: 30_000 })
const db = openDatabases(config)

const nodeProcesses = () => stackComponents(stateDir).filter((component) => isNode(component.pid))
console.log(
  `machine: ${machineBefore.cpus} cores, Node ${machineBefore.node}, load ${machineBefore.loadAverage.join(' ')}`,
)
console.log(
  `commit ${commit}; Node processes: ${nodeProcesses()
    .map((c) => `${c.name} ${c.pid}`)
    .join(', ')}`,
)

const seeded = await seed(db, config)
const users = await loadVirtualUsers(db, config, seeded.domain)
let sessions = readSessions(seeded.domain)
async function giveTokens() {
  // Access tokens last ACCESS_TOKEN_TTL_SECONDS (15 min): a long soak trades the refresh tokens again.
  const signedIn = await signIn(users, config, http, sessions)
  sessions = { ...sessions, ...signedIn.sessions }
  writeSessions(seeded.domain, sessions)
}
await giveTokens()
console.log(
  `${users.length} virtual users of ${seeded.domain} have tokens; ${rate} scenarios/s through ${chain.describe}`,
)

/** The traffic of one sampling period. */
class Period {
  latencies: number[] = []
  errors = 0
  throttled = 0
  /** Due while every virtual user was busy: sent later by nobody, counted so a slow stack shows. */
  skipped = 0
  errorSamples: Outcome[] = []

  add(outcome: Outcome, ms: number) {
    if (outcome.status === 429) this.throttled++
    else if (outcome.status >= 300 || outcome.status === 0 || outcome.wrong) {
      this.errors++
      if (this.errorSamples.length < 3) this.errorSamples.push(outcome)
    } else this.latencies.push(ms)
  }

  figures() {
    const sorted = this.latencies.sort((a, b) => a - b)
    const at = (p: number) =>
      Math.round((sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0) * 10) / 10
    const { errors, throttled, skipped, errorSamples } = this
    return { ok: sorted.length, errors, throttled, skipped, p50: at(0.5), p99: at(0.99), errorSamples }
  }
}

// Manual sessions are left out unless BENCH_MIX names them: the system bench logs each one before the
// user's earliest, and after a few minutes that is further back than FOCUS_BACKFILL_DAYS allows (422).
const mix = process.env.BENCH_MIX?.includes('focusManual') ? config.mix : { ...config.mix, focusManual: 0 }
const mixEntries = Object.entries(mix).filter(([, weight]) => weight > 0) as [keyof typeof scenarios, number][]
const mixTotal = mixEntries.reduce((sum, [, weight]) => sum + weight, 0)
function draw() {
  let point = Math.random() * mixTotal
  for (const [name, weight] of mixEntries) {
    point -= weight
    if (point < 0) return name
  }
  return mixEntries[mixEntries.length - 1][0]
}

const idle: VirtualUser[] = [...users]
const inFlight = new Set<Promise<void>>()
let period = new Period()

function sendOne() {
  const user = idle.shift()
  if (!user) {
    period.skipped++
    return
  }
  const name = draw()
  const sent = performance.now()
  const counted = period
  const done = scenarios[name]({ http, variant: chain, config, user })
    .catch((error: Error): Outcome => ({ scenario: name, status: 0, wrong: `no answer: ${error.message}` }))
    .then((outcome) => {
      counted.add(outcome, performance.now() - sent)
      idle.push(user)
      inFlight.delete(done)
    })
  inFlight.add(done)
}

interface Sample {
  minute: number
  at: string
  loadAverage: number[]
  traffic: ReturnType<Period['figures']> | null
  processes: Record<string, (MemorySample & { pid: number }) | null>
}

async function sampleAll(minute: number, traffic: Period | null): Promise<Sample> {
  const processes: Sample['processes'] = {}
  for (const { name, pid } of nodeProcesses()) {
    const memory = await sampleMemory(pid, reportDir)
    processes[name] = memory && { pid, ...memory }
  }
  return {
    minute,
    at: new Date().toISOString(),
    loadAverage: machine().loadAverage,
    traffic: traffic?.figures() ?? null,
    processes,
  }
}

const cell = (sample: Sample, name: string) => {
  const p = sample.processes[name]
  return p ? `${Math.round(p.rssMiB)} / ${p.heap ? Math.round(p.heap.usedMiB) : '?'}` : '—'
}

function printRow(sample: Sample, names: string[]) {
  const t = sample.traffic
  const traffic = t
    ? `${t.ok} ok, ${t.errors} err, ${t.throttled} 429, ${t.skipped} skipped, p99 ${t.p99} ms`
    : 'no load yet'
  console.log(
    `| ${sample.minute} | ${names.map((name) => cell(sample, name)).join(' | ')} | ${sample.loadAverage[0]} | ${traffic} |`,
  )
}

const names = nodeProcesses().map((component) => component.name)
console.log(`\nRSS / heap used, MiB, of each Node process; load average (1 min); the period's traffic`)
console.log(`| min | ${names.join(' | ')} | load | traffic |`)
console.log(`|---|${names.map(() => '---|').join('')}---|---|`)
const samples = [await sampleAll(0, null)]
printRow(samples[0], names)

const interval = 1000 / rate
const start = performance.now()
const end = start + minutes * 60_000

/** Reads every process each period, beside the sender: a slow report never holds the load back. */
async function sampler() {
  for (let minute = 1; minute * sampleSeconds * 1000 <= end - start + 1; minute++) {
    await sleep(start + minute * sampleSeconds * 1000 - performance.now())
    const finished = period
    period = new Period()
    const sample = await sampleAll(minute, finished)
    samples.push(sample)
    printRow(sample, names)
  }
}
const sampling = sampler()

let next = 0
let tokensAt = start
while (performance.now() < end) {
  while (start + next * interval <= performance.now()) {
    sendOne()
    next++
  }
  if (performance.now() - tokensAt > 10 * 60_000) {
    tokensAt = performance.now()
    await giveTokens()
  }
  await sleep(Math.max(0, start + next * interval - performance.now()))
}
await Promise.all([sampling, ...inFlight])
await completeRunning(users, { http, variant: chain, config })

/** Least-squares slope of (minute, MiB) points, in MiB per minute. */
function slope(points: [number, number][]) {
  if (points.length < 3) return null
  const n = points.length
  const mx = points.reduce((s, [x]) => s + x, 0) / n
  const my = points.reduce((s, [, y]) => s + y, 0) / n
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0)
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0)
  return Math.round((sxy / sxx) * 100) / 100
}

/**
 * The longest run of loaded samples after the first minute (the warm-up) of one and the same process: on a
 * shared stack someone may restart a process meanwhile, and a fresh process is not the old one shrinking.
 */
function steadyStretch(name: string) {
  let best: Sample[] = []
  let run: Sample[] = []
  for (const sample of samples.filter((s) => s.minute >= 2)) {
    const pid = sample.processes[name]?.pid
    run =
      pid !== undefined && run[0]?.processes[name]?.pid === pid ? [...run, sample] : pid === undefined ? [] : [sample]
    if (run.length > best.length) best = run
  }
  return best
}

const minuteOf = (sample: Sample) => (sample.minute * sampleSeconds) / 60
const growth = Object.fromEntries(
  names.map((name) => {
    const stretch = steadyStretch(name)
    const of = (pick: (p: MemorySample) => number | undefined) =>
      stretch
        .map((s) => [minuteOf(s), pick(s.processes[name] as MemorySample)] as [number, number | undefined])
        .filter((point): point is [number, number] => point[1] !== undefined)
    const rss = stretch.map((s) => s.processes[name]?.rssMiB ?? 0)
    return [
      name,
      {
        minutes: stretch.length ? [minuteOf(stretch[0]), minuteOf(stretch[stretch.length - 1])] : null,
        restarts: new Set(samples.map((s) => s.processes[name]?.pid).filter(Boolean)).size - 1,
        rssMiBPerMinute: slope(of((p) => p.rssMiB)),
        heapUsedMiBPerMinute: slope(of((p) => p.heap?.usedMiB)),
        rssFirst: rss[0] ?? null,
        rssMax: rss.length ? Math.max(...rss) : null,
        rssLast: rss.at(-1) ?? null,
      },
    ]
  }),
)
console.log(`\nGrowth of each process over its longest stretch of one pid from minute 2 on (least squares)`)
for (const [name, g] of Object.entries(growth)) {
  const span = g.minutes ? `minutes ${g.minutes[0]}–${g.minutes[1]}` : 'no stretch'
  console.log(
    `  ${name.padEnd(14)} RSS ${g.rssMiBPerMinute} MiB/min, heap used ${g.heapUsedMiBPerMinute} MiB/min over ${span} (RSS ${g.rssFirst} → ${g.rssLast}, at most ${g.rssMax}; restarted ${g.restarts}×)`,
  )
}

const resultDir = join(root, 'bench', 'results')
mkdirSync(resultDir, { recursive: true })
const file = join(resultDir, `soak-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
const result = {
  bench: 'bench/soak/run.ts',
  startedAt: startedAt.toISOString(),
  commit,
  machine: { before: machineBefore, after: machine() },
  config: {
    minutes,
    rate,
    sampleSeconds,
    virtualUsers: users.length,
    dataSet: seeded.domain,
    mix,
    way: chain.describe,
  },
  samples,
  growth,
}
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`)
console.log(`\nresults: ${file}`)
await Promise.all([http.close(), closeDatabases(db)])
