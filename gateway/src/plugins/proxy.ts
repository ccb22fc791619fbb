import proxy from '@fastify/http-proxy'
import { AppError, errors, sendProblem } from '@focushub/shared'
import type { FastifyInstance, FastifyReply } from 'fastify'
import fp from 'fastify-plugin'
import { publicRoutes, type ServiceName } from '../upstreams.ts'

export interface ProxyOptions {
  services: Record<ServiceName, string>
  timeoutMs: number
}

const unreachable = new Set(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'])

/** Maps a failed upstream call to 502 (refused, reset) or 504 (timed out), as problem+json. */
export function upstreamError(service: string, error: Error & { statusCode?: number; cause?: unknown }): AppError {
  const cause = (error.cause ?? {}) as { code?: string }
  if (error.statusCode === 504) return errors.gatewayTimeout(`${service} did not answer in time`)
  if (cause.code && unreachable.has(cause.code)) return errors.badGateway(`${service} is unreachable`)
  return errors.badGateway(`${service} failed to answer`)
}

/** Client-sent identity headers never reach a service: identity comes only from a verified token. */
export function withoutIdentityHeaders(headers: Record<string, unknown>) {
  const kept: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (!name.toLowerCase().startsWith('x-user-')) kept[name] = value
  }
  return kept
}

export const proxyPlugin = fp(
  async (app: FastifyInstance, options: ProxyOptions) => {
    for (const route of publicRoutes) {
      await app.register(proxy, {
        upstream: options.services[route.service],
        prefix: `/api/v1${route.path}`,
        rewritePrefix: route.path,
        undici: { connections: 64, pipelining: 1, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs },
        replyOptions: {
          rewriteRequestHeaders: (request, headers) => ({
            ...withoutIdentityHeaders(headers),
            'x-request-id': request.id,
          }),
          onError: (reply, { error }) => {
            sendProblem(reply as FastifyReply, error instanceof AppError ? error : upstreamError(route.service, error))
          },
        },
      })
    }
  },
  { name: 'focushub-proxy' },
)
