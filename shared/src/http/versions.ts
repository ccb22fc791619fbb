import type { FastifyInstance, FastifyRequest } from 'fastify'
import { errors } from '../errors.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The version `If-Match` names ("3", W/"3" or 3) on a route that declares the header; undefined when absent or `*`. */
    ifMatchVersion: number | undefined
  }
}

export const etagOf = (version: number) => `"${version}"`

/** The version an If-Match header names, undefined for `*`; 400 when it names none. */
export function parseIfMatch(ifMatch: string): number | undefined {
  if (ifMatch.trim() === '*') return undefined
  const match = /^(?:W\/)?"?(\d{1,10})"?$/.exec(ifMatch.trim())
  if (!match)
    throw errors.validation('If-Match must name a version', [
      { field: '/headers/if-match', message: 'is not a version' },
    ])
  return Number(match[1])
}

const declaresIfMatch = (request: FastifyRequest) => {
  const headers = request.routeOptions.schema?.headers as { properties?: Record<string, unknown> } | undefined
  return headers?.properties?.['if-match'] !== undefined
}

const readMethods = new Set(['GET', 'HEAD'])

/** `If-None-Match: "3", W/"4"` or `*` names the ETag. */
const namesEtag = (ifNoneMatch: string, etag: string) =>
  ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*')

/**
 * Conditional requests in one place, for every route: an answer (200/201) whose body carries a
 * `version` gets `ETag: "<version>"`; a GET whose If-None-Match names it answers 304 without a
 * body; on a route that declares the If-Match header (IfMatchHeaders) the version it names is
 * `request.ifMatchVersion` (400 when it names none), which a body's `version` overrides.
 */
export function registerConditionalRequests(app: FastifyInstance) {
  app.decorateRequest('ifMatchVersion', undefined)
  app.addHook('preHandler', async (request) => {
    const ifMatch = request.headers['if-match']
    if (ifMatch !== undefined && declaresIfMatch(request)) request.ifMatchVersion = parseIfMatch(ifMatch)
  })
  app.addHook('preSerialization', async (_request, reply, payload: unknown) => {
    const version = (payload as { version?: unknown } | null)?.version
    if ((reply.statusCode === 200 || reply.statusCode === 201) && Number.isInteger(version)) {
      reply.header('etag', etagOf(version as number))
    }
    return payload
  })
  app.addHook('onSend', async (request, reply, payload) => {
    const etag = reply.getHeader('etag')
    const ifNoneMatch = request.headers['if-none-match']
    if (reply.statusCode !== 200 || typeof payload !== 'string' || typeof etag !== 'string' || !ifNoneMatch) return
    if (!readMethods.has(request.method) || !namesEtag(ifNoneMatch, etag)) return
    reply.code(304).removeHeader('content-type').removeHeader('content-length')
    return null
  })
}
