import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { accessTokenConfig, InternalCallers } from '@focushub/shared/auth'
import {
  baseConfig,
  databaseConfig,
  kafkaConfig,
  loadConfig,
  Port,
  PostgresUrl,
  redisConfig,
  redisUserConfig,
} from '@focushub/shared/config'
import { eventsConfig } from '@focushub/shared/events'
import Type, { type Static, type TObject } from 'typebox'

const Seconds = (fallback: number, maximum = 86_400) => Type.Integer({ minimum: 1, maximum, default: fallback })
const Count = (fallback: number) => Type.Integer({ minimum: 1, maximum: 1_000_000, default: fallback })

export const configSchema = {
  ...baseConfig,
  ...databaseConfig,
  ...kafkaConfig,
  ...eventsConfig,
  ...redisConfig,
  ...redisUserConfig('AUTH', 'focushub-auth', 'focushub_auth_dev'),
  ...accessTokenConfig,
  AUTH_SERVICE_PORT: Port(3001),
  /**
   * Services that may call /internal/* routes, each with its own secret (service:secret,…): task- and
   * focus-service (users by e-mail), the gateway (personal access tokens), notification-service (exports).
   */
  INTERNAL_CALLERS: InternalCallers(
    'task-service:focushub-task-service-internal-dev,focus-service:focushub-focus-service-internal-dev,gateway:focushub-gateway-internal-dev,notification-service:focushub-notification-service-internal-dev',
  ),
  AUTH_DATABASE_URL: PostgresUrl('postgres://focushub_auth:focushub_auth_dev@127.0.0.1:5432/focushub_auth'),
  AUTH_KEYS_DIR: Type.String({ minLength: 1, default: '.focushub/keys' }),
  AUTH_GENERATE_KEYS: Type.Boolean({ default: true }),
  ACCESS_TOKEN_TTL_SECONDS: Seconds(900, 3600),
  REFRESH_TOKEN_TTL_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 30 }),
  /** A spent refresh token presented again within this window is a concurrent refresh, not theft. */
  REFRESH_REUSE_GRACE_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 2000 }),
  /** The public path of the identity routes (behind the gateway's /api/v1): the refresh cookie is sent only there. */
  REFRESH_COOKIE_PATH: Type.String({ pattern: '^/[A-Za-z0-9/._~-]*$', maxLength: 200, default: '/api/v1/auth' }),
  BCRYPT_COST: Type.Integer({ minimum: 10, maximum: 15, default: 11 }),
  TRUSTED_PROXIES: Type.String({
    pattern: '^[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*$',
    default: '127.0.0.1,::1',
    description: 'comma-separated addresses or CIDRs whose X-Forwarded-For is believed',
  }),
  AUTH_REDIS_PREFIX: Type.String({ pattern: '^[A-Za-z0-9:_-]{1,64}$', default: 'focushub:auth' }),
  LOGIN_IP_MAX_ATTEMPTS: Count(30),
  LOGIN_IP_WINDOW_SECONDS: Seconds(60),
  LOGIN_ACCOUNT_MAX_FAILURES: Count(5),
  LOGIN_ACCOUNT_WINDOW_SECONDS: Seconds(900),
  LOGIN_LOCKOUT_SECONDS: Seconds(900),
  LOGIN_BACKOFF_BASE_SECONDS: Type.Integer({ minimum: 0, maximum: 60, default: 1 }),
  LOGIN_ACCOUNT_CEILING_FAILURES: Count(20),
  LOGIN_KNOWN_CLIENT_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 30 }),
  REGISTER_IP_MAX_ATTEMPTS: Count(20),
  REGISTER_IP_WINDOW_SECONDS: Seconds(3600),
  ADMIN_EMAIL: Type.String({
    pattern: '^$|^[^\\s@]+@[^\\s@]+$',
    maxLength: 254,
    default: '',
    description: 'an e-mail address, or empty for no bootstrap admin',
  }),
  ADMIN_PASSWORD: Type.String({ maxLength: 72, default: '', description: '8 to 72 bytes, required with ADMIN_EMAIL' }),
}

export type Config = Static<TObject<typeof configSchema>>

export const loadServiceConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env)

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url))

/** AUTH_KEYS_DIR, a relative one taken from the repository root whatever the working directory (npm -w runs elsewhere). */
export const keysDirectory = (config: Config) => resolve(repositoryRoot, config.AUTH_KEYS_DIR)
