import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import { AppError } from '../errors.ts'
import { relayedTraceHeaders } from '../tracing/index.ts'

/**
 * Service-to-service credentials for internal routes: each calling service has its own secret,
 * sent as HTTP Basic `<service>:<secret>`. User access tokens are never accepted there, so a
 * signed-in user cannot call an internal route even when they reach the service directly.
 */
const Secret = '[A-Za-z0-9_-]{16,128}'
const ServiceName = '[a-z][a-z0-9-]{0,62}'

/** The callee's list: who may call its internal routes, each with the secret it presents. */
export const InternalCallers = (fallback: string) =>
  Type.String({
    pattern: `^$|^${ServiceName}:${Secret}(,${ServiceName}:${Secret})*$`,
    default: fallback,
    description: 'comma-separated service:secret pairs (secrets of 16-128 characters A-Z a-z 0-9 _ -), or empty',
  })

/** The caller's own secret, the one the callee lists for it. */
export const InternalSecret = (fallback: string) =>
  Type.String({ pattern: `^${Secret}$`, default: fallback, description: '16-128 characters A-Z a-z 0-9 _ -' })

/** The Authorization header a service sends to another's internal routes. */
export const serviceAuthorization = (service: string, secret: string) =>
  `Basic ${Buffer.from(`${service}:${secret}`).toString('base64')}`

/** Thrown by `askInternal` when the callee cannot be reached or is too slow: no answer at all. */
export class InternalCallUnreachable extends Error {}

/**
 * A GET of another service's internal route with this service's credential (`serviceAuthorization`),
 * or with `body` a POST of it as JSON, given up after `timeoutMs`. Answers whatever the callee
 * answered; throws `InternalCallUnreachable` when there is no answer. Each caller decides what an
 * answer but 200 means to it.
 */
export async function askInternal(url: URL, options: { authorization: string; timeoutMs: number; body?: unknown }) {
  const post = options.body !== undefined
  try {
    return await fetch(url, {
      method: post ? 'POST' : 'GET',
      headers: {
        authorization: options.authorization,
        accept: 'application/json',
        ...(post && { 'content-type': 'application/json' }),
        ...relayedTraceHeaders(),
      },
      body: post ? JSON.stringify(options.body) : undefined,
      signal: AbortSignal.timeout(options.timeoutMs),
    })
  } catch (error) {
    throw new InternalCallUnreachable(`${url.origin}${url.pathname} cannot be reached: ${(error as Error).message}`)
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest()

const notAServiceCaller = (detail: string) =>
  new AppError(401, 'unauthorized', detail, { headers: { 'www-authenticate': 'Basic realm="focushub-internal"' } })

/**
 * An onRequest hook for internal routes: admits a request whose Basic credentials name a listed
 * service and its secret (compared in constant time), and answers 401 to anything else, an access
 * token included.
 */
export function requireServiceCaller(callers: string) {
  const secrets = new Map(
    callers
      .split(',')
      .filter(Boolean)
      .map((pair) => {
        const [service, secret] = pair.split(':')
        return [service, digest(secret)] as const
      }),
  )
  return async (request: FastifyRequest) => {
    const match = /^Basic +([A-Za-z0-9+/]+=*) *$/i.exec(request.headers.authorization ?? '')
    if (!match) throw notAServiceCaller('This internal route needs a service credential')
    const [service, ...rest] = Buffer.from(match[1], 'base64').toString().split(':')
    const expected = secrets.get(service) ?? digest(`unknown:${service}`)
    const matches = timingSafeEqual(expected, digest(rest.join(':')))
    if (!matches || !secrets.has(service)) throw notAServiceCaller('The service credential is not valid')
    request.log.debug({ caller: service }, 'internal route called')
  }
}
