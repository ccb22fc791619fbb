import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import type { ServiceName } from '../../upstreams.ts'
import { chainHealth } from './health.service.ts'

const State = Type.Union([Type.Literal('up'), Type.Literal('degraded'), Type.Literal('down')])

const ChainHealth = Type.Object({
  status: State,
  gateway: Type.Object({ status: Type.Literal('up'), instance: Type.String() }),
  services: Type.Record(
    Type.String(),
    Type.Object({ status: State, down: Type.Optional(Type.Array(Type.String())), error: Type.Optional(Type.String()) }),
  ),
})

export interface ChainHealthOptions {
  services: Record<ServiceName, string>
  instance: string
  timeoutMs?: number
}

/** GET /api/v1/health: the whole chain as a client sees it (NGINX serves it as /health). */
export async function healthRoutes(app: FastifyInstance, options: ChainHealthOptions) {
  app.get(
    '/api/v1/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Health of the whole chain: this gateway and every service',
        response: { 200: ChainHealth, 503: ChainHealth },
      },
      logLevel: 'warn',
    },
    async (_request, reply) => {
      const { status, services } = await chainHealth(options.services, options.timeoutMs ?? 2000)
      const body = { status, gateway: { status: 'up' as const, instance: options.instance }, services }
      return reply.code(status === 'down' ? 503 : 200).send(body)
    },
  )
}
