import { baseConfig, loadConfig, Port } from '@focushub/shared/config'
import Type, { type Static, type TObject } from 'typebox'

const upstreamEntry = 'https?://[^\\s,|]+(\\|\\d{1,3})?'
export const upstreamListPattern = `^${upstreamEntry}(,${upstreamEntry})*$`

const ms = (fallback: number, minimum = 0, maximum = 86_400_000) =>
  Type.Integer({ minimum, maximum, default: fallback })

export const configSchema = {
  ...baseConfig,
  LB_PORT: Port(8080),
  LB_ADMIN_PORT: Port(8081),
  LB_ADMIN_TOKEN: Type.String({
    pattern: '^[!-~]{16,256}$',
    default: 'focushub_lb_admin_dev',
    description: '16 to 256 printable ASCII characters, no spaces',
  }),
  LB_UPSTREAMS: Type.String({
    pattern: upstreamListPattern,
    default: 'http://127.0.0.1:3000,http://127.0.0.1:3100',
    description: 'comma-separated http(s) URLs of the gateway replicas, each optionally followed by |weight',
  }),
  LB_UPSTREAMS_FILE: Type.String({
    default: '',
    description: 'path of a file listing the upstreams (re-read on SIGHUP)',
  }),
  LB_UPSTREAM_CONNECTIONS: Type.Integer({ minimum: 1, maximum: 4096, default: 256 }),
  LB_CONNECT_TIMEOUT_MS: ms(2_000, 1),
  LB_RESPONSE_TIMEOUT_MS: ms(30_000),
  LB_STREAM_IDLE_TIMEOUT_MS: ms(3_600_000),
  LB_HEALTH_PATH: Type.String({ pattern: '^/', default: '/health' }),
  LB_HEALTH_INTERVAL_MS: ms(2_000, 50),
  LB_HEALTH_TIMEOUT_MS: ms(1_000, 10),
  LB_HEALTH_FALLS: Type.Integer({ minimum: 1, maximum: 100, default: 3 }),
  LB_HEALTH_RISES: Type.Integer({ minimum: 1, maximum: 100, default: 2 }),
  LB_EJECT_AFTER_FAILURES: Type.Integer({ minimum: 1, maximum: 1000, default: 3 }),
  LB_EJECT_BASE_MS: ms(5_000, 1),
  LB_EJECT_MAX_MS: ms(60_000, 1),
  LB_EJECT_MAX_PERCENT: Type.Integer({ minimum: 0, maximum: 100, default: 50 }),
  LB_RETRY_BUDGET_PERCENT: Type.Integer({ minimum: 0, maximum: 100, default: 20 }),
  // A floor of 10 retries a second over the default window, as Finagle's budget has: one upstream dying
  // with its share of in-flight requests must not exhaust it on a quiet balancer.
  LB_RETRY_BUDGET_MIN: Type.Integer({ minimum: 0, maximum: 100_000, default: 100 }),
  LB_RETRY_BUDGET_WINDOW_MS: ms(10_000, 1_000, 600_000),
  LB_RETRY_BUFFER_BYTES: Type.Integer({ minimum: 0, maximum: 16_777_216, default: 65_536 }),
  LB_ACCESS_LOG: Type.Boolean({ default: true }),
}

export type Config = Static<TObject<typeof configSchema>>

export const loadBalancerConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env)
