import { propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { keepIfFailedOrSlow, relaysTraceHeaders } from '../../src/tracing/index.ts'
import { keepFailuresAndSlow, samplerOf } from '../../src/tracing/spans.ts'
import { unsampledTraceparent } from '../../src/tracing/traceparent.ts'

const traceId = '0af7651916cd43dd8448eb211c80319c'
const unsampled = `00-${traceId}-b7ad6b7169203331-00`
const sampled = `00-${traceId}-b7ad6b7169203331-01`

describe('a traceparent read without the SDK', () => {
  it('is unsampled only when well formed and without the sampled flag', () => {
    expect(unsampledTraceparent(unsampled)).toBe(true)
    expect(unsampledTraceparent(`00-${traceId}-b7ad6b7169203331-02`)).toBe(true)
    for (const value of [
      sampled,
      `00-${traceId}-b7ad6b7169203331-03`,
      undefined,
      '',
      [unsampled, unsampled],
      `00-${traceId.toUpperCase()}-b7ad6b7169203331-00`,
      `00-${'0'.repeat(32)}-b7ad6b7169203331-00`,
      `01-${traceId}-b7ad6b7169203331-00-extra`,
      `00-${traceId}-b7ad6b7169203331-0`,
    ]) {
      expect(unsampledTraceparent(value), String(value)).toBe(false)
    }
  })

  it('tells a proxy to pass an unsampled trace on as it came, and to replace the others', () => {
    expect(relaysTraceHeaders(unsampled)).toBe(true)
    expect([sampled, undefined, 'garbage'].some(relaysTraceHeaders)).toBe(false)
  })
})

describe('a request of an unsampled trace, not instrumented', () => {
  const kept = new InMemorySpanExporter()
  const exporting = new SimpleSpanProcessor({ exporter: kept })
  trace.setGlobalTracerProvider(
    new TracerProvider({ sampler: samplerOf(0), spanProcessors: [exporting, keepFailuresAndSlow(exporting, 1000)] }),
  )
  propagation.setGlobalPropagator(new W3CTraceContextPropagator())
  afterAll(() => {
    trace.disable()
    propagation.disable()
  })
  beforeEach(() => kept.reset())

  const request = { method: 'GET', route: '/api/v1/tasks/:taskId', path: '/api/v1/tasks/42', status: 200 }

  it('leaves nothing when it succeeded quickly', () => {
    keepIfFailedOrSlow(unsampled, { ...request, milliseconds: 12 })
    expect(kept.getFinishedSpans()).toEqual([])
  })

  it('is kept as a server span under the trace when it failed, child of the hop before', () => {
    keepIfFailedOrSlow(unsampled, { ...request, status: 503, milliseconds: 12 })
    // keepFailuresAndSlow hands the span on as an object over it (marked sampled): its fields are inherited.
    const [span] = kept.getFinishedSpans()
    const { name, kind, parentSpanContext, status, attributes } = span ?? {}
    expect({ name, kind, parent: parentSpanContext?.spanId, status: status?.code, attributes }).toEqual({
      name: 'GET /api/v1/tasks/:taskId',
      kind: SpanKind.SERVER,
      parent: 'b7ad6b7169203331',
      status: SpanStatusCode.ERROR,
      attributes: {
        'http.request.method': 'GET',
        'http.route': '/api/v1/tasks/:taskId',
        'url.path': '/api/v1/tasks/42',
        'http.response.status_code': 503,
      },
    })
    expect(span?.spanContext().traceId).toBe(traceId)
  })

  it('is kept when it took TRACE_SLOW_MS or more, with its duration', () => {
    keepIfFailedOrSlow(unsampled, { ...request, milliseconds: 1500 })
    const [span] = kept.getFinishedSpans()
    expect(span?.status.code).not.toBe(SpanStatusCode.ERROR)
    const milliseconds = (span?.duration[0] ?? 0) * 1000 + (span?.duration[1] ?? 0) / 1e6
    expect(milliseconds).toBeGreaterThanOrEqual(1500)
    expect(milliseconds).toBeLessThan(1600)
  })

  it('leaves a sampled or traceless request to the instrumentation', () => {
    keepIfFailedOrSlow(sampled, { ...request, status: 500, milliseconds: 12 })
    keepIfFailedOrSlow(undefined, { ...request, status: 500, milliseconds: 12 })
    expect(kept.getFinishedSpans()).toEqual([])
  })
})
