import { registerRemoteAuthentication } from '@focushub/shared/auth'
import { type App, createApp, openServiceBackbone } from '@focushub/shared/http'
import type { Kysely } from 'kysely'
import type { Config } from './config.ts'
import { runConsumers } from './consumers/index.ts'
import type { HabitContext } from './context.ts'
import { migrations } from './db/migrations/index.ts'
import type { Database } from './db/tables.ts'
import { habitErrors } from './errors.ts'
import { achievementsRoutes } from './modules/achievements/achievements.routes.ts'
import { checkInsRoutes } from './modules/check-ins/check-ins.routes.ts'
import { habitsRoutes } from './modules/habits/habits.routes.ts'
import { importsRoutes } from './modules/imports/imports.routes.ts'
import { internalRoutes } from './modules/internal/internal.routes.ts'
import { rewardsRoutes } from './modules/rewards/rewards.routes.ts'
import { statsRoutes } from './modules/stats/stats.routes.ts'
import { summaryRefresherJob } from './modules/stats/summary-refresher.ts'

export interface AppDependencies {
  db?: Kysely<Database>
  /** The clock; tests pin it to cross local-day boundaries. */
  now?: () => Date
}

export async function buildApp(config: Config, dependencies: AppDependencies = {}): Promise<App> {
  const app = createApp({ service: 'habit-service', logLevel: config.LOG_LEVEL, errors: habitErrors })
  const { db, bus } = await openServiceBackbone<Database>(app, {
    database: { url: config.HABIT_DATABASE_URL, poolMax: config.DATABASE_POOL_MAX, migrations, given: dependencies.db },
    config,
  })
  runConsumers(app, { db, bus, config })

  const ctx: HabitContext = { db, config, log: app.log, now: dependencies.now ?? (() => new Date()) }
  await app.register(summaryRefresherJob, { ctx })
  await registerRemoteAuthentication(app, config, { db }, 'habits')
  await app.register(habitsRoutes, { ctx })
  await app.register(checkInsRoutes, { ctx })
  await app.register(statsRoutes, { ctx })
  await app.register(achievementsRoutes, { ctx })
  await app.register(rewardsRoutes, { ctx })
  await app.register(internalRoutes, { ctx })
  await app.register(importsRoutes, { ctx })
  return app
}
