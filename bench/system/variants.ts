// The three ways in that the bench compares, each sending the same requests of the same users.
import type { BenchConfig } from './config.ts'

export type Service = 'auth' | 'tasks' | 'focus' | 'habits'

export interface Variant {
  name: string
  describe: string
  /** Where each service's routes are reached: origin plus the path prefix in front of the service's own. */
  targets: Record<Service, { origin: string; prefix: string }>
  /** Whether GET /dashboard exists; without it the client asks the six calls the gateway would, in parallel. */
  hasDashboard: boolean
}

export function variantsOf(config: BenchConfig): Variant[] {
  const everywhere = (origin: string) => {
    const target = { origin, prefix: '/api/v1' }
    return { auth: target, tasks: target, focus: target, habits: target }
  }
  const all: Variant[] = [
    {
      name: 'direct',
      describe: 'straight to each service (auth :3001, task :3002, focus :3003, habit :3004)',
      targets: {
        auth: { origin: config.urls.auth, prefix: '' },
        tasks: { origin: config.urls.tasks, prefix: '' },
        focus: { origin: config.urls.focus, prefix: '' },
        habits: { origin: config.urls.habits, prefix: '' },
      },
      hasDashboard: false,
    },
    {
      name: 'gateway',
      describe: `through one gateway replica (${config.urls.gateway})`,
      targets: everywhere(config.urls.gateway),
      hasDashboard: true,
    },
    {
      name: 'chain',
      describe: `the chain from ${config.urls.chain} (BENCH_CHAIN_URL): load balancer → 2 gateways → services`,
      targets: everywhere(config.urls.chain),
      hasDashboard: true,
    },
  ]
  const unknown = config.variants.filter((name) => !all.some((variant) => variant.name === name))
  if (unknown.length > 0) throw new Error(`BENCH_VARIANTS: unknown ${unknown.join(', ')} (direct, gateway, chain)`)
  return all.filter((variant) => config.variants.includes(variant.name))
}
