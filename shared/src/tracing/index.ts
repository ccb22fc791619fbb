// What the processes' own code does for tracing; the SDK and the instrumentations start in register.ts.
// With tracing off (OTEL_SDK_DISABLED=true, or a test that never loads register.ts) the API is a no-op:
// every function here then does nothing and costs next to nothing.
import {
  type Context,
  context,
  createContextKey,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api'
import { getRPCMetadata, RPCType } from '@opentelemetry/core'
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions'
import type { FastifyInstance } from 'fastify'
import { unsampledTraceparent } from './traceparent.ts'

const tracer = trace.getTracer('focushub')

/**
 * What every Fastify process does for its requests' spans (createApp):
 * - names a traced request's server span by its route (`GET /api/v1/tasks/:taskId`, and `http.route`),
 *   the way the http instrumentation takes it from a framework, instead of the bare method;
 * - keeps a request the instrumentation left alone (its trace unsampled) if it failed or was slow
 *   (keepIfFailedOrSlow).
 */
export function traceRequests(app: FastifyInstance) {
  // With tracing off there is nothing to name or keep: no hook on every request then.
  if (propagation.fields().length === 0) return
  app.addHook('onRequest', (request, _reply, done) => {
    const metadata = getRPCMetadata(context.active())
    if (metadata?.type === RPCType.HTTP && request.routeOptions.url) metadata.route = request.routeOptions.url
    done()
  })
  app.addHook('onResponse', (request, reply, done) => {
    keepIfFailedOrSlow(request.headers.traceparent, {
      method: request.method,
      route: request.routeOptions.url,
      path: request.url,
      status: reply.statusCode,
      milliseconds: reply.elapsedTime,
    })
    done()
  })
}

/**
 * What the log lines of a request left uninstrumented (its trace unsampled) say of its trace: its
 * `trace_id`, and as `span_id` the hop before's span (NGINX's, for a request through it), since this
 * process made none. A traced request's lines carry its own span's, from the pino instrumentation.
 */
export function unsampledTraceFields(traceparent: string | string[] | undefined) {
  if (!unsampledTraceparent(traceparent)) return undefined
  return { trace_id: traceparent.slice(3, 35), span_id: traceparent.slice(36, 52), trace_flags: '00' }
}

/** TRACE_SLOW_MS, as register.ts reads it: a request this slow is kept whatever the sampling. */
const slowMs = Number(process.env.TRACE_SLOW_MS ?? '1000')

/**
 * A request whose trace the hop before left unsampled is not instrumented (register.ts), yet errors and
 * slow requests are kept whatever the sampling: when it answered a 5xx or took TRACE_SLOW_MS or more, its
 * server span is made here, from what its end knows, a child of the incoming traceparent (so under the
 * trace's id, beside NGINX's span and the other hops'), and keepFailuresAndSlow exports it.
 */
export function keepIfFailedOrSlow(
  traceparent: string | string[] | undefined,
  request: { method: string; route?: string; path: string; status: number; milliseconds: number },
) {
  // The cheap test first: nearly every request is quick and fine.
  if (request.status < 500 && request.milliseconds < slowMs) return
  if (!unsampledTraceparent(traceparent)) return
  const span = tracer.startSpan(
    request.route ? `${request.method} ${request.route}` : request.method,
    {
      kind: SpanKind.SERVER,
      startTime: Date.now() - request.milliseconds,
      attributes: {
        [ATTR_HTTP_REQUEST_METHOD]: request.method,
        [ATTR_URL_PATH]: request.path,
        [ATTR_HTTP_RESPONSE_STATUS_CODE]: request.status,
        ...(request.route ? { [ATTR_HTTP_ROUTE]: request.route } : {}),
      },
    },
    contextOf(traceparent),
  )
  if (request.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR })
  span.end()
}

/**
 * The headers that carry a trace from hop to hop (`traceparent`, `tracestate`), or none when tracing
 * is off. A proxy drops the incoming ones from a traced request: its own client span's context replaces
 * them (the instrumentation adds it to the upstream request), where two would leave the upstream
 * guessing. Those of an unsampled trace go on as they came (relaysTraceHeaders): nothing replaces them.
 */
export const traceHeaderNames = () => new Set(propagation.fields())

