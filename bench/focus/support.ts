import { createTestDatabase, deleteKafkaNamespace, startTestJwks } from '@focushub/shared/testing'
import { buildApp } from '../../focus-service/src/app.ts'
import { loadServiceConfig } from '../../focus-service/src/config.ts'
import { migrations } from '../../focus-service/src/db/migrations/index.ts'
import type { Database } from '../../focus-service/src/db/tables.ts'

/**
 * focus-service in this process on port 0, on a schema of its own (dropped at the end), with a
 * stand-in JWKS. Its clock is the real one plus `skew`, so a bench can jump ahead in time.
 */
export async function startBenchService(env: NodeJS.ProcessEnv = {}) {
  const jwks = await startTestJwks()
  const database = await createTestDatabase<Database>(loadServiceConfig().FOCUS_DATABASE_URL, migrations)
  const clock = { skewMs: 0 }
  const config = loadServiceConfig({
    ...process.env,
    ...jwks.env,
    LOG_LEVEL: 'warn',
    KAFKA_TOPIC_PREFIX: `bench-focus-${database.schema}.`,
    // The relay is Kafka's cost, measured in bench/events; here only the service's own work counts.
    OUTBOX_RELAY_ENABLED: 'false',
    DATABASE_POOL_MAX: '10',
    ...env,
  })
  const app = await buildApp(config, { db: database.db, now: () => new Date(Date.now() + clock.skewMs) })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
  return {
    base,
    db: database.db,
    jwks,
    clock,
    async close() {
      await app.close()
      await jwks.close()
      await database.destroy()
      await deleteKafkaNamespace(config.KAFKA_TOPIC_PREFIX)
    },
  }
}

export async function call(base: string, method: string, path: string, authorization: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`)
  return JSON.parse(text) as Record<string, unknown>
}

/** Runs `tasks` with at most `inFlight` at once. */
export async function pool<T>(items: T[], inFlight: number, task: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < items.length) await task(items[next++])
    }),
  )
}

export function percentile(sortedMs: number[], p: number) {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))]
}

export const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b)
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms  p99 ${percentile(sorted, 99).toFixed(1)} ms  max ${sorted.at(-1)?.toFixed(1)} ms`
}
