import { baseConfig, databaseConfig, kafkaConfig, loadConfig, Port, PostgresUrl } from '@focushub/shared'
import type { Static, TObject } from 'typebox'

export const configSchema = {
  ...baseConfig,
  ...databaseConfig,
  ...kafkaConfig,
  HABIT_SERVICE_PORT: Port(3004),
  HABIT_DATABASE_URL: PostgresUrl('postgres://focushub_habits:focushub_habits_dev@127.0.0.1:5432/focushub_habits'),
}

export type Config = Static<TObject<typeof configSchema>>

export const loadServiceConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env)
