import type { IncomingHttpHeaders } from 'node:http'

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

export function forwardable(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const listed = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase()),
  )
  const kept: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || hopByHop.has(name) || listed.has(name)) continue
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
