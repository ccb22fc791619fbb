import { type FastifyReply, type FastifyRequest, LogController } from 'fastify'

/**
 * One access line per request where Fastify writes two (incoming, then completed): the request's
 * fields move into the completed line, so the gateway serializes and writes one line, not two, on
 * every proxied request. Every other line Fastify writes is unchanged.
 */
export class AccessLogController extends LogController {
  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (this.isLogDisabled(request)) return
    const line = { req: request, res: reply, responseTime: reply.elapsedTime }
    if (error) reply.log.error({ ...line, err: error }, 'request errored')
    else reply.log.info(line, 'request completed')
  }
}
