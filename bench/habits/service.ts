import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { createTestDatabase, deleteKafkaNamespace, startTestJwks } from '@focushub/shared/testing'
import { type Kysely, sql } from 'kysely'
import { buildApp } from '../../habit-service/src/app.ts'
import { loadServiceConfig } from '../../habit-service/src/config.ts'
import { migrations } from '../../habit-service/src/db/migrations/index.ts'
import type { Database } from '../../habit-service/src/db/tables.ts'

/**
 * habit-service in-process on port 0 against its own fresh schema (dropped by `close`), the relay
 * off and the summary refresher's timer out of the way (benches call its pass themselves), with
 * one user's token.
 */
export async function startBenchService(now: () => Date = () => new Date()) {
  const jwks = await startTestJwks()
  const topicPrefix = `bench-${randomUUID().slice(0, 8)}.`
  const config = loadServiceConfig({
    ...process.env,
    ...jwks.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    OUTBOX_RELAY_ENABLED: 'false',
    HABIT_SUMMARY_REFRESH_INTERVAL_MS: '3600000',
    KAFKA_TOPIC_PREFIX: topicPrefix,
  })
  const database = await createTestDatabase<Database>(config.HABIT_DATABASE_URL, migrations)
  const app = await buildApp(config, { db: database.db, now })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const userId = randomUUID()
  return {
    app,
    db: database.db,
    config,
    base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    userId,
    authorization: await jwks.bearer(userId),
    async close() {
      await app.close()
      await database.destroy()
      await jwks.close()
      await deleteKafkaNamespace(topicPrefix)
    },
  }
}

/**
 * Seeds `habitCount` daily habits of one user, each with a year of daily check-ins through the
 * database's current date (every 10th day missed), by SQL; the summaries are left to be computed.
 */
export async function seedYearOfHistory(db: Kysely<Database>, userId: string, habitCount: number) {
  const started = performance.now()
  await sql`
    insert into habits (id, user_id, name, kind, schedule, start_date, position)
    select gen_random_uuid(), ${userId}::uuid, 'Habit ' || n, 'boolean', '{"type":"daily"}',
           current_date - 400, n
    from generate_series(1, ${habitCount}) as n`.execute(db)
  await sql`
    insert into check_ins (habit_id, user_id, local_date, status, source)
    select h.id, h.user_id, current_date - d, 'done', 'user'
    from habits h cross join generate_series(0, 364) as d
    where d % 10 <> 9`.execute(db)
  await sql`analyze`.execute(db)
  const rows = await sql<{ count: string }>`select count(*) from check_ins`.execute(db)
  console.log(
    `seeded ${habitCount} habits, ${rows.rows[0]?.count} check-ins in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
