import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { errors } from '@focushub/shared/errors'
import { counterIn, metricsPluginName } from '@focushub/shared/metrics'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { gatewayError } from '../errors.ts'
import { createOutageNotice } from '../modules/edge/outage-notice.ts'
import type { HeldClaim, IdempotencyStore, StoredResponse } from '../modules/idempotency/idempotency.store.ts'
import { servicePathOf } from '../upstreams.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * preHandler step of a proxied POST carrying Idempotency-Key: claims the key, or answers a
     * retry from the first request's stored answer. Resolves true when it answered.
     */
    applyIdempotencyKey: (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>
  }
}

export interface IdempotencyOptions {
  store: IdempotencyStore
  /** Larger answers are not kept (the key is freed; a retry runs again). */
  maxStoredBytes: number
  whenRedisDown: 'serve' | 'refuse'
  /**
   * How long a retry waits for a first request still running with its key, before answering 409:
   * its answer is then replayed, or, when its gateway died and the lease lapsed, the retry takes the
   * key over (and the service, which keeps the key with the write, does not apply it twice).
   */
  waitMs: number
}

interface Claimed {
  held: HeldClaim
  renewal: NodeJS.Timeout
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const wellFormedKey = /^[\x21-\x7e]{1,255}$/
const replayedHeaders = ['content-type', 'location', 'etag', 'last-modified', 'cache-control', 'content-language']

async function bytesOf(payload: unknown): Promise<Buffer> {
  if (payload === null || payload === undefined) return Buffer.alloc(0)
  if (Buffer.isBuffer(payload)) return payload
  if (typeof payload === 'string') return Buffer.from(payload)
  const chunks: Buffer[] = []
  for await (const chunk of payload as Readable) chunks.push(Buffer.from(chunk))
  return Buffer.concat(chunks)
}

function storedResponse(reply: FastifyReply, body: Buffer): StoredResponse {
  const headers: Record<string, string> = {}
  for (const name of replayedHeaders) {
    const value = reply.getHeader(name)
    if (value !== undefined) headers[name] = String(value)
  }
  return { status: reply.statusCode, headers, body: body.toString('base64') }
}

/**
 * Idempotency-Key (DESIGN §3) for every proxied POST of a signed-in user, at the edge so every
 * service has it: a retry with the same key and the same request gets the first answer, the same
 * key with another request answers 422, and a retry while the first still runs waits for its answer
 * (up to `waitMs`, then 409). Answers of 5xx and 429 are not kept: a retry runs again. The services
 * keep the key with the write itself (shared/src/events/idempotent-writes.ts), so a retry whose first
 * attempt died after its commit — with its gateway or its service process — is not applied twice. The identity routes (`/auth/…`) are never covered, signed in or
 * not: their answers carry tokens, which are never stored. Paths arrive here in their one canonical
 * spelling (modules/edge/canonical-path.ts), so no other spelling of those routes is stored either.
 */
export const idempotencyPlugin = fp(
  async (app: FastifyInstance, options: IdempotencyOptions) => {
    const claims = new WeakMap<FastifyRequest, Claimed>()
    const storeDown = createOutageNotice(app.log, 'idempotency keys unavailable (Redis down): POSTs served without')
    const outcomes = counterIn(app.metrics, {
      name: 'gateway_idempotency_outcomes_total',
      help:
        'POSTs with an Idempotency-Key: claimed (first), replayed (stored answer), waited (for a first ' +
        'still running, then replayed or took over), in_use (409), mismatch (422), unavailable (Redis down)',
      labelNames: ['outcome'],
    })

    /** Claims the key, waiting (backing off up to 400 ms) while another request holds it. */
    async function claimOrWait(scope: string, key: string, fingerprint: string) {
      const deadline = Date.now() + options.waitMs
      for (let wait = 50, waited = false; ; wait = Math.min(wait * 2, 400), waited = true) {
        const result = await options.store.claim(scope, key, fingerprint)
        if (result.outcome !== 'in-progress' || Date.now() + wait > deadline) return { ...result, waited }
        await pause(wait)
      }
    }

    function outcomeOf(result: Awaited<ReturnType<typeof claimOrWait>>) {
      if (result.outcome === 'in-progress') return 'in_use'
      if (result.outcome === 'mismatch') return 'mismatch'
      if (result.waited) return 'waited'
      return result.outcome === 'replay' ? 'replayed' : 'claimed'
    }

    function hold(request: FastifyRequest, reply: FastifyReply, held: HeldClaim) {
      const renewal = setInterval(() => options.store.renew(held).catch(storeDown), options.store.leaseMs / 3)
      claims.set(request, { held, renewal: renewal.unref() })
      // A request whose client went away before its answer stops renewing too; its lease then lapses.
      reply.raw.once('close', () => letGo(request))
    }

    function letGo(request: FastifyRequest) {
      const claimed = claims.get(request)
      if (claimed) clearInterval(claimed.renewal)
      claims.delete(request)
      return claimed
    }

    async function claim(
      request: FastifyRequest,
      reply: FastifyReply,
      scope: string,
      key: string,
      fingerprint: string,
    ) {
      let result: Awaited<ReturnType<typeof claimOrWait>>
      try {
        result = await claimOrWait(scope, key, fingerprint)
      } catch (error) {
        outcomes.inc({ outcome: 'unavailable' })
        if (options.whenRedisDown === 'refuse') throw errors.unavailable('Idempotency keys are unavailable', 5)
        storeDown(error)
        return false
      }
      outcomes.inc({ outcome: outcomeOf(result) })
      if (result.outcome === 'claimed') hold(request, reply, result.held)
      if (result.outcome === 'in-progress') {
        throw gatewayError('idempotency-key-in-use', 'A request with this Idempotency-Key is still running', {
          headers: { 'retry-after': '1' },
        })
      }
      if (result.outcome === 'mismatch') {
        throw errors.idempotencyKeyReused()
      }
      if (result.outcome !== 'replay') return false
      const { status, headers, body } = result.response
      await reply.code(status).headers(headers).header('idempotent-replayed', 'true').send(Buffer.from(body, 'base64'))
      return true
    }

    app.decorate('applyIdempotencyKey', async (request: FastifyRequest, reply: FastifyReply) => {
      const key = request.headers['idempotency-key']
      if (request.method !== 'POST' || key === undefined || !request.user) return false
      if (servicePathOf(request.url).startsWith('/auth/')) return false
      if (typeof key !== 'string' || !wellFormedKey.test(key)) {
        throw gatewayError('invalid-idempotency-key', 'Idempotency-Key must be 1 to 255 visible ASCII characters')
      }
      const body = request.body ? await bytesOf(request.body) : Buffer.alloc(0)
      if (request.body) request.body = Readable.from([body])
      const fingerprint = createHash('sha256').update(`${request.method} ${request.url}\n`).update(body).digest('hex')
      return claim(request, reply, request.user.userId, key, fingerprint)
    })

    async function complete(reply: FastifyReply, held: HeldClaim, payload: unknown) {
      const body = await bytesOf(payload)
      const keep = reply.statusCode < 500 && reply.statusCode !== 429 && body.length <= options.maxStoredBytes
      try {
        if (keep) await options.store.complete(held, storedResponse(reply, body))
        else await options.store.release(held)
      } catch (error) {
        storeDown(error)
      }
      reply.removeHeader('transfer-encoding')
      return body
    }

    // Every answer passes here, most with no claim: synchronous, so those cost no promise.
    app.addHook('onSend', (request, reply, payload, done) => {
      const claimed = letGo(request)
      if (!claimed) return done(null, payload)
      complete(reply, claimed.held, payload).then((body) => done(null, body), done)
    })
  },
  { name: 'focushub-gateway-idempotency', dependencies: [metricsPluginName, 'focushub-gateway-authentication'] },
)
