// One service for bench/scale/run.ts, in a process of its own so the load generator does not share
// its event loop: BENCH_SERVICE names it (tasks, focus, habits, notifications), its usual variables
// (the database URL pointed at the scale database by the parent) configure it; prints its URL. Over
// IPC it answers 'times' (percentiles of Fastify's reply.elapsedTime since the last ask, as
// bench/tasks/server.ts) and 'record' / 'recorded' (the SQL and parameters of the queries run in
// between, for EXPLAIN).

import { createDatabase } from '@focushub/shared/db'
import type { App } from '@focushub/shared/http'
import type { Kysely } from 'kysely'
import { percentile } from '../support/steady-rate.ts'

const recorded: { sql: string; parameters: readonly unknown[] }[] = []
let recording = false

/** The service's database as the service opens it, at its own pool size, with kysely's query log: what a request ran. */
const databases: Kysely<unknown>[] = []
const open = <DB>(url: string, poolMax: number) => {
  const db = createDatabase<DB>({
    url,
    poolMax,
    log: (event) => {
      if (recording && event.level === 'query')
        recorded.push({ sql: event.query.sql, parameters: event.query.parameters })
    },
  })
  databases.push(db as Kysely<unknown>)
  return db
}

async function build(name: string | undefined): Promise<App> {
  if (name === 'tasks') {
    const { buildApp } = await import('../../task-service/src/app.ts')
    const config = (await import('../../task-service/src/config.ts')).loadServiceConfig()
    return buildApp(config, { db: open(config.TASK_DATABASE_URL, config.DATABASE_POOL_MAX) })
  }
  if (name === 'focus') {
    const { buildApp } = await import('../../focus-service/src/app.ts')
    const config = (await import('../../focus-service/src/config.ts')).loadServiceConfig()
    return buildApp(config, { db: open(config.FOCUS_DATABASE_URL, config.DATABASE_POOL_MAX) })
  }
  if (name === 'habits') {
    const { buildApp } = await import('../../habit-service/src/app.ts')
    const config = (await import('../../habit-service/src/config.ts')).loadServiceConfig()
    return buildApp(config, { db: open(config.HABIT_DATABASE_URL, config.DATABASE_POOL_MAX) })
  }
  if (name === 'notifications') {
    const { buildApp } = await import('../../notification-service/src/app.ts')
    const config = (await import('../../notification-service/src/config.ts')).loadServiceConfig()
    return buildApp(config, { db: open(config.NOTIFICATION_DATABASE_URL, config.DATABASE_POOL_MAX) })
  }
  throw new Error(`BENCH_SERVICE must be tasks, focus, habits or notifications, not ${name}`)
}

const app = await build(process.env.BENCH_SERVICE)
const elapsed: number[] = []
app.addHook('onResponse', (_request, reply, done) => {
  elapsed.push(reply.elapsedTime)
  done()
})
process.on('message', (message) => {
  if (message === 'record') {
    recorded.length = 0
    recording = true
    process.send?.('recording')
  } else if (message === 'recorded') {
    recording = false
    process.send?.({ queries: recorded.splice(0) })
  } else if (message === 'times') {
    const sorted = elapsed.splice(0).sort((a, b) => a - b)
    const [p50, p99] = [50, 99].map((p) => percentile(sorted, p))
    process.send?.({ p50, p99, count: sorted.length })
  }
})
await app.listen({ port: 0, host: '127.0.0.1' })
process.stdout.write(
  `${JSON.stringify({ url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` })}\n`,
)
// A database handed to the app is the caller's to close. Then exit: sockets the app does not own (the
// parent's JWKS server, kept alive by jose's fetch) would otherwise hold the process open.
process.on('SIGTERM', async () => {
  await app.close()
  await Promise.all(databases.map((db) => db.destroy()))
  process.exit(0)
})
