import {
  type App,
  createApp,
  databaseCheck,
  healthPlugin,
  openDatabase,
  openKafka,
  openRedis,
  redisCheck,
} from '@focushub/shared'
import type { Kysely } from 'kysely'
import type { Config } from './config.ts'
import { migrations } from './db/migrations/index.ts'
import type { Database } from './db/tables.ts'

export interface AppDependencies {
  db?: Kysely<Database>
}

export async function buildApp(config: Config, dependencies: AppDependencies = {}): Promise<App> {
  const app = createApp({ service: 'auth-service', logLevel: config.LOG_LEVEL })
  const db = await openDatabase<Database>(app, {
    url: config.AUTH_DATABASE_URL,
    poolMax: config.DATABASE_POOL_MAX,
    migrations,
    given: dependencies.db,
  })
  const kafka = openKafka(app, config.KAFKA_BROKERS)
  const redis = openRedis(app, config.REDIS_URL)
  await app.register(healthPlugin, {
    service: 'auth-service',
    checks: { postgres: databaseCheck(db), kafka: kafka.check, redis: redisCheck(redis) },
  })
  return app
}
