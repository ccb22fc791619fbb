// task-service under load, straight to the service (no gateway): a filtered GET /tasks?limit=50 and
// POST /tasks at a fixed rate, with BENCH_USERS users × BENCH_TASKS_PER_USER tasks seeded by SQL
// into a schema of its own; the service in a process of its own (bench/tasks/server.ts).
// Target: p99 ≤ 20 ms at 200 requests per second.
// Run: node bench/tasks/list-and-create.ts   (BENCH_RATE=200 BENCH_SECONDS=10 BENCH_USERS=1000 BENCH_TASKS_PER_USER=100)
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { availableParallelism, loadavg } from 'node:os'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { createTestDatabase, startTestJwks } from '@focushub/shared/testing'
import autocannon from 'autocannon'
import { loadServiceConfig } from '../../task-service/src/config.ts'
import { migrations } from '../../task-service/src/db/migrations/index.ts'
import type { Database } from '../../task-service/src/db/tables.ts'
import { seedTasks } from './seed.ts'

const rate = Number(process.env.BENCH_RATE ?? 200)
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const users = Number(process.env.BENCH_USERS ?? 1000)
const tasksPerUser = Number(process.env.BENCH_TASKS_PER_USER ?? 100)

const jwks = await startTestJwks()
const env = {
  ...process.env,
  ...jwks.env,
  LOG_LEVEL: 'warn',
  KAFKA_TOPIC_PREFIX: `bench-tasks-${Date.now()}.`,
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
  stdio: ['ignore', 'pipe', 'inherit'],
})
const [line] = (await once(createInterface({ input: service.stdout as NodeJS.ReadableStream }), 'line')) as [string]
const { url } = JSON.parse(line) as { url: string }
const tokens = await Promise.all(seeded.userIds.map((id) => jwks.sign(id)))

/** One request per call, each from the next user in turn. */
function rotating(build: (user: number) => { method: 'GET' | 'POST'; path: string; body?: string }) {
  let next = 0
  return (request: autocannon.Request) => {
    const user = next++ % tokens.length
    const { method, path, body } = build(user)
    return {
      ...request,
      method,
      path,
      body,
      headers: { authorization: `Bearer ${tokens[user]}`, 'content-type': 'application/json' },
    }
  }
}

function run(build: Parameters<typeof rotating>[0], options: Partial<autocannon.Options>) {
  return autocannon({ url, requests: [{ setupRequest: rotating(build) }], ...options })
}

function row(name: string, result: autocannon.Result) {
  const l = result.latency
  const figures = [l.p50, l.p90, l.p99, l.max].map((v) => v.toFixed(1).padStart(7)).join('  ')
  console.log(
    `  ${name.padEnd(44)} ${figures}  ${String(result['2xx']).padStart(6)}  ${String(result.non2xx).padStart(6)}`,
  )
}

const header = '  scenario                                     p50 ms   p90 ms   p99 ms   max ms   2xx     non-2xx'

const scenarios: [string, Parameters<typeof rotating>[0]][] = [
  [
    'GET /tasks?status=todo&sort=due&limit=50',
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
for (const [name, build] of scenarios) row(name, await run(build, { connections: 1, amount: 300 }))

console.log(`${rate} requests/s for ${seconds} s each (after a 2 s warm-up), 20 connections`)
console.log(header)
for (const [name, build] of scenarios) {
  await run(build, { connections: 20, overallRate: rate, duration: 2 })
  row(name, await run(build, { connections: 20, overallRate: rate, duration: seconds }))
}
console.log('  target: p99 ≤ 20 ms')

service.kill('SIGTERM')
await once(service, 'exit')
await database.destroy()
await jwks.close()
