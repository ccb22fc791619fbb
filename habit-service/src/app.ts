import { type App, createApp, databaseCheck, healthPlugin, openDatabase, openKafka } from '@focushub/shared'
import type { Kysely } from 'kysely'
import type { Config } from './config.ts'
import { migrations } from './db/migrations/index.ts'
import type { Database } from './db/tables.ts'

export interface AppDependencies {
  db?: Kysely<Database>
}

export async function buildApp(config: Config, dependencies: AppDependencies = {}): Promise<App> {
  const app = createApp({ service: 'habit-service', logLevel: config.LOG_LEVEL })
  const db = await openDatabase<Database>(app, {
    url: config.HABIT_DATABASE_URL,
    poolMax: config.DATABASE_POOL_MAX,
    migrations,
    given: dependencies.db,
  })
  const kafka = openKafka(app, config.KAFKA_BROKERS)
  await app.register(healthPlugin, {
    service: 'habit-service',
    checks: { postgres: databaseCheck(db), kafka: kafka.check },
  })
  return app
}
