import { accessTokenConfig, InternalSecret, jwksConfig } from '@focushub/shared/auth'
import {
  baseConfig,
  HttpUrl,
  kafkaConfig,
  loadConfig,
  Port,
  redisConfig,
  redisUserConfig,
} from '@focushub/shared/config'
import { eventsConfig } from '@focushub/shared/events'
import Type, { type Static, type TObject } from 'typebox'

const Count = (fallback: number) => Type.Integer({ minimum: 1, maximum: 10_000_000, default: fallback })
const Milliseconds = (fallback: number, minimum = 100) =>
  Type.Integer({ minimum, maximum: 3_600_000, default: fallback })
const Bytes = (fallback: number) => Type.Integer({ minimum: 1024, maximum: 100 * 1024 * 1024, default: fallback })

export const configSchema = {
  ...baseConfig,
  ...redisConfig,
  ...redisUserConfig('GATEWAY', 'focushub-gateway', 'focushub_gateway_dev'),
  ...kafkaConfig,
  // The topic prefix and consumer tuning of the live-updates consumer (tests give each file its own prefix).
  ...eventsConfig,
  ...accessTokenConfig,
  ...jwksConfig,
  GATEWAY_PORT: Port(3000),
  AUTH_SERVICE_URL: HttpUrl('http://127.0.0.1:3001'),
  TASK_SERVICE_URL: HttpUrl('http://127.0.0.1:3002'),
  FOCUS_SERVICE_URL: HttpUrl('http://127.0.0.1:3003'),
  HABIT_SERVICE_URL: HttpUrl('http://127.0.0.1:3004'),
  NOTIFICATION_SERVICE_URL: HttpUrl('http://127.0.0.1:3005'),
  SOCIAL_SERVICE_URL: HttpUrl('http://127.0.0.1:3006'),
  // The gateway's credential for auth-service's and focus-service's internal routes: its entry in INTERNAL_CALLERS and FOCUS_INTERNAL_CALLERS.
  GATEWAY_INTERNAL_SECRET: InternalSecret('focushub-gateway-internal-dev'),
  UPSTREAM_TIMEOUT_MS: Milliseconds(10_000),
  UPSTREAM_CONNECT_TIMEOUT_MS: Milliseconds(2000),
  UPSTREAM_FAILURE_THRESHOLD: Type.Integer({ minimum: 1, maximum: 1000, default: 5 }),
  UPSTREAM_OPEN_MS: Milliseconds(5000),
  TRUSTED_PROXIES: Type.String({
    pattern: '^[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*$',
    default: '127.0.0.1,::1',
    description: 'comma-separated addresses or CIDRs whose X-Forwarded-For is believed',
  }),
  CORS_ORIGINS: Type.String({
    pattern: '^$|^https?://[^\\s,]+(,https?://[^\\s,]+)*$',
    default: '',
    description: 'comma-separated origins (scheme://host[:port]), or empty for none',
  }),
  RATE_LIMIT_MAX: Count(600),
  RATE_LIMIT_WINDOW_MS: Milliseconds(60_000, 1000),
  RATE_LIMIT_AUTH_MAX: Count(20),
  RATE_LIMIT_AUTH_WINDOW_MS: Milliseconds(60_000, 1000),
  RATE_LIMIT_REDIS_DOWN: Type.Union([Type.Literal('serve'), Type.Literal('refuse')], { default: 'serve' }),
  RATE_LIMIT_REDIS_PREFIX: Type.String({ pattern: '^[A-Za-z0-9:_-]{1,64}$', default: 'focushub:gateway:rate:' }),
  BODY_LIMIT_AUTH_BYTES: Bytes(16 * 1024),
  BODY_LIMIT_BYTES: Bytes(1024 * 1024),
  OPENAPI_REFRESH_MS: Milliseconds(60_000, 1000),
  // Live updates (SSE and WebSocket): see README.md, "Live updates".
  LIVE_REDIS_PREFIX: Type.String({ pattern: '^[A-Za-z0-9:_-]{1,64}$', default: 'focushub:gateway:live:' }),
  LIVE_TICKET_TTL_MS: Milliseconds(30_000, 1000),
  LIVE_HEARTBEAT_MS: Milliseconds(15_000),
  LIVE_RESUME_WINDOW_MS: Milliseconds(900_000, 1000),
  LIVE_RESUME_MAX_EVENTS: Type.Integer({ minimum: 10, maximum: 100_000, default: 1000 }),
  LIVE_MAX_BUFFERED_BYTES: Bytes(1024 * 1024),
  LIVE_MAX_STREAMS_PER_USER: Type.Integer({ minimum: 1, maximum: 1000, default: 10 }),
  LIVE_PRESENCE_REPORT_MS: Milliseconds(15_000, 1000),
  DASHBOARD_DEADLINE_MS: Milliseconds(1500),
  HEALTH_VIEW_REFRESH_MS: Milliseconds(5000, 1000),
  IDEMPOTENCY_RETENTION_MS: Type.Integer({ minimum: 1000, maximum: 7 * 24 * 3_600_000, default: 24 * 3_600_000 }),
  IDEMPOTENCY_CLAIM_MS: Milliseconds(3000, 1000),
  IDEMPOTENCY_WAIT_MS: Milliseconds(6000),
  IDEMPOTENCY_MAX_RESPONSE_BYTES: Bytes(1024 * 1024),
  IDEMPOTENCY_REDIS_PREFIX: Type.String({
    pattern: '^[A-Za-z0-9:_-]{1,64}$',
    default: 'focushub:gateway:idempotency:',
  }),
}

export type Config = Static<TObject<typeof configSchema>>

export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env)

export const listOf = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
