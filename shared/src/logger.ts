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

const decode = (text: string) =>
  text.includes('%') ? text.replace(escaped, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : text

const mayNameToken = /oken|%/i
/** A `token` query parameter (an e-mail's unsubscribe link), however its name is spelled: its value is a credential. */
const redactQuery = (query: string) =>
  !mayNameToken.test(query)
    ? query
    : query
        .split('&')
        .map((part) => {
          const equals = part.indexOf('=')
          const name = equals === -1 ? part : part.slice(0, equals)
          return decode(name.replaceAll('+', ' ')).toLowerCase() === 'token' ? `${name}=[redacted]` : part
        })
        .join('&')

/**
 * A URL as logged: a public share link's token, and a `token` query parameter, are replaced by
 * [redacted]. Matched on the path (the parameter's name) with its escapes decoded and in any case, so
 * no other spelling carries the token into a log; such a path is logged decoded. Linear in the URL's length.
 */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?')
  const path = queryAt === -1 ? url : url.slice(0, queryAt)
  const query = queryAt === -1 ? '' : `?${redactQuery(url.slice(queryAt + 1))}`
  const decoded = decode(path)
  if (!publicLinkTail.test(decoded)) return path + query
  return decoded.replace(publicLinkTail, '/public/[redacted]') + query
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
