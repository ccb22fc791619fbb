// The cost of a create on the running stack (issue #21.3): autocannon sends POST /tasks straight to
// task-service (no gateway) at BENCH_CONNECTIONS connections for BENCH_SECONDS per round, from
// BENCH_USERS accounts signed up for the run (each creating in a project of its own); every stack
// process's CPU time (utime + stime from /proc, children included: all PostgreSQL backends) is read
// around each round (bench/system/stack-processes.ts). After the last round it waits until the relay
// has published every event the run wrote (the outbox drained: none dropped, none stuck).
// Prints creates/s and CPU ms per create per process, the medians of the rounds, and the load average.
// Run: node bench/tasks/create-cost.ts   after ./focushub up. Knobs (defaults): BENCH_SECONDS=10,
// BENCH_ROUNDS=3, BENCH_WARMUP_SECONDS=3, BENCH_CONNECTIONS=16, BENCH_USERS=8.
// Side by side: BENCH_TARGETS="new=http://127.0.0.1:3002,old=http://127.0.0.1:3012" sends the rounds to
// each in turn (alternating which goes first), and BENCH_PIDS="task-service (old)=<pid>" counts a
// process started outside the stack (e.g. an earlier build of task-service on another port, with
// OUTBOX_RELAY_ENABLED=false: the stack's relay publishes for both) with the stack's.
import { execFileSync } from 'node:child_process'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import autocannon from 'autocannon'
import pg from 'pg'
import { send, signUp } from '../../e2e/client.ts'
import { processes } from '../../e2e/stack.ts'
import { median } from '../support/results.ts'
import { config } from '../system/config.ts'
import { stackComponents, watchStack } from '../system/stack-processes.ts'

const number = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name}=${process.env[name]} is not a number ≥ 0`)
  return value
}
const seconds = number('BENCH_SECONDS', 10)
const rounds = number('BENCH_ROUNDS', 3)
const warmupSeconds = number('BENCH_WARMUP_SECONDS', 3)
const connections = number('BENCH_CONNECTIONS', 16)
const userCount = number('BENCH_USERS', 8)

const root = new URL('../../', import.meta.url).pathname
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim()
const commit = `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain') ? ' + uncommitted changes' : ''}`
const base = processes['task-service']
const pairs = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)] as const)
const targets = process.env.BENCH_TARGETS ? pairs(process.env.BENCH_TARGETS) : [['task-service', base] as const]
const extraProcesses = pairs(process.env.BENCH_PIDS).map(([name, pid]) => ({ name, pid: Number(pid) }))
const load = () => loadavg().map((value) => value.toFixed(2))
console.log(
  `commit ${commit}; load ${load().join(' ')}; POST /tasks at ${connections} connections to ${targets.map(([name, url]) => `${name} ${url}`).join(', ')}`,
)

const users = await Promise.all(Array.from({ length: userCount }, () => signUp()))
const projects = await Promise.all(
  users.map(async (user) => {
    const created = await send('POST', '/projects', {
      base,
      authorization: user.authorization,
      body: { name: 'Create cost' },
    })
    if (created.status !== 201) throw new Error(`POST /projects answered ${created.status}`)
    return created.body.id as string
  }),
)

let next = 0
function createRequests(): autocannon.Request[] {
  return [
    {
      method: 'POST',
      path: '/tasks',
      setupRequest: (request) => {
        const index = next++ % users.length
        return {
          ...request,
          headers: { authorization: users[index].authorization, 'content-type': 'application/json' },
          body: JSON.stringify({ title: `Bench task ${next}`, projectId: projects[index] }),
        }
      },
    },
  ]
}

const run = (url: string, duration: number) =>
  autocannon({ url, connections, duration, requests: createRequests() }) as Promise<autocannon.Result>

const stateDir = join(root, config.stateDir)
type Round = { created: number; failed: number; perSecond: number; cpuMs: Record<string, number> }
const results = new Map<string, Round[]>(targets.map(([name]) => [name, []]))
for (const [, url] of targets) if (warmupSeconds > 0) await run(url, warmupSeconds)
for (let round = 1; round <= rounds; round++) {
  const order = round % 2 ? targets : [...targets].reverse()
  for (const [name, url] of order) {
    const watch = watchStack([...stackComponents(stateDir), ...extraProcesses])
    const result = await run(url, seconds)
    const figures = watch.stop()
    const created = result['2xx']
    const cpuMs = Object.fromEntries(
      Object.entries(figures).map(([process, { cpuSeconds }]) => [
        process,
        ((cpuSeconds ?? Number.NaN) * 1000) / created,
      ]),
    )
    cpuMs['whole stack'] = Object.values(cpuMs).reduce((sum, ms) => sum + ms, 0)
    const failed = result.non2xx + result.errors
    results.get(name)?.push({ created, failed, perSecond: created / seconds, cpuMs })
    console.log(
      `round ${round} ${name}: ${(created / seconds).toFixed(0)} creates/s, ${failed} failed, whole stack ${cpuMs['whole stack'].toFixed(2)} ms/create; load ${load().join(' ')}`,
    )
  }
}

// Every event the run wrote must reach Kafka: wait for the outbox to drain.
const tasksDb = new pg.Client({ connectionString: config.databases.tasks })
await tasksDb.connect()
const unpublished = async () =>
  Number((await tasksDb.query('select count(*) from outbox where published_at is null')).rows[0].count)
const drainStart = Date.now()
let waiting = await unpublished()
while (waiting > 0 && Date.now() - drainStart < 30_000) {
  await sleep(100)
  waiting = await unpublished()
}
await tasksDb.end()

const all = [...results.values()].flat()
const names = Object.keys(all[0].cpuMs)
const medianOf = (rows: Round[], pick: (round: Round) => number) => median(rows.map(pick))
console.log(
  `\nmedians of ${rounds} rounds of ${seconds} s; ${all.reduce((sum, r) => sum + r.failed, 0)} failed; outbox ${waiting === 0 ? `drained ${Date.now() - drainStart} ms after the last round` : `still ${waiting} unpublished after 30 s`}`,
)
const rowOf = (pick: (round: Round) => number, digits: number) =>
  Object.fromEntries([...results].map(([target, rows]) => [target, medianOf(rows, pick).toFixed(digits)]))
console.log('creates/s and CPU ms per create, per process (medians):')
console.table({
  'creates/s': rowOf((r) => r.perSecond, 0),
  ...Object.fromEntries(names.map((name) => [name, rowOf((r) => r.cpuMs[name], 3)])),
})
console.log(`load ${load().join(' ')}`)
if (waiting > 0 || all.some((r) => r.failed > 0)) process.exitCode = 1
