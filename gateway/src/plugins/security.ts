import type { IncomingMessage, ServerResponse } from 'node:http'
import cors from '@fastify/cors'
import { compile } from '@fastify/proxy-addr'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import helmet from 'helmet'

export interface SecurityOptions {
  /** Browser origins (the SPA) allowed to call the API; none when empty. */
  corsOrigins: string[]
}

const helmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  crossOriginEmbedderPolicy: false,
} as const

/**
 * Fastify's `trustProxy` for the trusted hops (addresses and CIDRs, as proxy-addr reads them), with
 * its answer kept per address: proxy-addr parses the address again on every call, and request.ip and
 * request.host call it for every hop of every request (the access line names both). The addresses
 * are the hops' and clients', so at most `remembered` are kept; past that the memory starts over.
 */
export function trustedProxies(list: string[], remembered = 4096): (address: string, hop: number) => boolean {
  const trusted = compile(list)
  const known = new Map<string, boolean>()
  return (address, hop) => {
    let answer = known.get(address)
    if (answer === undefined) {
      answer = trusted(address, hop)
      if (known.size >= remembered) known.clear()
      known.set(address, answer)
    }
    return answer
  }
}

/**
 * The headers helmet sets, found once by running its middleware against a stand-in response: they
 * depend on nothing in the request. Set per request on the reply, they leave with the answer's own
 * headers in one writeHead; helmet's setHeader calls cost a dozen validated writes per request.
 */
export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {}
  const response = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value)
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()]
    },
  }
  helmet(helmetOptions)({} as IncomingMessage, response as unknown as ServerResponse, () => {})
  return headers
}

/**
 * Security headers fit for a JSON API (a deny-all CSP: no JSON answer is a page; the docs page
 * sets its own) and CORS for the configured origins only.
 */
export const securityPlugin = fp(
  async (app: FastifyInstance, options: SecurityOptions) => {
    // Computed once: @fastify/helmet rebuilds helmet's middleware, parsing the CSP again, per request.
    const headers = securityHeaders()
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers)
      done()
    })
    if (options.corsOrigins.length === 0) return
    await app.register(cors, {
      origin: options.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match', 'x-request-id'],
      exposedHeaders: [
        'x-request-id',
        'etag',
        'location',
        'retry-after',
        'ratelimit-limit',
        'ratelimit-remaining',
        'ratelimit-reset',
      ],
      maxAge: 600,
    })
  },
  { name: 'focushub-gateway-security' },
)
