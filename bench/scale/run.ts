// Every list endpoint at scale, straight to each service: 1,000,000 tasks over 100,000 users plus
// one power user (50,000 tasks over 20 own and 10 shared projects, half completed), 5,000,000 focus
// sessions, 1,000,000 check-ins, 5,200,000 notifications (bench/scale/seed.ts), in databases of their
// own beside the stack's (bench/scale/databases.ts: seeded once, kept between runs). For each list, sort and user (a
// typical one with 20 tasks, and the power user): p50/p99 one request at a time (as the client and
// the service time it), p50/p99 and throughput at 16 connections, and the shared buffers the
// request's queries touch (EXPLAIN (ANALYZE, BUFFERS) of each statement the request ran).
// Targets: p99 ≤ 10 ms one at a time in the service; ≤ 200 buffers, the same for both users.
// notification-service's writes and `tell` are measured statement by statement, rolled back (writes.ts).
// Run: node bench/scale/run.ts   (BENCH_SCALE_ONLY=tasks,focus,habits,notifications  BENCH_SCALE_MATCH=/internal/ or writes
//                                 BENCH_SCALE_SECONDS=3  BENCH_SCALE_REQUESTS=200)
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdir, writeFile } from 'node:fs/promises'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { serviceAuthorization } from '@focushub/shared/auth'
import { deleteKafkaNamespace, startTestJwks } from '@focushub/shared/testing'
import autocannon from 'autocannon'
import pg from 'pg'
import { loadServiceConfig as focusConfig } from '../../focus-service/src/config.ts'
import { migrations as focusMigrations } from '../../focus-service/src/db/migrations/index.ts'
import { loadServiceConfig as habitConfig } from '../../habit-service/src/config.ts'
import { migrations as habitMigrations } from '../../habit-service/src/db/migrations/index.ts'
import { loadServiceConfig as notificationConfig } from '../../notification-service/src/config.ts'
import { migrations as notificationMigrations } from '../../notification-service/src/db/migrations/index.ts'
import { loadServiceConfig as taskConfig } from '../../task-service/src/config.ts'
import { migrations as taskMigrations } from '../../task-service/src/db/migrations/index.ts'
import { type ScaleDatabase, scaleDatabase } from './databases.ts'
import { type Scenario, type ServiceName, scenarios } from './scenarios.ts'
import {
  focusStatements,
  habitStatements,
  notificationStatements,
  powerUser,
  taskStatements,
  typicalUser,
  userIdOf,
} from './seed.ts'
import { measureWrites } from './writes.ts'

const only = (process.env.BENCH_SCALE_ONLY ?? 'tasks,focus,habits,notifications').split(',')
/** Only the lists whose name contains this (e.g. `/internal/`). */
const match = process.env.BENCH_SCALE_MATCH ?? ''
const seconds = Number(process.env.BENCH_SCALE_SECONDS ?? 3)
const requests = Number(process.env.BENCH_SCALE_REQUESTS ?? 200)
const startedAt = new Date()
const machine = () => ({ cores: availableParallelism(), cpu: cpus()[0]?.model, loadavg: loadavg() })
const before = machine()

const jwks = await startTestJwks()
const topicPrefix = `bench-scale-${Date.now()}.`
const env = {
  ...process.env,
  ...jwks.env,
  LOG_LEVEL: 'warn',
  KAFKA_TOPIC_PREFIX: topicPrefix,
  // The lists are measured, not the relay publishing behind them, nor the jobs a write queues.
  OUTBOX_RELAY_ENABLED: 'false',
  JOB_WORKER_ENABLED: 'false',
}
const log = (line: string) => console.log(line)

const services: Record<
  ServiceName,
  { variable: string; url: string; name: string; seed: () => Promise<ScaleDatabase> }
