import { registerRemoteAuthentication } from '@focushub/shared/auth'
import { type App, createApp, openServiceBackbone } from '@focushub/shared/http'
import type { Kysely } from 'kysely'
import type { Config } from './config.ts'
import { runConsumers } from './consumers/index.ts'
import type { SocialContext } from './context.ts'
import { migrations } from './db/migrations/index.ts'
import type { Database } from './db/tables.ts'
import { socialErrors } from './errors.ts'
import { connectionsRoutes } from './modules/connections/connections.routes.ts'
import { feedRoutes } from './modules/feed/feed.routes.ts'
import { internalRoutes } from './modules/internal/internal.routes.ts'
import { messagesRoutes } from './modules/messages/messages.routes.ts'
import { moderationRoutes } from './modules/moderation/moderation.routes.ts'

export interface AppDependencies {
  db?: Kysely<Database>
}

export async function buildApp(config: Config, dependencies: AppDependencies = {}): Promise<App> {
  const app = createApp({ service: 'social-service', logLevel: config.LOG_LEVEL, errors: socialErrors })
  const { db, bus } = await openServiceBackbone<Database>(app, {
    database: {
      url: config.SOCIAL_DATABASE_URL,
      poolMax: config.DATABASE_POOL_MAX,
      migrations,
      given: dependencies.db,
    },
    config,
  })
  runConsumers(app, { db, bus, config })

  const ctx: SocialContext = { db, config, log: app.log }
  await registerRemoteAuthentication(app, config, { db }, 'social')
  await app.register(connectionsRoutes, { ctx })
  await app.register(messagesRoutes, { ctx })
  await app.register(feedRoutes, { ctx })
  await app.register(moderationRoutes, { ctx })
  await app.register(internalRoutes, { ctx })
  return app
}
