import { baseConfig, databaseConfig, kafkaConfig, loadConfig, Port, PostgresUrl, redisConfig } from '@focushub/shared'
import type { Static, TObject } from 'typebox'

export const configSchema = {
  ...baseConfig,
  ...databaseConfig,
  ...kafkaConfig,
  ...redisConfig,
  AUTH_SERVICE_PORT: Port(3001),
  AUTH_DATABASE_URL: PostgresUrl('postgres://focushub_auth:focushub_auth_dev@127.0.0.1:5432/focushub_auth'),
}

export type Config = Static<TObject<typeof configSchema>>

export const loadServiceConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env)
