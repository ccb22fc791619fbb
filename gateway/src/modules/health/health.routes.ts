import { AppError } from '@focushub/shared/errors'
import { problems, routeScope } from '@focushub/shared/http'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { HealthView } from './health.view.ts'

const State = Type.Union([Type.Literal('up'), Type.Literal('degraded'), Type.Literal('down')])

const ChainHealth = Type.Object({
  status: State,
  checkedAt: Type.String({ format: 'date-time' }),
  gateway: Type.Object({ status: Type.Literal('up'), instance: Type.String() }),
  services: Type.Record(Type.String(), Type.Object({ status: State, down: Type.Optional(Type.Array(Type.String())) })),
})

export interface ChainHealthOptions {
  view: HealthView
  /** This replica's name in answers: random, minted at start, so no internal address is shown. */
  instance: string
}

/** The caller's budget, as on every anonymous route; a rate limiter without Redis does not hide the answer. */
async function limitRate(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
  try {
    await app.limitRate(request, reply)
  } catch (error) {
    if (!(error instanceof AppError && error.status === 503)) throw error
  }
}

/**
 * GET /api/v1/health: the whole chain as a client sees it (NGINX serves it as /health and /ready),
 * from the shared view, counted against the caller's rate-limit budget like any anonymous route.
 */
export async function healthRoutes(app: FastifyInstance, options: ChainHealthOptions) {
  routeScope(app, {
    tags: ['health'],
    access: { onRequest: (request, reply) => limitRate(app, request, reply), security: [] },
  })
  app.get(
    '/api/v1/health',
    {
      schema: {
        summary: 'Health of the whole chain: this gateway and every service, as of `checkedAt`',
        response: { 200: ChainHealth, 503: ChainHealth, ...problems(400, 429) },
      },
      logLevel: 'warn',
    },
    async (_request, reply) => {
      const { status, checkedAt, services } = await options.view.current()
      const body = { status, checkedAt, gateway: { status: 'up' as const, instance: options.instance }, services }
      return reply.code(status === 'down' ? 503 : 200).send(body)
    },
  )
}
