import { AppError, errors } from '@focushub/shared/errors'
import { gatewayError } from '../../errors.ts'

const unreachable = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
])

interface UpstreamFailure extends Error {
  statusCode?: number
  code?: string
  cause?: unknown
}

const codeOf = (error: UpstreamFailure) => (error.cause as { code?: string } | undefined)?.code ?? error.code

/** True when no connection to the upstream could be made or kept: counts towards opening its circuit. */
export const isConnectionFailure = (error: UpstreamFailure) => unreachable.has(codeOf(error) ?? '')

export const bodyTooLarge = (limit: number) =>
  gatewayError('payload-too-large', `The request body exceeds ${limit} bytes`)

/** Maps a failed upstream call to 502 (refused, reset) or 504 (timed out), as problem+json. */
export function upstreamError(service: string, error: UpstreamFailure): AppError {
  if (error instanceof AppError) return error
  if (error.cause instanceof AppError) return error.cause
  if (error.statusCode === 504) return errors.gatewayTimeout(`${service} did not answer in time`)
  if (isConnectionFailure(error)) return errors.badGateway(`${service} is unreachable`)
  return errors.badGateway(`${service} failed to answer`)
}

/** 503 with Retry-After while an upstream's circuit is open. */
export const upstreamDown = (service: string, retryAfterMs: number) =>
  errors.unavailable(`${service} is down; try again shortly`, Math.max(1, Math.ceil(retryAfterMs / 1000)))
