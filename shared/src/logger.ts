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
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  )
  // A quiet buffered log still shows its lines within a second.
  if (destination) setInterval(() => logger.flush(), 1000).unref()
  return logger
}
