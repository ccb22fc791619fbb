import { InternalCallers, verifierConfig } from '@focushub/shared/auth'
import { baseConfig, databaseConfig, kafkaConfig, loadConfig, Port, PostgresUrl } from '@focushub/shared/config'
import { eventsConfig } from '@focushub/shared/events'
import Type, { type Static, type TObject } from 'typebox'

export const configSchema = {
  ...baseConfig,
  ...databaseConfig,
  ...kafkaConfig,
  ...eventsConfig,
  ...verifierConfig,
  HABIT_SERVICE_PORT: Port(3004),
  HABIT_DATABASE_URL: PostgresUrl('postgres://focushub_habits:focushub_habits_dev@127.0.0.1:5432/focushub_habits'),
  /** How many local days before today a check-in may still be written or undone (0: today only). */
  HABIT_BACKFILL_DAYS: Type.Integer({ minimum: 0, maximum: 365, default: 7 }),
  /** How far before or after today a habit's start date may be set: its summary and stats walk every day from it. */
  HABIT_START_DATE_RANGE_DAYS: Type.Integer({ minimum: 7, maximum: 3660, default: 366 }),
  /** How often each replica refreshes summaries a new local day made stale: the longest a streak break waits. */
  HABIT_SUMMARY_REFRESH_INTERVAL_MS: Type.Integer({ minimum: 1000, maximum: 3_600_000, default: 60_000 }),
  /**
   * Services that may call habit-service's /internal/* routes, each with its own secret (service:secret,…);
   * named apart from auth-service's INTERNAL_CALLERS, as the local stack shares one environment.
   */
  HABIT_INTERNAL_CALLERS: InternalCallers('notification-service:focushub-notification-service-internal-dev'),
}

export type Config = Static<TObject<typeof configSchema>>

export const loadServiceConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env)
