import { baseConfig, databaseConfig, kafkaConfig, loadConfig, Port, PostgresUrl } from '@focushub/shared'
import type { Static, TObject } from 'typebox'

export const configSchema = {
  ...baseConfig,
  ...databaseConfig,
  ...kafkaConfig,
  TASK_SERVICE_PORT: Port(3002),
  TASK_DATABASE_URL: PostgresUrl('postgres://focushub_tasks:focushub_tasks_dev@127.0.0.1:5432/focushub_tasks'),
}

export type Config = Static<TObject<typeof configSchema>>

export const loadServiceConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env)
