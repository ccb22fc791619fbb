import {
  baseConfig,
  databaseConfig,
  eventsConfig,
  HttpUrl,
  kafkaConfig,
  loadConfig,
  Port,
  PostgresUrl,
  verifierConfig,
} from '@focushub/shared'
import Type, { type Static, type TObject } from 'typebox'

export const configSchema = {
  ...baseConfig,
  ...databaseConfig,
  ...kafkaConfig,
  ...eventsConfig,
  ...verifierConfig,
  TASK_SERVICE_PORT: Port(3002),
  TASK_DATABASE_URL: PostgresUrl('postgres://focushub_tasks:focushub_tasks_dev@127.0.0.1:5432/focushub_tasks'),
  /** Where the internal user look-up (member by e-mail) is asked. */
  AUTH_SERVICE_URL: HttpUrl('http://127.0.0.1:3001'),
  AUTH_LOOKUP_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 30_000, default: 3000 }),
}

export type Config = Static<TObject<typeof configSchema>>

export const loadServiceConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env)
