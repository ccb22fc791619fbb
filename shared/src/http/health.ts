import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import Type from 'typebox'

/** Resolves when the dependency answers; throws (with a reason) when it does not. */
export type ReadinessCheck = () => Promise<unknown>

export interface HealthOptions {
  service: string
  /** Without any of these the process cannot serve: /ready answers 503 naming them in `down`. */
  checks: Record<string, ReadinessCheck>
  /** Without these it serves in a reduced mode: /ready answers 200 "degraded" naming them. */
  optionalChecks?: Record<string, ReadinessCheck>
  checkTimeoutMs?: number
}

const CheckResult = Type.Object({
  status: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  error: Type.Optional(Type.String()),
})

export const HealthResponse = Type.Object({
  status: Type.Literal('ok'),
  service: Type.String(),
  uptimeSeconds: Type.Number(),
})

export const ReadyResponse = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('degraded'), Type.Literal('unavailable')]),
  service: Type.String(),
  checks: Type.Record(Type.String(), CheckResult),
  down: Type.Array(Type.String()),
  /** Optional dependencies that are down while the process still serves without them. */
  degraded: Type.Array(Type.String()),
})

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ])
}

export async function runChecks(checks: Record<string, ReadinessCheck>, timeoutMs: number) {
  const names = Object.keys(checks)
  const results = await Promise.allSettled(names.map((name) => withTimeout(checks[name](), timeoutMs)))
  const report: Record<string, { status: 'up' | 'down'; error?: string }> = {}
  const down: string[] = []
  results.forEach((result, i) => {
    const name = names[i]
    if (result.status === 'fulfilled') {
      report[name] = { status: 'up' }
    } else {
      down.push(name)
      report[name] = { status: 'down', error: (result.reason as Error)?.message ?? String(result.reason) }
    }
  })
  return { checks: report, down }
}

/** GET /health (liveness: the process answers) and GET /ready (its dependencies answer). */
export const healthPlugin = fp(
  async (app: FastifyInstance, options: HealthOptions) => {
    const startedAt = Date.now()
    const timeoutMs = options.checkTimeoutMs ?? 2000
    app.get('/health', { schema: { hide: true, response: { 200: HealthResponse } }, logLevel: 'warn' }, async () => ({
      status: 'ok' as const,
      service: options.service,
      uptimeSeconds: (Date.now() - startedAt) / 1000,
    }))
    app.get(
      '/ready',
      { schema: { hide: true, response: { 200: ReadyResponse, 503: ReadyResponse } }, logLevel: 'warn' },
      async (_request, reply) => {
        const [required, optional] = await Promise.all([
          runChecks(options.checks, timeoutMs),
          runChecks(options.optionalChecks ?? {}, timeoutMs),
        ])
        const checks = { ...required.checks, ...optional.checks }
        const status = required.down.length > 0 ? 'unavailable' : optional.down.length > 0 ? 'degraded' : 'ready'
        return reply
          .code(status === 'unavailable' ? 503 : 200)
          .send({ status, service: options.service, checks, down: required.down, degraded: optional.down })
      },
    )
  },
  { name: 'focushub-health' },
)
