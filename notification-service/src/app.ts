import { registerRemoteAuthentication } from '@focushub/shared/auth'
import { type App, createApp, openServiceBackbone } from '@focushub/shared/http'
import type { Kysely } from 'kysely'
import type { Config } from './config.ts'
import { runConsumers } from './consumers/index.ts'
import type { NotificationContext } from './context.ts'
import { migrations } from './db/migrations/index.ts'
import type { Database } from './db/tables.ts'
import { notificationErrors } from './errors.ts'
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts'
import { preferencesRoutes } from './modules/preferences/preferences.routes.ts'

export interface AppDependencies {
  db?: Kysely<Database>
}

export async function buildApp(config: Config, dependencies: AppDependencies = {}): Promise<App> {
  const app = createApp({ service: 'notification-service', logLevel: config.LOG_LEVEL, errors: notificationErrors })
  const { db, bus } = await openServiceBackbone<Database>(app, {
    database: {
      url: config.NOTIFICATION_DATABASE_URL,
      poolMax: config.DATABASE_POOL_MAX,
      migrations,
      given: dependencies.db,
    },
    config,
  })
  runConsumers(app, { db, bus, config })

  const ctx: NotificationContext = { db, config, log: app.log }
  await registerRemoteAuthentication(app, config, { db })
  await app.register(notificationsRoutes, { ctx })
  await app.register(preferencesRoutes, { ctx })
  return app
}
