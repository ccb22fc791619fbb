import type { ServiceName } from '../../upstreams.ts'

export type ServiceState = 'up' | 'degraded' | 'down'

export interface ServiceHealth {
  status: ServiceState
  down?: string[]
  error?: string
}

/** Asks one service's /ready: answering 200 is up, 503 is degraded (alive, a dependency down). */
export async function probeService(baseUrl: string, timeoutMs: number): Promise<ServiceHealth> {
  try {
    const response = await fetch(new URL('/ready', baseUrl), { signal: AbortSignal.timeout(timeoutMs) })
    const body = (await response.json()) as { down?: string[] }
    if (response.ok) return { status: 'up' }
    return { status: 'degraded', down: body.down ?? [] }
  } catch (error) {
    return { status: 'down', error: (error as Error).message }
  }
}

export async function chainHealth(services: Record<ServiceName, string>, timeoutMs: number) {
  const names = Object.keys(services) as ServiceName[]
  const results = await Promise.all(names.map((name) => probeService(services[name], timeoutMs)))
  const report = Object.fromEntries(names.map((name, i) => [name, results[i]])) as Record<ServiceName, ServiceHealth>
  const states = results.map((result) => result.status)
  const status: ServiceState = states.includes('down') ? 'down' : states.includes('degraded') ? 'degraded' : 'up'
  return { status, services: report }
}
