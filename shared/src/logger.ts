import { type Logger, pino } from 'pino'

/** Paths never written to a log line, whatever logs them. */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
  '*.privateKey',
]

const escaped = /%([0-9A-Fa-f]{2})/g
/** Everything after a /public/ segment: a share link's token, which is itself the credential. */
const publicLinkTail = /\/public\/.*/is

/**
 * A URL as logged: a public share link's token is replaced by [redacted]. Matched on the path with
 * its escapes decoded and in any case, so no other spelling carries the token into a log; such a path
 * is logged decoded. Linear in the URL's length.
 */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?')
  const path = queryAt === -1 ? url : url.slice(0, queryAt)
  const decoded = path.includes('%')
    ? path.replace(escaped, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : path
  if (!publicLinkTail.test(decoded)) return url
  return decoded.replace(publicLinkTail, '/public/[redacted]') + (queryAt === -1 ? '' : url.slice(queryAt))
}

interface LoggedRequest {
  method: string
  url: string
  host?: string
  ip?: string
  headers?: Record<string, unknown>
  socket?: { remotePort?: number }
}

/** Fastify's request serializer, with the URL redacted: every service's and the gateway's request lines. */
const serializeRequest = (request: LoggedRequest) => ({
  method: request.method,
  url: typeof request.url === 'string' ? redactUrl(request.url) : request.url,
  version: request.headers?.['accept-version'],
  host: request.host,
  remoteAddress: request.ip,
  remotePort: request.socket?.remotePort,
})

export interface LoggerOptions {
  /**
   * Buffer lines and write them in the background: for a hot path such as an access log. A crash
   * may lose the last few lines.
   */
  buffered?: boolean
}

export function createLogger(service: string, level: string, options: LoggerOptions = {}): Logger {
  const destination = options.buffered ? pino.destination({ dest: 1, sync: false, minLength: 4096 }) : undefined
  const logger = pino(
    {
      level,
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: { req: serializeRequest },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  )
  // A quiet buffered log still shows its lines within a second.
  if (destination) setInterval(() => logger.flush(), 1000).unref()
  return logger
}
