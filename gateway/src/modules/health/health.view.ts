import type { FastifyBaseLogger } from 'fastify'
import type { ServiceName } from '../../upstreams.ts'
import { chainHealth, type ServiceState } from './health.service.ts'

export interface PublicHealth {
  status: ServiceState
  /** When the services were last asked: the answer is this view, not a new round of checks. */
  checkedAt: string
  services: Record<string, { status: ServiceState; down?: string[] }>
}

export interface HealthViewOptions {
  services: Record<ServiceName, string>
  /** One round of checks at most this often, whatever the number of callers. */
  refreshMs: number
  timeoutMs: number
  log: FastifyBaseLogger
}

/**
 * The chain's health as the public sees it: asked of every service at most once per `refreshMs`
 * (callers within that time share the round, running or done), so a flood of anonymous requests
 * never becomes a flood of readiness checks. Error messages, which name internal addresses, go to
 * the log only.
 */
export function createHealthView(options: HealthViewOptions) {
  let round: Promise<PublicHealth> | undefined
  let startedAt = Number.NEGATIVE_INFINITY

  async function check(): Promise<PublicHealth> {
    const checkedAt = new Date().toISOString()
    const { status, services } = await chainHealth(options.services, options.timeoutMs)
    const shown: PublicHealth['services'] = {}
    for (const [name, { error, ...health }] of Object.entries(services)) {
      if (error) options.log.warn({ upstream: name, err: error }, 'health check: service not answering')
      shown[name] = health
    }
    return { status, checkedAt, services: shown }
  }

  return {
    current(now = Date.now()): Promise<PublicHealth> {
      if (!round || now - startedAt >= options.refreshMs) {
        startedAt = now
        round = check()
      }
      return round
    },
  }
}

export type HealthView = ReturnType<typeof createHealthView>
