// task-service under load, straight to the service (no gateway): a filtered GET /tasks?limit=50 and
// POST /tasks at a fixed rate, with BENCH_USERS users × BENCH_TASKS_PER_USER tasks seeded by SQL
// into a schema of its own; the service in a process of its own (bench/tasks/server.ts).
// Target: p99 ≤ 20 ms at 200 requests per second, sent at a steady rate (bench/support/steady-rate.ts);
// the same count sent as autocannon's once-a-second burst is printed beside it for comparison.
// Run: node bench/tasks/list-and-create.ts   (BENCH_RATE=200 BENCH_SECONDS=10 BENCH_USERS=1000 BENCH_TASKS_PER_USER=100)
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { availableParallelism, loadavg } from 'node:os'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { createTestDatabase, deleteKafkaNamespace, startTestJwks } from '@focushub/shared/testing'
import autocannon from 'autocannon'
import { loadServiceConfig } from '../../task-service/src/config.ts'
import { migrations } from '../../task-service/src/db/migrations/index.ts'
import type { Database } from '../../task-service/src/db/tables.ts'
import { type SteadyRequest, steadyRate } from '../support/steady-rate.ts'
import { seedTasks } from './seed.ts'

const rate = Number(process.env.BENCH_RATE ?? 200)
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const users = Number(process.env.BENCH_USERS ?? 1000)
const tasksPerUser = Number(process.env.BENCH_TASKS_PER_USER ?? 100)

const jwks = await startTestJwks()
const topicPrefix = `bench-tasks-${Date.now()}.`
const env = {
  ...process.env,
  ...jwks.env,
  LOG_LEVEL: 'warn',
  KAFKA_TOPIC_PREFIX: topicPrefix,
  // The service is measured, not the relay publishing behind it.
  OUTBOX_RELAY_ENABLED: 'false',
}
const config = loadServiceConfig(env)
const database = await createTestDatabase<Database>(config.TASK_DATABASE_URL, migrations)
console.log(`seeding ${users} users × ${tasksPerUser} tasks into schema ${database.schema} …`)
const seeded = await seedTasks(database.db, users, tasksPerUser)
console.log(`  seeded in ${seeded.seconds.toFixed(1)} s`)

// The service runs in its own process, as in production; autocannon runs in this one.
const service = spawn(process.execPath, [fileURLToPath(new URL('./server.ts', import.meta.url))], {
  env: { ...env, BENCH_SCHEMA: database.schema },
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
})
const [line] = (await once(createInterface({ input: service.stdout as NodeJS.ReadableStream }), 'line')) as [string]
const { url } = JSON.parse(line) as { url: string }
const tokens = await Promise.all(seeded.userIds.map((id) => jwks.sign(id)))

/** The request of user `user`, with that user's token. */
function withToken(build: (user: number) => SteadyRequest, user: number): SteadyRequest {
  const index = user % tokens.length
  return {
    ...build(index),
    headers: { authorization: `Bearer ${tokens[index]}`, 'content-type': 'application/json' },
  }
}

/** One request per call, each from the next user in turn. */
function rotating(build: (user: number) => SteadyRequest) {
  let next = 0
  return (request: autocannon.Request) => ({ ...request, ...withToken(build, next++) })
}

function run(build: Parameters<typeof rotating>[0], options: Partial<autocannon.Options>) {
  return autocannon({ url, requests: [{ setupRequest: rotating(build) }], ...options })
}

/** The service's own timing of the requests since the last call (bench/tasks/server.ts). */
async function serviceTimes(): Promise<Figures> {
  service.send('times')
  const [times] = (await once(service, 'message')) as [Omit<Figures, 'ok' | 'failed'> & { count: number }]
  return { ...times, ok: times.count, failed: 0 }
}

type Figures = { p50: number; p90: number; p99: number; max: number; ok: number; failed: number }

const fromAutocannon = (result: autocannon.Result): Figures => ({
  ...result.latency,
  ok: result['2xx'],
  failed: result.non2xx + result.errors,
})

function row(name: string, f: Figures) {
  const figures = [f.p50, f.p90, f.p99, f.max].map((v) => v.toFixed(1).padStart(7)).join('  ')
  console.log(`  ${name.padEnd(46)} ${figures}  ${String(f.ok).padStart(6)}  ${String(f.failed).padStart(6)}`)
}

const header = '  scenario                                     p50 ms   p90 ms   p99 ms   max ms   2xx     failed'

const scenarios: [string, (user: number) => SteadyRequest][] = [
  [
    'GET /tasks filtered, 50',
    (user) => ({
      method: 'GET',
      path: `/tasks?status=todo&status=in_progress&sort=due&limit=50${user % 2 ? '&priority=high' : ''}`,
    }),
  ],
  [
    'POST /tasks',
    (user) => ({
      method: 'POST',
      path: '/tasks',
      body: JSON.stringify({ title: `bench ${user}`, priority: 'medium', due: '2026-12-01' }),
    }),
  ],
]

// The machine is shared: its load says how far the figures are from an idle machine's.
console.log(
  `\nload average ${loadavg()
    .map((v) => v.toFixed(1))
    .join(' ')} on ${availableParallelism()} cores`,
)
console.log('one request at a time, 300 each: the cost of a request without queueing')
console.log(header)
for (const [name, build] of scenarios) row(name, fromAutocannon(await run(build, { connections: 1, amount: 300 })))

console.log(`${rate} requests/s for ${seconds} s each (after a 2 s warm-up)`)
console.log(header)
for (const [name, build] of scenarios) {
  const steady = (seconds: number) => steadyRate({ url, rate, seconds, request: (index) => withToken(build, index) })
  await steady(2)
  await serviceTimes()
  row(`${name}, steady`, await steady(seconds))
  row('    the same, timed inside the service', await serviceTimes())
  const burst = await run(build, { connections: 20, overallRate: rate, duration: seconds })
  row(`${name}, burst once a second`, fromAutocannon(burst))
}
console.log('  target: p99 ≤ 20 ms')

service.disconnect() // the IPC channel would keep the service's process alive
service.kill('SIGTERM')
await once(service, 'exit')
await database.destroy()
await jwks.close()
await deleteKafkaNamespace(topicPrefix)
