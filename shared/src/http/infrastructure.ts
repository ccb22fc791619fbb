import type { Kysely } from 'kysely'
import { createDatabase, type Migrations, migrateToLatest } from '../db/database.ts'
import { createRedis, type RedisConnectionOptions } from '../redis.ts'
import type { App } from './create-app.ts'

export interface DatabaseSetup<DB> {
  url: string
  poolMax: number
  migrations: Migrations
  /** A database handed in by a test (already migrated, owned by the test). */
  given?: Kysely<DB>
}

/** Opens the service's own database, migrates it to latest and closes it with the app. */
export async function openDatabase<DB>(app: App, setup: DatabaseSetup<DB>): Promise<Kysely<DB>> {
  if (setup.given) return setup.given
  const db = createDatabase<DB>({ url: setup.url, poolMax: setup.poolMax, applicationName: app.serviceName })
  const applied = await migrateToLatest(db, setup.migrations)
  if (applied.length > 0) app.log.info({ migrations: applied }, 'migrations applied')
  app.addHook('onClose', () => db.destroy())
  return db
}

/** A Redis connection closed with the app; `name` tells apart a process's connections. */
export function openRedis(app: App, url: string, options: RedisConnectionOptions & { name?: string } = {}) {
  const name = options.name ? `${app.serviceName}-${options.name}` : app.serviceName
  const redis = createRedis(url, name, options)
  redis.on('error', (err) => app.log.warn({ err: err.message, connection: name }, 'redis unavailable'))
  app.addHook('onClose', async () => {
    await redis.quit().catch(() => redis.disconnect())
  })
  return redis
}
