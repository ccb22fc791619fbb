import { createUserDirectory, registerRemoteAuthentication } from '@focushub/shared/auth'
import { type App, createApp, openServiceBackbone } from '@focushub/shared/http'
import type { Kysely } from 'kysely'
import type { Config } from './config.ts'
import { runConsumers } from './consumers/index.ts'
import type { Clock, FocusContext } from './context.ts'
import { migrations } from './db/migrations/index.ts'
import type { Database } from './db/tables.ts'
import { focusErrors } from './errors.ts'
import { goalsRoutes } from './modules/goals/goals.routes.ts'
import { historyRoutes } from './modules/history/history.routes.ts'
import { internalRoutes } from './modules/internal/internal.routes.ts'
import { manualRoutes } from './modules/manual/manual.routes.ts'
import { roomChatRoutes } from './modules/room-chat/room-chat.routes.ts'
import { roomModerationRoutes } from './modules/room-moderation/room-moderation.routes.ts'
import { roomReportsRoutes } from './modules/room-moderation/room-reports.routes.ts'
import { roomTimerJob } from './modules/room-timer/phase-sweeper.ts'
import { roomTimerRoutes } from './modules/room-timer/room-timer.routes.ts'
import { roomInvitesRoutes } from './modules/rooms/invites.routes.ts'
import { roomPresenceRoutes } from './modules/rooms/presence.routes.ts'
import { presenceSweeperJob } from './modules/rooms/presence-sweeper.ts'
import { roomsRoutes } from './modules/rooms/rooms.routes.ts'
import { sessionsRoutes } from './modules/sessions/sessions.routes.ts'
import { sweeperJob } from './modules/sessions/sweeper.ts'
import { settingsRoutes } from './modules/settings/settings.routes.ts'
import { publicLinkRoutes } from './modules/sharing/public-links.routes.ts'
import { sharingRoutes } from './modules/sharing/sharing.routes.ts'
import { statsRoutes } from './modules/stats/stats.routes.ts'

export interface AppDependencies {
  db?: Kysely<Database>
  /** The server's clock (tests drive time with their own). */
  now?: Clock
}

export async function buildApp(config: Config, dependencies: AppDependencies = {}): Promise<App> {
  const app = createApp({ service: 'focus-service', logLevel: config.LOG_LEVEL, errors: focusErrors })
  const { db, bus } = await openServiceBackbone<Database>(app, {
    database: { url: config.FOCUS_DATABASE_URL, poolMax: config.DATABASE_POOL_MAX, migrations, given: dependencies.db },
    config,
  })
  runConsumers(app, { db, bus, config })

  const ctx: FocusContext = {
    db,
    config,
    now: dependencies.now ?? (() => new Date()),
    users: createUserDirectory({
      authServiceUrl: config.AUTH_SERVICE_URL,
      timeoutMs: config.AUTH_LOOKUP_TIMEOUT_MS,
      service: 'focus-service',
      secret: config.FOCUS_SERVICE_INTERNAL_SECRET,
    }),
    log: app.log,
  }
  await app.register(sweeperJob, { ctx })
  await app.register(roomTimerJob, { ctx })
  await app.register(presenceSweeperJob, { ctx })

  await registerRemoteAuthentication(app, config, { db }, 'focus')
  await app.register(sessionsRoutes, { ctx })
  await app.register(historyRoutes, { ctx })
  await app.register(manualRoutes, { ctx })
  await app.register(settingsRoutes, { ctx })
  await app.register(goalsRoutes, { ctx })
  await app.register(statsRoutes, { ctx })
  await app.register(sharingRoutes, { ctx })
  await app.register(publicLinkRoutes, { ctx })
  await app.register(internalRoutes, { ctx })
  await app.register(roomPresenceRoutes, { ctx })
  await app.register(roomsRoutes, { ctx })
  await app.register(roomInvitesRoutes, { ctx })
  await app.register(roomChatRoutes, { ctx })
  await app.register(roomModerationRoutes, { ctx })
  await app.register(roomReportsRoutes, { ctx })
  await app.register(roomTimerRoutes, { ctx })
  return app
}
