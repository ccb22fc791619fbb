import { InternalCallers, verifierConfig } from '@focushub/shared/auth'
import { baseConfig, databaseConfig, kafkaConfig, loadConfig, Port, PostgresUrl } from '@focushub/shared/config'
import { eventsConfig } from '@focushub/shared/events'
import type { Static, TObject } from 'typebox'
import { connectionsConfig } from './modules/connections/connections.config.ts'
import { moderationConfig } from './modules/moderation/moderation.config.ts'

export const configSchema = {
  ...baseConfig,
  ...databaseConfig,
  ...kafkaConfig,
  ...eventsConfig,
  ...verifierConfig,
  ...connectionsConfig,
  ...moderationConfig,
  SOCIAL_SERVICE_PORT: Port(3006),
  SOCIAL_DATABASE_URL: PostgresUrl('postgres://focushub_social:focushub_social_dev@127.0.0.1:5432/focushub_social'),
  /**
   * Services that may call social-service's /internal/* routes, each with its own secret (service:secret,…);
   * named apart from auth-service's INTERNAL_CALLERS, as the local stack shares one environment.
   */
  SOCIAL_INTERNAL_CALLERS: InternalCallers('notification-service:focushub-notification-service-internal-dev'),
}

export type Config = Static<TObject<typeof configSchema>>

export const loadServiceConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env)
