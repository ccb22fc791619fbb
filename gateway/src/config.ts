import { baseConfig, HttpUrl, kafkaConfig, loadConfig, Port, redisConfig } from '@focushub/shared'
import Type, { type Static, type TObject } from 'typebox'

export const configSchema = {
  ...baseConfig,
  ...redisConfig,
  ...kafkaConfig,
  GATEWAY_PORT: Port(3000),
  AUTH_SERVICE_URL: HttpUrl('http://127.0.0.1:3001'),
  TASK_SERVICE_URL: HttpUrl('http://127.0.0.1:3002'),
  FOCUS_SERVICE_URL: HttpUrl('http://127.0.0.1:3003'),
  HABIT_SERVICE_URL: HttpUrl('http://127.0.0.1:3004'),
  UPSTREAM_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 300_000, default: 10_000 }),
}

export type Config = Static<TObject<typeof configSchema>>

export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env)
