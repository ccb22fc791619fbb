import type { IncomingHttpHeaders } from 'node:http'
import { relaysTraceHeaders, traceHeaderNames } from '@focushub/shared/tracing'

/** RFC 9110 §7.6.1: meaningful for one connection only, never forwarded. */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
])

/** The names a Connection header lists, beyond the hop-by-hop ones every message loses anyway. */
function listedIn(connection: string | string[] | undefined): Set<string> | undefined {
  if (connection === undefined) return undefined
  const value = String(connection).toLowerCase()
  // The usual values name nothing more: skip building a set for every message.
  if (value === 'keep-alive' || value === 'close') return undefined
  return new Set(value.split(',').map((name) => name.trim()))
}

/**
 * The trace's headers as NGINX sent them: the balancer's own client span's replace them (traceHeaderNames),
 * unless the trace is unsampled: then nothing does, and they go on as they came.
 */
const traceHeaders = traceHeaderNames()

export function forwardable(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const listed = listedIn(headers.connection)
  const dropped = relaysTraceHeaders(headers.traceparent) ? undefined : traceHeaders
  const kept: Record<string, string | string[]> = {}
  for (const name in headers) {
    const value = headers[name]
    if (value === undefined || hopByHop.has(name) || listed?.has(name) || dropped?.has(name)) continue
    kept[name] = value
  }
  return kept
}

export interface ClientInfo {
  address: string
  protocol: 'http' | 'https'
  host: string | undefined
  requestId: string
}

/** Appends this hop to X-Forwarded-For and keeps earlier -Proto/-Host values. */
export function upstreamHeaders(headers: IncomingHttpHeaders, client: ClientInfo) {
  const forwarded = forwardable(headers)
  const priorFor = headers['x-forwarded-for']
  forwarded['x-forwarded-for'] = priorFor ? `${priorFor}, ${client.address}` : client.address
  forwarded['x-forwarded-proto'] = headers['x-forwarded-proto'] ?? client.protocol
  if (client.host) forwarded['x-forwarded-host'] = headers['x-forwarded-host'] ?? client.host
  forwarded['x-request-id'] = client.requestId
  return forwarded
}