/**
 * Where an unsampled request's incoming `traceparent` waits for the calls the process makes on its behalf:
 * a plain value of the request's context, not a span, so pg and ioredis still find no span to follow.
 * `Symbol.for` underneath: register.ts, bundled apart, sets it with the same key.
 */
const unsampledTraceparentKey = createContextKey('focushub.unsampled-traceparent')

/** The context an unsampled request runs in (register.ts): nothing but its traceparent. */
export const unsampledContext = (traceparent: string) => ROOT_CONTEXT.setValue(unsampledTraceparentKey, traceparent)

/**
 * The trace header a process's own call to another service adds for the request it serves: an unsampled
 * trace's `traceparent`, as it came, so the callee leaves the call alone too. A sampled request's goes with
 * the client span the undici instrumentation makes; outside a request there is none.
 */
export function relayedTraceHeaders(): { traceparent?: string } {
  const traceparent = context.active().getValue(unsampledTraceparentKey)
  return typeof traceparent === 'string' ? { traceparent } : {}
}

/** Whether a proxy passes a request's trace headers on as they came: when its trace is unsampled. */
export const relaysTraceHeaders = (traceparent: string | string[] | undefined) => unsampledTraceparent(traceparent)

/** The current span's context as a W3C `traceparent`, to store beside work done later (an outbox row). */
export function currentTraceparent(): string | null {
  const carrier: Record<string, string> = {}
  propagation.inject(context.active(), carrier)
  return carrier.traceparent ?? null
}

const contextOf = (traceparent: string | null | undefined): Context =>
  traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT

/**
 * One PRODUCER span per message, each a child of the request that wrote its event (the outbox row's
 * traceparent), its context written into the message's headers for the consumer. The relay publishes
 * rows of many requests in one batch, which is why this is not the kafkajs instrumentation's job: it
 * would make every message a child of whatever is current when the batch is sent.
 */
export function startPublishSpans<M extends { topic: string; headers: Record<string, string> }>(
  messages: { message: M; traceparent: string | null }[],
) {
  const spans: Span[] = []
  for (const { message, traceparent } of messages) {
    if (!traceparent) continue
    const span = tracer.startSpan(
      `publish ${message.topic}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': message.topic },
      },
      contextOf(traceparent),
    )
    propagation.inject(trace.setSpan(ROOT_CONTEXT, span), message.headers)
    spans.push(span)
  }
  return {
    end(error?: unknown) {
      for (const span of spans) endSpan(span, error)
    },
  }
}

function endSpan(span: Span, error: unknown) {
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : String(error))
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) })
  }
  span.end()
}

/**
 * Runs a consumer's handling of messages inside a CONSUMER span: for one message, a child of the span
 * that published it (so the trace of the request goes on into this service); for a run of several,
 * a span of its own linked to each message's.
 */
export async function inConsumeSpan<T>(
  group: string,
  messages: { topic: string; headers: Record<string, string> }[],
  work: () => Promise<T>,
): Promise<T> {
  const [first] = messages
  if (!first) return work()
  const contexts = messages.map((message) => propagation.extract(ROOT_CONTEXT, message.headers))
  const linked = contexts.map((parent) => trace.getSpanContext(parent)).filter((span) => span !== undefined)
  // Events of no trace (written outside a traced request, or by a request whose trace is unsampled) start
  // none here either.
  if (linked.length === 0) return work()
  const span = tracer.startSpan(
    `process ${first.topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.destination.name': first.topic,
        'messaging.consumer.group.name': group,
        'messaging.batch.message_count': messages.length,
      },
      links: messages.length > 1 ? linked.map((spanContext) => ({ context: spanContext })) : [],
    },
    messages.length === 1 ? contexts[0] : ROOT_CONTEXT,
  )
  try {
    const result = await context.with(trace.setSpan(context.active(), span), work)
    endSpan(span, undefined)
    return result
  } catch (error) {
    endSpan(span, error)
    throw error
  }
}

/** Sends the spans still waiting in the exporter's batch: the last step of a graceful shutdown. */
export async function flushTracing() {
  const provider = trace.getTracerProvider() as { getDelegate?: () => { forceFlush?: () => Promise<void> } }
  await provider.getDelegate?.().forceFlush?.()
}
