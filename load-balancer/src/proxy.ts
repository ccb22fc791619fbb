import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { problemContentType, problemDocument } from '@focushub/shared/http/problem'
import { requestIdFrom } from '@focushub/shared/http/request-id'
import type { Logger } from 'pino'
import type { Dispatcher } from 'undici'
import type { Balancer } from './balancer.ts'
import { forwardable, upstreamHeaders } from './headers.ts'
import { RequestBody } from './request-body.ts'
import type { RetryBudget } from './retry-budget.ts'
import { statusClass, type Totals } from './totals.ts'
import type { Upstream } from './upstreams.ts'

/** undici's and the system's codes for a request that never left this process. */
const neverReachedUpstream = new Set([
  'ECONNREFUSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CLOSED',
])
const timedOut = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])
const idempotentMethods = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE'])

export interface ProxyContext {
  balancer: Balancer
  budget: RetryBudget
  totals: Totals
  log: Logger
  accessLog: boolean
  retryBufferBytes: number
}

export function sendProblem(res: ServerResponse, status: number, code: string, detail: string, requestId: string) {
  if (res.headersSent) return res.destroy()
  const body = JSON.stringify(problemDocument(status, code, detail, requestId))
  const headers: Record<string, string> = { 'content-type': problemContentType, 'x-request-id': requestId }
  if (status === 503) headers['retry-after'] = '1'
  res.writeHead(status, headers)
  res.end(body)
}

type Attempt = { ok: true; response: Dispatcher.ResponseData } | { ok: false; error: Error & { code?: string } }

async function attempt(
  upstream: Upstream,
  request: IncomingMessage,
  body: RequestBody,
  signal: AbortSignal,
  requestId: string,
): Promise<Attempt> {
  try {
    const response = await upstream.pool.request({
      method: request.method as Dispatcher.HttpMethod,
      path: request.url ?? '/',
      headers: upstreamHeaders(request.headers, {
        address: request.socket.remoteAddress ?? 'unknown',
        protocol: 'http',
        host: request.headers.host,
        requestId,
      }),
      // undici sends async iterables as they are pulled; its types only name Readable.
      body: body.source() as Readable | Buffer | undefined,
      signal,
    })
    return { ok: true, response }
  } catch (error) {
    return { ok: false, error: error as Error & { code?: string } }
  }
}

/**
 * Sends each request to the next upstream by weight. One that never reached an upstream goes
 * to the next, whatever its method; one that did is retried once, within the retry budget, only
 * when repeating it is harmless (an idempotent method or an Idempotency-Key) and its body can be
 * sent again.
 */
export function createProxyHandler(context: ProxyContext) {
  const { balancer, budget, totals, log } = context
  return async (request: IncomingMessage, res: ServerResponse) => {
    const requestId = requestIdFrom(request)
    const started = performance.now()
    const retriable = idempotentMethods.has(request.method ?? '') || request.headers['idempotency-key'] !== undefined
    const body = new RequestBody(request, retriable ? context.retryBufferBytes : 0)
    const abort = new AbortController()
    res.once('close', () => {
      if (!res.writableFinished) abort.abort()
    })
    totals.requests++
    totals.inFlight++
    budget.request()
    const tried = new Set<Upstream>()
    let retriedAfterSend = false
    let outcome = { status: 0, upstream: '' }
    const retryAfterSend = () => {
      const another = balancer.upstreams.some((u) => !u.draining && !tried.has(u))
      if (!retriable || retriedAfterSend || !another || !body.resendable || !budget.tryRetry()) return false
      retriedAfterSend = true
      totals.retries++
      return true
    }

    try {
      for (;;) {
        const upstream = balancer.pick(tried)
        if (!upstream) {
          totals.noUpstream++
          outcome = { status: 503, upstream: '' }
          return sendProblem(res, 503, 'service-unavailable', 'No upstream is reachable', requestId)
        }
        tried.add(upstream)
        upstream.requests++
        upstream.inFlight++
        try {
          const result = await attempt(upstream, request, body, abort.signal, requestId)
          if (!result.ok) {
            if (abort.signal.aborted) return
            const code = result.error.code ?? ''
            balancer.failed(upstream)
            log.warn({ requestId, upstream: upstream.url, code, err: result.error.message }, 'upstream failed')
            if (neverReachedUpstream.has(code) && body.resendable) continue
            if (!timedOut.has(code) && retryAfterSend()) continue
            outcome = { status: timedOut.has(code) ? 504 : 502, upstream: upstream.url }
            return timedOut.has(code)
              ? sendProblem(res, 504, 'gateway-timeout', 'The upstream did not answer in time', requestId)
              : sendProblem(res, 502, 'bad-gateway', 'The upstream failed to answer', requestId)
          }

          const { response } = result
          const status = response.statusCode
          upstream.latency.record((performance.now() - started) / 1000)
          upstream.responses[statusClass(status)]++
          if (status >= 500) balancer.failed(upstream)
          else balancer.succeeded(upstream)
          if ((status === 502 || status === 503) && retryAfterSend()) {
            await response.body.dump().catch(() => {})
            continue
          }
          outcome = { status, upstream: upstream.url }
          res.writeHead(status, forwardable(response.headers as Record<string, string | string[]>))
          try {
            await pipeline(response.body, res)
          } catch (error) {
            if (abort.signal.aborted) return
            balancer.failed(upstream)
            log.warn({ requestId, upstream: upstream.url, err: (error as Error).message }, 'response cut short')
            res.destroy()
          }
          return
        } finally {
          upstream.inFlight--
        }
      }
    } finally {
      totals.inFlight--
      const seconds = (performance.now() - started) / 1000
      if (abort.signal.aborted && !res.writableFinished) totals.clientAborts++
      else {
        totals.latency.record(seconds)
        totals.responses[statusClass(outcome.status)]++
      }
      if (context.accessLog)
        log.info(
          {
            requestId,
            method: request.method,
            url: request.url,
            status: abort.signal.aborted ? 499 : outcome.status,
            upstream: outcome.upstream,
            attempts: tried.size,
            ms: Math.round(seconds * 1000),
          },
          'proxied',
        )
    }
  }
}
