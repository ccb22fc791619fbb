// OpenTelemetry tracing for one Node process: its `--import` entry (scripts/services.sh node_exec runs
// `node --import shared/dist/tracing.js <workspace>/dist/server.js`), so that the packages it traces
// are hooked before the process's first import of them. Spans go over OTLP/HTTP (protobuf) to
// OTEL_EXPORTER_OTLP_ENDPOINT (Jaeger locally), batched in the background, for the sampled traces and for
// the failed or slow requests of the others (spans.ts); OTEL_SDK_DISABLED=true turns all of it off.
// What is traced and why: docs/architecture.md, "Traces".
import type { IncomingMessage } from 'node:http'
import { context, propagation, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { registerInstrumentations } from '@opentelemetry/instrumentation'
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http'
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis'
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg'
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino'
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions'
import { register as registerModuleHooks } from 'import-in-the-middle/register-hooks.mjs'
import { unsampledContext } from './index.ts'
import { keepFailuresAndSlow, redactingSpanProcessor, samplerOf, untracedPath } from './spans.ts'
import { unsampledTraceparent } from './traceparent.ts'

if (process.env.OTEL_SDK_DISABLED !== 'true') {
  // The CommonJS packages the process imports from its ES module bundle reach the instrumentations only
  // through a loader hook; limited to those packages, so no other import pays for it.
  registerModuleHooks({ include: ['pg', 'ioredis', 'pino', 'http', 'https', 'node:http', 'node:https'] })
  // Within a second (not the SDK's 5 s), so that a trace is whole in Jaeger soon after its request.
  const exporting = new BatchSpanProcessor({ exporter: new OTLPTraceExporter(), scheduledDelayMillis: 1000 })
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: process.env.OTEL_SERVICE_NAME ?? 'focushub',
      'service.instance.id': process.env.METRICS_INSTANCE ?? String(process.pid),
    }),
    // A trace this process starts itself (a request that reached it with no traceparent, straight to a
    // gateway) is sampled at the share NGINX samples the traces it starts.
    sampler: samplerOf(Number(process.env.TRACE_SAMPLE_PERCENT ?? '5') / 100),
    spanProcessors: [
      redactingSpanProcessor,
      exporting,
      keepFailuresAndSlow(exporting, Number(process.env.TRACE_SLOW_MS ?? '1000')),
    ],
  })
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
  propagation.setGlobalPropagator(new W3CTraceContextPropagator())
  trace.setGlobalTracerProvider(provider)
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // Probes (health, readiness, metrics) every second or two would bury the requests people make. A
      // request whose trace the hop before left unsampled (most of them: NGINX samples TRACE_SAMPLE_PERCENT)
      // is not instrumented at all: no span, no context of its own, its traceparent passed on as it came;
      // traceRequests (index.ts) still keeps it if it fails or is slow.
      leavingUntracedAlone(new HttpInstrumentation({ requireParentforOutgoingSpans: true })),
      // Only within a traced request: the instrumentation builds a request's URL and attributes before it
      // looks for a parent, so the check goes first.
      new UndiciInstrumentation({ ignoreRequestHook: () => trace.getSpan(context.active()) === undefined }),
      // Queries and commands of a request or an event, not the background jobs' polling.
      // Each query's own span, not the pool checkout before it: kysely takes a connection per query, which
      // would double a sampled request's spans for nothing a trace reader needs.
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
      // trace_id and span_id on every log line written inside a span; the lines stay pino's own.
      new PinoInstrumentation({ disableLogSending: true }),
    ],
  })
}

/** Probes, and requests whose trace the hop before left unsampled: never instrumented. */
function untraced(request: IncomingMessage) {
  return untracedPath(request.url) || unsampledTraceparent(request.headers.traceparent)
}

type RequestEmit = (this: unknown, event: string, ...args: unknown[]) => boolean

/**
 * Sends an untraced request straight to the server's own handler. The instrumentation's own way to skip one
 * (`ignoreIncomingRequestHook`) still runs it in a context of its own, with its request's and response's
 * emitters bound to that context: six methods added to each of the two objects, on every request (half of
 * what OpenTelemetry cost an unsampled request, docs/performance.md, "Tracing"). One left alone needs
 * neither: nothing below it finds a span, so nothing records one. The instrumentation's hook for it is not public: if a release renames it, the
 * process refuses to start rather than quietly paying for every request again.
 */
function leavingUntracedAlone(instrumentation: HttpInstrumentation) {
  const patcher = instrumentation as unknown as {
    _incomingRequestFunction?: (component: string, original: RequestEmit) => RequestEmit
  }
  const instrument = patcher._incomingRequestFunction
  if (typeof instrument !== 'function') {
    throw new Error(
      '@opentelemetry/instrumentation-http has no _incomingRequestFunction: see shared/src/tracing/register.ts',
    )
  }
  patcher._incomingRequestFunction = function (component, original) {
    const instrumented = instrument.call(this, component, original)
    return function (this: unknown, event, ...args) {
      if (event !== 'request') return instrumented.apply(this, [event, ...args])
      const request = args[0] as IncomingMessage
      const { traceparent } = request.headers
      // Its calls to other services carry its traceparent on (relayedTraceHeaders, index.ts).
      if (unsampledTraceparent(traceparent)) {
        return context.with(unsampledContext(traceparent), () => original.apply(this, [event, ...args]))
      }
      if (untracedPath(request.url)) return original.apply(this, [event, ...args])
      return instrumented.apply(this, [event, ...args])
    }
  }
  return instrumentation
}
