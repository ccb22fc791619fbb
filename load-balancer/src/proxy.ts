import type { IncomingMessage, ServerResponse } from 'node:http'
import { pipeline } from 'node:stream/promises'
import { problemContentType, problemDocument } from '@focushub/shared/http/problem'
import { requestIdFrom } from '@focushub/shared/http/request-id'
import type { Logger } from 'pino'
import type { Dispatcher } from 'undici'
import { forwardable, upstreamHeaders } from './headers.ts'
import type { RoundRobin, Upstream } from './upstreams.ts'

const neverReachedUpstream = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENOTFOUND'])

function hasBody(request: IncomingMessage) {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0
}

export function sendProblem(res: ServerResponse, status: number, code: string, detail: string, requestId: string) {
  if (res.headersSent) return res.destroy()
  const body = JSON.stringify(problemDocument(status, code, detail, requestId))
  res.writeHead(status, { 'content-type': problemContentType, 'x-request-id': requestId })
  res.end(body)
}

async function forward(upstream: Upstream, request: IncomingMessage, res: ServerResponse, requestId: string) {
  const abort = new AbortController()
  res.once('close', () => {
    if (!res.writableFinished) abort.abort()
  })
  const response = await upstream.pool.request({
    method: request.method as Dispatcher.HttpMethod,
    path: request.url ?? '/',
    headers: upstreamHeaders(request.headers, {
      address: request.socket.remoteAddress ?? 'unknown',
      protocol: 'http',
      host: request.headers.host,
      requestId,
    }),
    body: hasBody(request) ? request : undefined,
    signal: abort.signal,
  })
  res.writeHead(response.statusCode, forwardable(response.headers as Record<string, string | string[]>))
  await pipeline(response.body, res)
  return response.statusCode
}

/** Sends the request to the next upstream in turn; one that was never reached passes it on. */
export function createProxyHandler(balancer: RoundRobin, log: Logger) {
  return async (request: IncomingMessage, res: ServerResponse) => {
    const requestId = requestIdFrom(request)
    const started = performance.now()
    const replayable = !hasBody(request)
    for (const upstream of balancer.order()) {
      upstream.inFlight++
      upstream.requests++
      try {
        const status = await forward(upstream, request, res, requestId)
        log.info(
          {
            requestId,
            method: request.method,
            url: request.url,
            status,
            upstream: upstream.url,
            ms: Math.round(performance.now() - started),
          },
          'proxied',
        )
        return
      } catch (error) {
        const code = (error as { code?: string }).code ?? ''
        upstream.failures++
        if (!res.headersSent && replayable && neverReachedUpstream.has(code)) continue
        if (res.destroyed) return
        log.warn({ requestId, upstream: upstream.url, err: (error as Error).message }, 'upstream failed')
        return sendProblem(res, 502, 'bad-gateway', 'The upstream failed to answer', requestId)
      } finally {
        upstream.inFlight--
      }
    }
    log.warn({ requestId, url: request.url }, 'no upstream reachable')
    sendProblem(res, 503, 'service-unavailable', 'No upstream is reachable', requestId)
  }
}