> = {
  tasks: {
    variable: 'TASK_DATABASE_URL',
    url: taskConfig(env).TASK_DATABASE_URL,
    name: 'focushub_scale_tasks',
    seed: () => scaleDatabase(services.tasks.url, services.tasks.name, taskMigrations, taskStatements, log),
  },
  focus: {
    variable: 'FOCUS_DATABASE_URL',
    url: focusConfig(env).FOCUS_DATABASE_URL,
    name: 'focushub_scale_focus',
    seed: () => scaleDatabase(services.focus.url, services.focus.name, focusMigrations, focusStatements, log),
  },
  habits: {
    variable: 'HABIT_DATABASE_URL',
    url: habitConfig(env).HABIT_DATABASE_URL,
    name: 'focushub_scale_habits',
    seed: () => scaleDatabase(services.habits.url, services.habits.name, habitMigrations, habitStatements, log),
  },
  notifications: {
    variable: 'NOTIFICATION_DATABASE_URL',
    url: notificationConfig(env).NOTIFICATION_DATABASE_URL,
    name: 'focushub_scale_notifications',
    seed: () =>
      scaleDatabase(
        services.notifications.url,
        services.notifications.name,
        notificationMigrations,
        notificationStatements,
        log,
      ),
  },
}
/** How notification-service asks the agenda's internal routes. */
const serviceCaller = serviceAuthorization(
  'notification-service',
  notificationConfig(env).NOTIFICATION_SERVICE_INTERNAL_SECRET,
)

async function start(service: ServiceName, url: string) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./server.ts', import.meta.url))], {
    env: { ...env, BENCH_SERVICE: service, [services[service].variable]: url },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  const [line] = (await once(createInterface({ input: child.stdout as NodeJS.ReadableStream }), 'line')) as [string]
  return { child, url: (JSON.parse(line) as { url: string }).url }
}

async function ask<T>(child: ChildProcess, message: string): Promise<T> {
  child.send(message)
  const [answer] = (await once(child, 'message')) as [T]
  return answer
}

/** Once the service has answered every request in flight (none finished in the last 50 ms). */
async function settled(child: ChildProcess) {
  do await new Promise((resolve) => setTimeout(resolve, 50))
  while ((await ask<{ count: number }>(child, 'times')).count > 0)
}

interface Plan {
  'Shared Hit Blocks': number
  'Shared Read Blocks': number
}

/** Shared buffers (hit + read) of each SELECT the request ran, re-run under EXPLAIN on the same data. */
async function buffersOf(pool: pg.Pool, child: ChildProcess, send: () => Promise<void>) {
  await ask(child, 'record')
  await send()
  const { queries } = await ask<{ queries: { sql: string; parameters: unknown[] }[] }>(child, 'recorded')
  const perQuery: number[] = []
  for (const query of queries) {
    if (!/^\s*(select|with)/i.test(query.sql)) continue
    const { rows } = await pool.query<{ 'QUERY PLAN': [{ Plan: Plan; Planning?: Plan }] }>(
      `explain (analyze, buffers, format json) ${query.sql}`,
      query.parameters as unknown[],
    )
    const plan = rows[0]?.['QUERY PLAN'][0].Plan
    perQuery.push(plan ? plan['Shared Hit Blocks'] + plan['Shared Read Blocks'] : 0)
  }
  return { list: Math.max(0, ...perQuery), all: perQuery.reduce((sum, n) => sum + n, 0), queries: perQuery.length }
}

