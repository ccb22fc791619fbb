import type { FastifyReply } from 'fastify'
import type { Transport } from './live.connection.ts'
import { type EndReason, endDetails, sseMessage } from './live-event.ts'

/** Server-Sent Events over the hijacked reply: the headers the app set (request id, security) are kept. */
export function sseTransport(reply: FastifyReply, retryMs: number): Transport {
  reply.hijack()
  const response = reply.raw
  response.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    // Tells NGINX (and proxies that honour it) not to buffer the stream.
    'x-accel-buffering': 'no',
  })
  response.socket?.setNoDelay(true)
  response.write(`retry: ${retryMs}\n\n`)
  return {
    event: (id, json) => response.write(sseMessage({ id, data: json })),
    control: (name, data) => response.write(sseMessage({ event: name, data })),
    heartbeat: () => {
      response.write(': heartbeat\n\n')
      return !response.destroyed
    },
    buffered: () => response.writableLength,
    end: (reason: EndReason) =>
      response.end(sseMessage({ event: reason, data: JSON.stringify({ detail: endDetails[reason] }) })),
    destroy: () => response.destroy(),
    onClose: (listener) => response.once('close', listener),
  }
}
