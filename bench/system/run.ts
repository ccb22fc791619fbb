// The whole stack under a realistic day's mix of requests, three ways in side by side: straight to the
// services, through one gateway, and through load balancer → gateways (NGINX too with BENCH_CHAIN_URL). Seeds (or reuses) the
// data set in the running stack's databases, signs the virtual users in, then alternates the variants
// in rounds and prints each scenario's medians and each stack process's CPU and peak memory.
// Results: bench/results/<BENCH_NAME>-<timestamp>.json.
// Run: node bench/system/run.ts   after ./focushub up. Knobs (defaults): BENCH_USERS=10000,
// BENCH_VUS=100, BENCH_CONCURRENCY=16, BENCH_SECONDS=12, BENCH_ROUNDS=3, BENCH_WARMUP_SECONDS=3, BENCH_IDLE_SECONDS=5,
// BENCH_VARIANTS=direct,gateway,chain, BENCH_MIX=login=1,dashboard=24,…, BENCH_TASKS_PER_USER=20,
// BENCH_HISTORY_DAYS=30 (bench/system/config.ts). BENCH_ROUNDS=0 only seeds and signs the users in.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Agent } from 'undici'
import { config } from './config.ts'
import { closeDatabases, openDatabases } from './databases.ts'
import { machine, printSummary, type RoundResult, summarize } from './report.ts'
import { completeRunning } from './scenarios.ts'
import { seed } from './seed.ts'
import { readSessions, writeSessions } from './sessions-file.ts'
import { stackComponents, watchStack } from './stack-processes.ts'
import { runTraffic } from './traffic.ts'
import { variantsOf } from './variants.ts'
import { loadVirtualUsers, signIn } from './virtual-users.ts'

const root = new URL('../../', import.meta.url).pathname
const startedAt = new Date()
const machineBefore = machine()
const variants = variantsOf(config)
const stackComponentsNow = () => stackComponents(join(root, config.stateDir))
const http = new Agent({ connections: config.concurrency * 2, keepAliveTimeout: 30_000 })
const db = openDatabases(config)

console.log(
  `machine: ${machineBefore.cpus} cores, ${machineBefore.memoryGiB} GiB, Node ${machineBefore.node}, load ${machineBefore.loadAverage.join(' ')}`,
)
console.log(
  `stack processes: ${stackComponentsNow()
    .map((c) => `${c.name} ${c.pid}`)
    .join(', ')}`,
)
const seeded = await seed(db, config)
console.log(
  seeded.reused
    ? `data set: reused ${config.users} accounts of ${seeded.domain}`
    : `data set: seeded in ${seeded.seconds.toFixed(1)} s: ${Object.entries(seeded.rows)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}`,
)
const users = await loadVirtualUsers(db, config, seeded.domain)
const clock = performance.now()
const kept = readSessions(seeded.domain)
const signedIn = await signIn(users, config, http, kept)
// Merged: a run with fewer virtual users leaves the others' sessions for the next larger run.
writeSessions(seeded.domain, { ...kept, ...signedIn.sessions })
const signInSeconds = (performance.now() - clock) / 1000
console.log(
  `${users.length} virtual users have tokens (${signedIn.signedIn} signed in, the others refreshed) in ${signInSeconds.toFixed(1)} s`,
)

if (config.rounds === 0) {
  // Only the preparation: seeds the data set and keeps the users' sessions, for a later run to start at once.
  await Promise.all([http.close(), closeDatabases(db)])
  process.exit(0)
}

const results: RoundResult[] = []
for (const variant of variants) await runTraffic({ http, variant, config, users }, config.warmupSeconds)
// The stack's own background (relays, consumers, health checks, anyone else's requests) with no bench traffic.
const idleWatch = watchStack(stackComponentsNow())
await new Promise((resolve) => setTimeout(resolve, config.idleSeconds * 1000))
const idle = { seconds: config.idleSeconds, processes: idleWatch.stop() }
for (let round = 1; round <= config.rounds; round++) {
  // Each round starts with another variant, so none always runs first (or right after the same one).
  const order = variants.map((_, i) => variants[(i + round - 1) % variants.length])
  for (const variant of order) {
    const cpuBefore = process.cpuUsage()
    // Read again each time: another engineer may have restarted a service meanwhile.
    const watch = watchStack(stackComponentsNow())
    const traffic = await runTraffic({ http, variant, config, users }, config.seconds)
    const processes = watch.stop()
    const cpu = process.cpuUsage(cpuBefore)
    const loadAverage = machine().loadAverage
    results.push({
      round,
      variant: variant.name,
      traffic,
      processes,
      benchCpuSeconds: (cpu.user + cpu.system) / 1e6,
      loadAverage,
    })
    const a = traffic.all
    console.log(
      `round ${round} ${variant.name.padEnd(8)} ${a.throughput}/s p50 ${a.p50} ms p99 ${a.p99} ms errors ${a.errors} 429s ${a.throttled} (load ${loadAverage[0]})`,
    )
  }
}
await completeRunning(users, { http, variant: variants[0], config })
await http.close()
await closeDatabases(db)

const summary = summarize(results)
printSummary(summary, config.seconds, idle)
const { password: _password, ...shown } = config
const file = join(root, 'bench/results', `${config.name}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
mkdirSync(join(root, 'bench/results'), { recursive: true })
writeFileSync(
  file,
  `${JSON.stringify(
    {
      bench: 'bench/system/run.ts',
      startedAt,
      machine: { before: machineBefore, after: machine() },
      config: shown,
      variants: variants.map(({ name, describe }) => ({ name, describe })),
      dataSet: { ...seeded, virtualUsers: users.length, signedIn: signedIn.signedIn, signInSeconds },
      summary,
      idle,
      rounds: results,
    },
    null,
    2,
  )}\n`,
)
const errors = Object.values(summary).reduce((total, variant) => total + variant.all.errors, 0)
console.log(`\nload average at the end: ${machine().loadAverage.join(' ')}\nresults: ${file}`)
if (errors > 0) console.log(`${errors} errors: see errorSamples in the result file`)
