import Type, { type Static, type TObject, type TProperties, type TString } from 'typebox'
import Value from 'typebox/value'
import { metricsConfig } from './metrics/config.ts'

/** A configuration problem found at start: names every offending variable. */
export class ConfigError extends Error {
  readonly problems: string[]

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
    this.problems = problems
  }
}

export const Port = (fallback: number) =>
  Type.Integer({ minimum: 0, maximum: 65535, default: fallback, description: 'TCP port (0-65535)' })

export const HttpUrl = (fallback: string) =>
  Type.String({ pattern: '^https?://[^\\s/]+', default: fallback, description: 'http(s) URL' })

export const PostgresUrl = (fallback: string) =>
  Type.String({
    pattern: '^postgres(ql)?://[^\\s]+/[^\\s/]+$',
    default: fallback,
    description: 'postgres://user:password@host:port/database',
  })

/** Every process reads these. */
export const baseConfig = {
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('test'), Type.Literal('production')], {
    default: 'development',
  }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000 }),
  ...metricsConfig,
}

export const databaseConfig = {
  DATABASE_POOL_MAX: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
}

export const redisConfig = {
  REDIS_URL: Type.String({ pattern: '^rediss?://[^\\s]+$', default: 'redis://127.0.0.1:6379' }),
}

/**
 * A component's own Redis ACL user, `<COMPONENT>_REDIS_USERNAME` and `_PASSWORD`: Redis refuses
 * a connection without one, and holds each user to its component's keys (scripts/redis-acl.sh).
 */
export function redisUserConfig<C extends string>(component: C, username: string, password: string) {
  return {
    [`${component}_REDIS_USERNAME`]: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', default: username }),
    [`${component}_REDIS_PASSWORD`]: Type.String({
      pattern: '^[!-~]{8,256}$',
      default: password,
      description: '8 to 256 printable ASCII characters, no spaces',
    }),
  } as Record<`${C}_REDIS_USERNAME` | `${C}_REDIS_PASSWORD`, TString>
}

/** The Redis user a loaded configuration names for `component`, as createRedis takes it. */
export const redisUserOf = <C extends string>(
  config: Record<`${C}_REDIS_USERNAME` | `${C}_REDIS_PASSWORD`, string>,
  component: C,
) => ({ username: config[`${component}_REDIS_USERNAME`], password: config[`${component}_REDIS_PASSWORD`] })

export const kafkaConfig = {
  KAFKA_BROKERS: Type.String({
    pattern: '^[^\\s,:]+:\\d+(,[^\\s,:]+:\\d+)*$',
    default: '127.0.0.1:9092',
    description: 'comma-separated host:port list',
  }),
}

export type BaseConfig = Static<TObject<typeof baseConfig>>

function describe(schema: unknown): string {
  const s = schema as { description?: string; anyOf?: { const: unknown }[]; type?: string; pattern?: string }
  if (s.description) return s.description
  if (s.anyOf) return `one of ${s.anyOf.map((o) => String(o.const)).join(', ')}`
  if (s.pattern) return `a string matching ${s.pattern}`
  return s.type ?? 'a valid value'
}

/**
 * Reads the variables named by `properties` from `env`, applies defaults, coerces numbers and
 * validates. Empty strings count as unset. Throws ConfigError naming each bad variable.
 */
export function loadConfig<P extends TProperties>(properties: P, env: NodeJS.ProcessEnv = process.env) {
  const schema = Type.Object(properties)
  const raw: Record<string, unknown> = {}
  for (const key of Object.keys(properties)) {
    const value = env[key]
    if (value !== undefined && value !== '') raw[key] = value
  }
  const value = Value.Convert(schema, Value.Default(schema, raw)) as Record<string, unknown>
  const problems: string[] = []
  for (const [key, property] of Object.entries(properties)) {
    const given = value[key]
    if (given === undefined) {
      problems.push(`${key} is missing: expected ${describe(property)}`)
    } else if (!Value.Check(property, given)) {
      problems.push(`${key}=${JSON.stringify(env[key])} is invalid: expected ${describe(property)}`)
    }
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return value as Static<TObject<P>>
}
