import { registerRemoteAuthentication } from '@focushub/shared/auth'
import { type App, createApp, openServiceBackbone } from '@focushub/shared/http'
import { appStorage, type ObjectStorage } from '@focushub/shared/storage'
import type { Kysely } from 'kysely'
import type { Config } from './config.ts'
import { runConsumers } from './consumers/index.ts'
import { runWebhooksConsumer } from './consumers/webhooks.consumer.ts'
import type { NotificationContext } from './context.ts'
import { migrations } from './db/migrations/index.ts'
import type { Database } from './db/tables.ts'
import { notificationErrors } from './errors.ts'
import { useJobQueue } from './jobs/queue.ts'
import { taskList } from './jobs/task-list.ts'
import { jobWorker, migrateJobQueue } from './jobs/worker.ts'
import { createUserDays } from './modules/agenda/agenda.clients.ts'
import { createMailer } from './modules/email/email.mailer.ts'
import { notificationEmails } from './modules/email/email.service.ts'
import { unsubscribeTokens } from './modules/email/unsubscribe-token.ts'
import { exportCollections } from './modules/export/export.collections.ts'
import { exportPruningJob } from './modules/exports/export-pruning.ts'
import { exportsRoutes } from './modules/exports/exports.routes.ts'
import type { ExportContext } from './modules/exports/exports.service.ts'
import { createExportSources } from './modules/exports/exports.sources.ts'
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts'
import { preferencesRoutes } from './modules/preferences/preferences.routes.ts'
import { unsubscribeRoutes } from './modules/unsubscribe/unsubscribe.routes.ts'
import { createOutgoing } from './modules/webhooks/outgoing.ts'
import { secretBox } from './modules/webhooks/secret-box.ts'
import { webhookLogPruningJob } from './modules/webhooks/webhook-log-pruning.ts'
import { createProjectRoles } from './modules/webhooks/webhooks.clients.ts'
import { webhooksRoutes } from './modules/webhooks/webhooks.routes.ts'
import { sealStoredSecrets, type WebhookContext } from './modules/webhooks/webhooks.service.ts'
import { weeklyReviewRoutes } from './modules/weekly-review/weekly-review.routes.ts'

export interface AppDependencies {
  db?: Kysely<Database>
  /** The exports' storage, when not the one S3_* configures; closed by its owner. */
  storage?: ObjectStorage
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
  // The job queue's schema exists before anything enqueues (the consumers, through `tell`).
  useJobQueue({ schema: config.JOB_QUEUE_SCHEMA, maxAttempts: config.JOB_MAX_ATTEMPTS })
  await migrateJobQueue(config, app.log)
  runConsumers(app, { db, bus, config })
  runWebhooksConsumer(app, { db, bus, config })

  const ctx: NotificationContext = { db, config, log: app.log }
  const tokens = unsubscribeTokens({
    secret: config.UNSUBSCRIBE_SECRET,
    ttlSeconds: config.UNSUBSCRIBE_TOKEN_TTL_DAYS * 24 * 60 * 60,
  })
  const mailer = createMailer({
    smtpUrl: config.SMTP_URL,
    from: config.MAIL_FROM,
    poolMaxConnections: config.SMTP_POOL_MAX_CONNECTIONS,
    timeoutMs: config.SMTP_TIMEOUT_MS,
  })
  app.addHook('onClose', () => mailer.close())
  const emails = notificationEmails({ mailer, tokens, publicBaseUrl: config.PUBLIC_BASE_URL })
  const outgoing = createOutgoing({
    allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
  })
  app.addHook('onClose', () => outgoing.close())
  const webhooks: WebhookContext = {
    ...ctx,
    outgoing,
    projectRoleOf: createProjectRoles(config),
    secrets: secretBox(config.WEBHOOK_SECRET_KEYS),
  }
  // Not on the way to serving (a delivery opens a secret under any key listed, or none): after start, and
  // waited for before closing.
  let sealing: Promise<unknown> = Promise.resolve()
  app.addHook('onReady', async () => {
    sealing = sealStoredSecrets(webhooks).catch((error) => app.log.error({ err: error }, 'webhook secrets not sealed'))
  })
  app.addHook('preClose', () => sealing)
  const exports: ExportContext = {
    ...ctx,
    storage: dependencies.storage ?? appStorage(app, config),
    sources: createExportSources(config, exportCollections(ctx)),
  }
  await app.register(jobWorker, {
    config,
    taskList: taskList({ ...webhooks, ...exports, emails, days: createUserDays(config) }),
  })
  // Webhooks and exports are in no scope: a personal access token reaches neither (each carries every area's data).
  await registerRemoteAuthentication(app, config, { db }, (request) =>
    /^\/(webhooks|exports)(\/|$)/.test(request.routeOptions.url ?? '') ? [] : ['notifications'],
  )
  await app.register(notificationsRoutes, { ctx })
  await app.register(preferencesRoutes, { ctx })
  await app.register(unsubscribeRoutes, { ctx, tokens })
  await app.register(weeklyReviewRoutes, { ctx })
  await app.register(webhooksRoutes, { ctx: webhooks })
  await app.register(webhookLogPruningJob, { ctx })
  await app.register(exportsRoutes, { ctx: exports })
  await app.register(exportPruningJob, { ctx: exports })
  return app
}
