import { createUserDirectory, registerRemoteAuthentication } from '@focushub/shared/auth'
import { type App, createApp, openServiceBackbone } from '@focushub/shared/http'
import { appStorage, type ObjectStorage } from '@focushub/shared/storage'
import type { Kysely } from 'kysely'
import type { Config } from './config.ts'
import { runConsumers } from './consumers/index.ts'
import type { TaskContext } from './context.ts'
import { migrations } from './db/migrations/index.ts'
import type { Database } from './db/tables.ts'
import { taskErrors } from './errors.ts'
import { attachmentsRoutes } from './modules/attachments/attachments.routes.ts'
import { attachmentsCleanupJob } from './modules/attachments/attachments-cleanup.ts'
import { importsRoutes } from './modules/imports/imports.routes.ts'
import { internalRoutes } from './modules/internal/internal.routes.ts'
import { invitationsRoutes } from './modules/invitations/invitations.routes.ts'
import { labelsRoutes } from './modules/labels/labels.routes.ts'
import { membersRoutes } from './modules/members/members.routes.ts'
import { projectsRoutes } from './modules/projects/projects.routes.ts'
import { remindersRoutes } from './modules/reminders/reminders.routes.ts'
import { statsRoutes } from './modules/stats/stats.routes.ts'
import { tasksRoutes } from './modules/tasks/tasks.routes.ts'

export interface AppDependencies {
  db?: Kysely<Database>
  /** The clock; tests stand at chosen instants. */
  now?: () => Date
  /** The attachments' storage, when not the one S3_* configures (tests: one that is down); closed by its owner. */
  storage?: ObjectStorage
}

export async function buildApp(config: Config, dependencies: AppDependencies = {}): Promise<App> {
  const app = createApp({ service: 'task-service', logLevel: config.LOG_LEVEL, errors: taskErrors })
  const { db, bus } = await openServiceBackbone<Database>(app, {
    database: { url: config.TASK_DATABASE_URL, poolMax: config.DATABASE_POOL_MAX, migrations, given: dependencies.db },
    config,
  })
  const storage = dependencies.storage ?? appStorage(app, config)
  runConsumers(app, { db, bus, config, thumbnails: { storage, log: app.log } })

  const ctx: TaskContext = {
    db,
    config,
    users: createUserDirectory({
      authServiceUrl: config.AUTH_SERVICE_URL,
      timeoutMs: config.AUTH_LOOKUP_TIMEOUT_MS,
      service: 'task-service',
      secret: config.TASK_SERVICE_INTERNAL_SECRET,
    }),
    storage,
    log: app.log,
    now: dependencies.now ?? (() => new Date()),
  }
  await app.register(attachmentsCleanupJob, { ctx })
  await registerRemoteAuthentication(app, config, { db }, 'tasks')
  await app.register(projectsRoutes, { ctx })
  await app.register(membersRoutes, { ctx })
  await app.register(invitationsRoutes, { ctx })
  await app.register(statsRoutes, { ctx })
  await app.register(tasksRoutes, { ctx })
  await app.register(labelsRoutes, { ctx })
  await app.register(remindersRoutes, { ctx })
  await app.register(attachmentsRoutes, { ctx })
  await app.register(internalRoutes, { ctx })
  await app.register(importsRoutes, { ctx })
  return app
}
