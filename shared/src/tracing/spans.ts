import { SpanKind, SpanStatusCode, TraceFlags, trace } from '@opentelemetry/api'
import { hrTimeToMilliseconds } from '@opentelemetry/core'
import {
  AlwaysOnSampler,
  ParentBasedSampler,
  type ReadableSpan,
  type Sampler,
  SamplingDecision,
  type Span,
  type SpanProcessor,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace'
import { ATTR_URL_FULL, ATTR_URL_PATH, ATTR_URL_QUERY } from '@opentelemetry/semantic-conventions'
import { redactUrl } from '../logger.ts'

/** Probes and scrapes, asked every second or two by the balancer, the gateways and Prometheus: never traced. */
const untraced = new Set(['/health', '/ready', '/metrics'])

export const untracedPath = (url: string | undefined) => untraced.has((url ?? '').split('?', 1)[0] ?? '')

/**
 * A share link's token and an unsubscribe link's token are credentials: a span's URL attributes are
 * redacted as the log lines' are (redactUrl) before the span is exported, whichever instrumentation set them.
 */
export const redactingSpanProcessor: SpanProcessor = {
  onStart() {},
  onEnding(span: Span) {
    const { attributes } = span
    for (const key of [ATTR_URL_FULL, ATTR_URL_PATH]) {
      const value = attributes[key]
      if (typeof value === 'string') span.setAttribute(key, redactUrl(value))
    }
    const query = attributes[ATTR_URL_QUERY]
    if (typeof query === 'string' && query !== '') {
      // undici's spans write the query with its `?`, http's without.
      const redacted = redactUrl(`?${query.replace(/^\?/, '')}`)
      span.setAttribute(ATTR_URL_QUERY, query.startsWith('?') ? redacted : redacted.slice(1))
    }
  },
  onEnd() {},
  forceFlush: async () => {},
  shutdown: async () => {},
}

/**
 * The sampler of every process: parent-based (a request follows the decision of the hop before it; a trace
 * the process starts itself is sampled at `ratio`), except that a SERVER span in a trace left unsampled is
 * still recorded — not its children, which stay unrecorded and cost next to nothing — so that
 * keepFailuresAndSlow can keep it if the request fails or is slow. Such a span is either the one
 * keepIfFailedOrSlow makes at the end of a request the instrumentation left alone (index.ts), or that of a
 * request which reached the process with no traceparent and was not sampled here.
 */
export function samplerOf(ratio: number): Sampler {
  const inner = new ParentBasedSampler({
    root: ratio >= 1 ? new AlwaysOnSampler() : new TraceIdRatioBasedSampler(Math.max(ratio, 0)),
  })
  return {
    shouldSample(context, traceId, name, kind, attributes, links) {
      const result = inner.shouldSample(context, traceId, name, kind, attributes, links)
      if (result.decision !== SamplingDecision.NOT_RECORD || kind !== SpanKind.SERVER) return result
      const parent = trace.getSpanContext(context)
      return parent && !parent.isRemote ? result : { decision: SamplingDecision.RECORD }
    },
    toString: () => `KeepFailuresAndSlow{${inner.toString()}}`,
  }
}

/**
 * Hands a request's server span of an unsampled trace to `exporting` when the request failed (an error
 * status: a 5xx) or took `slowMs` or more: errors and slow requests are kept whatever the sampling, hop by
 * hop (every process's server span and NGINX's, under the trace's id). The exporting processor takes only
 * sampled spans, so the span goes to it marked sampled.
 */
export function keepFailuresAndSlow(exporting: SpanProcessor, slowMs: number): SpanProcessor {
  return {
    onStart() {},
    onEnd(span: ReadableSpan) {
      const context = span.spanContext()
      if (context.traceFlags & TraceFlags.SAMPLED) return
      const failed = span.status.code === SpanStatusCode.ERROR
      if (!failed && hrTimeToMilliseconds(span.duration) < slowMs) return
      const kept = { ...context, traceFlags: context.traceFlags | TraceFlags.SAMPLED }
      exporting.onEnd(Object.create(span, { spanContext: { value: () => kept } }) as ReadableSpan)
    },
    forceFlush: async () => {},
    shutdown: async () => {},
  }
}
