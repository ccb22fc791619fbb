// What the processes' own code does for tracing; the SDK and the instrumentations start in register.ts.
// With tracing off (OTEL_SDK_DISABLED=true, or a test that never loads register.ts) the API is a no-op:
// every function here then does nothing and costs next to nothing.
import {
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api'
import { getRPCMetadata, RPCType } from '@opentelemetry/core'
import type { FastifyInstance } from 'fastify'

const tracer = trace.getTracer('focushub')

/**
 * Names each request's server span by its route (`GET /api/v1/tasks/:taskId`, and `http.route`), the
 * way the http instrumentation takes it from a framework, instead of the bare method.
 */
export function traceRoutes(app: FastifyInstance) {
  // With tracing off there is nothing to name: no hook on every request then.
  if (propagation.fields().length === 0) return
  app.addHook('onRequest', (request, _reply, done) => {
    const metadata = getRPCMetadata(context.active())
    if (metadata?.type === RPCType.HTTP && request.routeOptions.url) metadata.route = request.routeOptions.url
    done()
  })
}

/**
 * The headers that carry a trace from hop to hop (`traceparent`, `tracestate`), or none when tracing
 * is off. A proxy drops the incoming ones: its own client span's context replaces them (the
 * instrumentation adds it to the upstream request), where two would leave the upstream guessing.
 */
export const traceHeaderNames = () => new Set(propagation.fields())

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
