// nginx-spans: NGINX's spans, as OpenTelemetry spans. Debian's NGINX has no OpenTelemetry module, so NGINX
// writes one JSON line (its focushub_span log) per request of a sampled trace, and per request of another
// that it answered 5xx or that took 100 ms or more, as a syslog datagram to this process, on loopback UDP
// NGINX_SPANS_PORT. Those of a sampled trace, a 5xx or TRACE_SLOW_MS or more each become a span of service
// `nginx` with the ids NGINX sent on in traceparent, exported in batches over OTLP/HTTP to
// OTEL_EXPORTER_OTLP_ENDPOINT (the exporter reads it); the others are dropped.
//
// Run: node nginx/spans/server.ts   (supervised as nginx-spans: scripts/nginx.sh)
import { createSocket } from 'node:dgram'
import { setGlobalErrorHandler } from '@opentelemetry/core'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace'
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions'
import { isKept, nginxSpan } from './nginx-span.ts'
import { parseSpanDatagram } from './span-line.ts'

/** One JSON line, as the stack's other processes log (level, time, msg and fields). */
function log(level: 'info' | 'warn' | 'error', msg: string, fields: Record<string, unknown> = {}) {
  process.stdout.write(`${JSON.stringify({ level, time: Date.now(), name: 'nginx-spans', msg, ...fields })}\n`)
}

const port = Number(process.env.NGINX_SPANS_PORT ?? '4319')
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  log('error', 'NGINX_SPANS_PORT must be a UDP port', { value: process.env.NGINX_SPANS_PORT })
  process.exit(1)
}

// NGINX sends an unsampled request's line from 100 ms on: a lower threshold would miss requests.
const slowMs = Number(process.env.TRACE_SLOW_MS ?? '1000')
if (!Number.isInteger(slowMs) || slowMs < 100) {
  log('error', 'TRACE_SLOW_MS must be a whole number of milliseconds from 100', { value: process.env.TRACE_SLOW_MS })
  process.exit(1)
}

const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'nginx' })
// OTEL_SDK_DISABLED=true turns tracing off here too, as in every Node process: the datagrams are read and dropped.
const processor: SpanProcessor =
  process.env.OTEL_SDK_DISABLED === 'true'
    ? new NoopSpanProcessor()
    : // Within a second, as every Node process (shared/src/tracing/register.ts): a trace is whole in Jaeger
      // soon after its request.
      new BatchSpanProcessor({ exporter: new OTLPTraceExporter(), scheduledDelayMillis: 1000 })
// A batch the exporter could not deliver, after its own retries, is lost: said once per batch.
setGlobalErrorHandler((err) => log('error', 'span export failed', { err: String(err) }))

let malformed = 0
const socket = createSocket('udp4')
socket.on('message', (datagram) => {
  const parsed = parseSpanDatagram(datagram.toString('utf8'))
  if ('problem' in parsed) {
    malformed += 1
    log('warn', 'datagram skipped', { problem: parsed.problem, bytes: datagram.length, malformed })
    return
  }
  if (isKept(parsed.line, slowMs)) processor.onEnd(nginxSpan(parsed.line, resource))
})
socket.on('error', (err) => {
  log('error', 'could not listen', { err: err.message, port })
  process.exit(1)
})
socket.bind(port, '127.0.0.1', () =>
  log('info', 'listening', { port, exporting: !(processor instanceof NoopSpanProcessor) }),
)

// Stopped (supervisord's SIGTERM): no more datagrams, then what is queued goes out before the exit (the
// exporter gives up on an unreachable collector after its own timeout, 10 s, within supervisord's 15 s).
async function shutdown(signal: NodeJS.Signals) {
  log('info', 'shutting down', { signal, malformed })
  socket.close()
  try {
    await processor.shutdown()
    process.exit(0)
  } catch (err) {
    log('error', 'the last spans were not exported', { err: String(err) })
    process.exit(1)
  }
}
process.once('SIGTERM', shutdown)
process.once('SIGINT', shutdown)