const ms = (value: number) => value.toFixed(1).padStart(6)
const results: Record<string, unknown>[] = []
console.log(
  `load average ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')} on ${availableParallelism()} cores`,
)
for (const service of only as ServiceName[]) {
  console.log(`${service}: scale database …`)
  const database = await services[service].seed()
  console.log(`  ${database.reseeded ? 'seeded' : 'reused'} in ${database.seconds.toFixed(1)} s`)
  const { child, url } = await start(service, database.url)
  const pool = new pg.Pool({ connectionString: database.url, max: 1 })
  const tokens = {
    typical: `Bearer ${await jwks.sign(userIdOf(typicalUser), { expiresIn: '1h' })}`,
    power: `Bearer ${await jwks.sign(userIdOf(powerUser), { expiresIn: '1h' })}`,
  }
  console.log(
    '  list                                         user      1 conn: client p50/p99  service p50/p99 |  16 conn: p50/p99   req/s | buffers list/all (queries)',
  )
  for (const scenario of scenarios.filter((s) => s.service === service && s.name.includes(match))) {
    for (const who of ['typical', 'power'] as const) {
      const authorization = scenario.caller ? serviceCaller : tokens[who]
      const figures = await measure(scenario, url, authorization, child, pool, who)
      results.push({ service, list: scenario.name, user: who, ...figures })
      const { one, inService, sixteen, buffers } = figures
      console.log(
        `  ${scenario.name.padEnd(44)} ${who.padEnd(8)} ${ms(one.p50)} ${ms(one.p99)}      ${ms(inService.p50)} ${ms(inService.p99)}   | ${ms(sixteen.p50)} ${ms(sixteen.p99)} ${String(Math.round(sixteen.rps)).padStart(7)} | ${String(buffers.list).padStart(5)} / ${String(buffers.all).padStart(4)} (${buffers.queries})${figures.errors ? `  ${figures.errors} errors!` : ''}`,
      )
    }
  }
  if (service === 'notifications' && (match === '' || match === 'writes')) {
    const config = notificationConfig({ ...env, NOTIFICATION_DATABASE_URL: database.url })
    results.push(...(await measureWrites(database.url, config, log)))
  }
  child.disconnect() // the IPC channel would keep the service's process alive
  child.kill('SIGTERM')
  await once(child, 'exit')
  await pool.end()
}

async function measure(
  scenario: Scenario,
  url: string,
  authorization: string,
  child: ChildProcess,
  pool: pg.Pool,
  who: 'typical' | 'power',
) {
  const path = await scenario.path({ url, authorization, who })
  const body = scenario.body === undefined ? {} : { body: JSON.stringify(scenario.body) }
  const request = {
    url: `${url}${path}`,
    method: scenario.method ?? ('GET' as const),
    headers: { authorization, ...(body.body && { 'content-type': 'application/json' }) },
    ...body,
  }
  const warm = await autocannon({ ...request, connections: 1, amount: 20 })
  await ask(child, 'times')
  const one = await autocannon({ ...request, connections: 1, amount: requests })
  const inService = await ask<{ p50: number; p99: number }>(child, 'times')
  const sixteen = await autocannon({ ...request, connections: 16, duration: seconds })
  await settled(child)
  const buffers = await buffersOf(pool, child, async () => {
    const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body })
    if (!response.ok) throw new Error(`${scenario.name}: ${response.status} ${await response.text()}`)
  })
  const errors = [warm, one, sixteen].reduce((sum, r) => sum + r.non2xx + r.errors, 0)
  return {
    path,
    one: { p50: one.latency.p50, p99: one.latency.p99 },
    inService: { p50: inService.p50, p99: inService.p99 },
    sixteen: { p50: sixteen.latency.p50, p99: sixteen.latency.p99, rps: sixteen.requests.average },
    buffers,
    errors,
  }
}

console.log('  targets: service p99 ≤ 10 ms one at a time; buffers ≤ 200, the same for both users')
await jwks.close()
await deleteKafkaNamespace(topicPrefix)
const file = fileURLToPath(
  new URL(`../results/scale-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`, import.meta.url),
)
await mkdir(fileURLToPath(new URL('../results/', import.meta.url)), { recursive: true })
await writeFile(
  file,
  `${JSON.stringify({ bench: 'bench/scale/run.ts', startedAt, machine: { before, after: machine() }, config: { only, match, seconds, requests }, results }, null, 2)}\n`,
)
console.log(`results: ${file}`)
