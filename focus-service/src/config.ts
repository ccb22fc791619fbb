import { InternalCallers, InternalSecret, userDirectoryConfig, verifierConfig } from '@focushub/shared/auth'
import { baseConfig, databaseConfig, kafkaConfig, loadConfig, Port, PostgresUrl } from '@focushub/shared/config'
import { eventsConfig } from '@focushub/shared/events'
import Type, { type Static, type TObject } from 'typebox'

export const configSchema = {
  ...baseConfig,
  ...databaseConfig,
  ...kafkaConfig,
  ...eventsConfig,
  ...verifierConfig,
  /** Where a recipient named by e-mail is looked up. */
  ...userDirectoryConfig,
  FOCUS_SERVICE_PORT: Port(3003),
  FOCUS_DATABASE_URL: PostgresUrl('postgres://focushub_focus:focushub_focus_dev@127.0.0.1:5432/focushub_focus'),
  /** How often each replica looks for sessions whose time ran out: the longest a due session waits. */
  FOCUS_SWEEP_INTERVAL_MS: Type.Integer({ minimum: 10, maximum: 60_000, default: 1000 }),
  /** How many local days before today a logged session may start, be moved or deleted (0: today only). */
  FOCUS_BACKFILL_DAYS: Type.Integer({ minimum: 0, maximum: 365, default: 7 }),
  /** focus-service's credential for auth-service's internal routes: its entry in auth-service's INTERNAL_CALLERS. */
  FOCUS_SERVICE_INTERNAL_SECRET: InternalSecret('focushub-focus-service-internal-dev'),
  /**
   * Services that may call focus-service's /internal/* routes, each with its own secret (service:secret,…);
   * named apart from auth-service's INTERNAL_CALLERS, as the local stack shares one environment.
   */
  FOCUS_INTERNAL_CALLERS: InternalCallers('notification-service:focushub-notification-service-internal-dev'),
}

export type Config = Static<TObject<typeof configSchema>>

export const loadServiceConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env)
