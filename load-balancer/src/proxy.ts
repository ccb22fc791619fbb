import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Readable } from 'node:stream'
import { problemContentType, problemDocument } from '@focushub/shared/http/problem'
import { redactUrl } from '@focushub/shared/logger'
import { keepIfFailedOrSlow, unsampledTraceFields } from '@focushub/shared/tracing'
import type { Logger } from 'pino'
import type { Dispatcher } from 'undici'
import type { Balancer } from './balancer.ts'
import { type AttemptEnd, Exchange } from './exchange.ts'
import { upstreamHeaders } from './headers.ts'
import type { BalancerMetrics } from './observability.ts'
import { RequestBody } from './request-body.ts'
import { requestIdFrom } from './request-id.ts'
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
  metrics: BalancerMetrics
  log: Logger
  /** One line per proxied request; undefined when LB_ACCESS_LOG is off. */
  accessLog: Logger | undefined
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

/**
 * Sends each request to the next upstream by weight. One that never reached an upstream goes
 * to the next, whatever its method; one that did is retried once, within the retry budget, only
 * when repeating it is harmless (an idempotent method or an Idempotency-Key) and its body can be
 * sent again.
 */
export function createProxyHandler(context: ProxyContext) {
  const { balancer, budget, totals, metrics, log } = context
  return async (request: IncomingMessage, res: ServerResponse) => {
    const requestId = requestIdFrom(request)
    const started = performance.now()
    const method = request.method ?? 'GET'
    const retriable = idempotentMethods.has(method) || request.headers['idempotency-key'] !== undefined
    const body = new RequestBody(request, retriable ? context.retryBufferBytes : 0)
    const exchange = new Exchange(res)
    res.once('close', () => {
      if (!res.writableFinished) exchange.clientLeft()
    })
    totals.requests++
    totals.inFlight++
    budget.request()
    const headers = upstreamHeaders(request.headers, {
      address: request.socket.remoteAddress ?? 'unknown',
      protocol: 'http',
      host: request.headers.host,
      requestId,
    })
    const tried = new Set<Upstream>()
    let retriedAfterSend = false
    let status = 0
    let answeredBy = ''
    const retryAfterSend = () => {
      if (!retriable || retriedAfterSend || !body.resendable) return false
      if (!balancer.upstreams.some((u) => !u.draining && !tried.has(u)) || !budget.tryRetry()) return false
      retriedAfterSend = true
      totals.retries++
      return true
    }
    let upstream: Upstream | undefined
    /** Counts the status for the upstream's health and tells whether to drop it for another try. */
    const onStatus = (answer: number) => {
      const current = upstream as Upstream
      const seconds = (performance.now() - started) / 1000
      current.latency.record(seconds)
      metrics.upstreamAnswered(current, seconds)
      current.responses[statusClass(answer)]++
      if (answer >= 500) balancer.failed(current)
      else balancer.succeeded(current)
      return (answer === 502 || answer === 503) && retryAfterSend()
    }

    try {
      for (;;) {
        if (exchange.clientGone) return
        upstream = balancer.pick(tried)
        if (!upstream) {
          totals.noUpstream++
          status = 503
          return sendProblem(res, 503, 'service-unavailable', 'No upstream is reachable', requestId)
        }
        tried.add(upstream)
        upstream.requests++
        upstream.inFlight++
        const sent = {
          method: method as Dispatcher.HttpMethod,
          path: request.url ?? '/',
          headers,
          // undici sends async iterables as they are pulled; its types only name Readable.
          body: body.source() as Readable | Buffer | undefined,
        }
        let end: AttemptEnd
        try {
          end = await exchange.attempt(upstream.pool, sent, onStatus)
        } finally {
          upstream.inFlight--
        }
        if (end.kind === 'discarded') continue
        if (end.kind === 'answered') {
          status = end.status
          answeredBy = upstream.url
          if (end.cut && !exchange.clientGone) {
            balancer.failed(upstream)
            log.warn({ requestId, upstream: upstream.url, err: end.cut.message }, 'response cut short')
          }
          return
        }
        if (exchange.clientGone) return
        const code = end.error.code ?? ''
        balancer.failed(upstream)
        log.warn({ requestId, upstream: upstream.url, code, err: end.error.message }, 'upstream failed')
        if (neverReachedUpstream.has(code) && body.resendable) continue
        if (!timedOut.has(code) && retryAfterSend()) continue
        status = timedOut.has(code) ? 504 : 502
        answeredBy = upstream.url
        return timedOut.has(code)
          ? sendProblem(res, 504, 'gateway-timeout', 'The upstream did not answer in time', requestId)
          : sendProblem(res, 502, 'bad-gateway', 'The upstream failed to answer', requestId)
      }
    } finally {
      totals.inFlight--
      const seconds = (performance.now() - started) / 1000
      if (exchange.clientGone) totals.clientAborts++
      else {
        totals.latency.record(seconds)
        metrics.answered(seconds)
        totals.responses[statusClass(status)]++
        keepIfFailedOrSlow(request.headers.traceparent, {
          method,
          path: request.url ?? '/',
          status,
          milliseconds: seconds * 1000,
        })
      }
      if (context.accessLog)
        context.accessLog.info(
          {
            requestId,
            ...unsampledTraceFields(request.headers.traceparent),
            method,
            url: redactUrl(request.url ?? '/'),
            status: exchange.clientGone ? 499 : status,
            upstream: answeredBy,
            attempts: tried.size,
            ms: Math.round(seconds * 1000),
          },
          'proxied',
        )
    }
  }
}
