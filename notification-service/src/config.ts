import { verifierConfig } from '@focushub/shared/auth'
import { baseConfig, databaseConfig, kafkaConfig, loadConfig, Port, PostgresUrl } from '@focushub/shared/config'
import { eventsConfig } from '@focushub/shared/events'
import { storageConfig } from '@focushub/shared/storage'
import type { Static, TObject } from 'typebox'
import { jobsConfig } from './jobs/jobs.config.ts'
import { agendaConfig } from './modules/agenda/agenda.config.ts'
import { emailConfig } from './modules/email/email.config.ts'
import { exportsConfig } from './modules/exports/exports.config.ts'
import { webhooksConfig } from './modules/webhooks/webhooks.config.ts'

export const configSchema = {
  ...baseConfig,
  ...databaseConfig,
  ...kafkaConfig,
  ...eventsConfig,
  ...verifierConfig,
  ...emailConfig,
  ...jobsConfig,
  ...agendaConfig,
  ...webhooksConfig,
  ...exportsConfig,
  ...storageConfig,
  NOTIFICATION_SERVICE_PORT: Port(3005),
  NOTIFICATION_DATABASE_URL: PostgresUrl(
    'postgres://focushub_notifications:focushub_notifications_dev@127.0.0.1:5432/focushub_notifications',
  ),
}

export type Config = Static<TObject<typeof configSchema>>

export const loadServiceConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env)
