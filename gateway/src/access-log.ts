import { createLogger } from '@focushub/shared/logger'
import { unsampledTraceFields } from '@focushub/shared/tracing'
import { type FastifyBaseLogger, type FastifyReply, type FastifyRequest, LogController } from 'fastify'

/**
 * The logger of the access lines: buffered (written in the background, 4 KiB at a time, within a
 * second; a crash may lose the last few lines) and without the redaction pass, which walked every
 * line for its wildcard paths. Nothing on an access line needs it: the request is logged by the
 * shared `req` serializer (method, redacted URL, host, address; no headers) and the answer by its
 * status alone.
 */
export const createAccessLog = (level: string): FastifyBaseLogger =>
  createLogger('gateway', level, { buffered: true }).child({}, { redact: [] })

/**
 * One access line per request where Fastify writes two (incoming, then completed): the request's
 * fields move into the completed line, so the gateway serializes and writes one line, not two, on
 * every proxied request. A request that failed is logged by the application's logger, redacted and
 * at once; every other line Fastify writes is unchanged.
 */
export class AccessLogController extends LogController {
  readonly #lines: FastifyBaseLogger

  constructor(lines: FastifyBaseLogger) {
    super({ requestIdLogLabel: 'requestId' })
    this.#lines = lines
  }

  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (this.isLogDisabled(request)) return
    if (error) {
      reply.log.error({ req: request, res: reply, responseTime: reply.elapsedTime, err: error }, 'request errored')
      return
    }
    this.#lines.info(
      {
        requestId: request.id,
        // A traced request's trace ids come from the pino instrumentation; an unsampled one's from here.
        ...unsampledTraceFields(request.headers.traceparent),
        req: request,
        res: { statusCode: reply.statusCode },
        responseTime: reply.elapsedTime,
      },
      'request completed',
    )
  }
}
