import { request as httpRequest, type IncomingMessage, STATUS_CODES } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { problemContentType, problemDocument } from '@focushub/shared/http/problem'
import { redactUrl } from '@focushub/shared/logger'
import type { Logger } from 'pino'
import type { Balancer } from './balancer.ts'
import { upstreamHeaders } from './headers.ts'
import { requestIdFrom } from './request-id.ts'
import type { Totals } from './totals.ts'
import type { Upstream } from './upstreams.ts'

export interface UpgradeContext {
  balancer: Balancer
  totals: Totals
  log: Logger
  connectTimeoutMs: number
  idleTimeoutMs: number
}

function head(status: number, rawHeaders: string[]) {
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`]
  for (let i = 0; i < rawHeaders.length; i += 2) lines.push(`${rawHeaders[i]}: ${rawHeaders[i + 1]}`)
  return `${lines.join('\r\n')}\r\n\r\n`
}

function refuse(socket: Duplex, status: number, code: string, detail: string, requestId: string) {
  const body = JSON.stringify(problemDocument(status, code, detail, requestId))
  const headers = ['content-type', problemContentType, 'content-length', String(Buffer.byteLength(body))]
  socket.end(head(status, [...headers, 'x-request-id', requestId, 'connection', 'close']) + body)
}

/** Joins client and upstream sockets; either side closing or idling past the bound closes both. */
function tunnel(client: Duplex, upstreamSocket: Duplex, upstream: Upstream, context: UpgradeContext) {
  const both = [client, upstreamSocket]
  upstream.tunnels.add(client)
  context.totals.tunnels++
  const close = () => {
    if (!upstream.tunnels.delete(client)) return
    context.totals.tunnels--
    for (const socket of both) socket.destroy()
  }
  for (const socket of both) {
    ;(socket as Partial<Socket>).setTimeout?.(context.idleTimeoutMs, close)
    socket.on('close', close)
    socket.on('error', close)
  }
  upstreamSocket.pipe(client)
  client.pipe(upstreamSocket)
}

/** WebSocket (and any other) upgrades: the handshake goes to an upstream by weight, then bytes flow both ways. */
export function createUpgradeHandler(context: UpgradeContext) {
  const { balancer, log } = context
  return (request: IncomingMessage, socket: Duplex, clientHead: Buffer) => {
    const requestId = requestIdFrom(request)
    const tried = new Set<Upstream>()
    socket.on('error', () => socket.destroy())

    const tryNext = () => {
      const upstream = balancer.pick(tried)
      if (!upstream) return refuse(socket, 503, 'service-unavailable', 'No upstream is reachable', requestId)
      tried.add(upstream)
      const url = new URL(upstream.url)
      const headers = upstreamHeaders(request.headers, {
        address: request.socket.remoteAddress ?? 'unknown',
        protocol: 'http',
        host: request.headers.host,
        requestId,
      })
      headers.connection = 'upgrade'
      headers.upgrade = request.headers.upgrade ?? 'websocket'
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest
      const upstreamRequest = send({
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.url,
        headers,
        agent: false,
        timeout: context.connectTimeoutMs,
      })
      let connected = false
      upstreamRequest.once('socket', (s) => s.once('connect', () => (connected = true)))
      upstreamRequest.on('timeout', () =>
        upstreamRequest.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
      )
      upstreamRequest.on('error', (error: Error & { code?: string }) => {
        balancer.failed(upstream)
        log.warn({ requestId, upstream: upstream.url, code: error.code, err: error.message }, 'upgrade failed')
        if (!connected && !socket.destroyed) return tryNext()
        refuse(socket, 502, 'bad-gateway', 'The upstream failed to answer', requestId)
      })
      upstreamRequest.on('response', (response) => {
        socket.write(head(response.statusCode ?? 502, response.rawHeaders))
        response.pipe(socket)
      })
      upstreamRequest.on('upgrade', (response, upstreamSocket, upstreamHead) => {
        upstreamRequest.setTimeout(0)
        balancer.succeeded(upstream)
        socket.write(head(response.statusCode ?? 101, response.rawHeaders))
        if (upstreamHead.length > 0) socket.write(upstreamHead)
        if (clientHead.length > 0) upstreamSocket.write(clientHead)
        tunnel(socket, upstreamSocket, upstream, context)
        log.info({ requestId, url: redactUrl(request.url ?? '/'), upstream: upstream.url }, 'upgraded')
      })
      upstreamRequest.end()
    }
    tryNext()
  }
}
