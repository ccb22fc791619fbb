import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, trace } from '@opentelemetry/api'
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import { describe, expect, it } from 'vitest'
import { keepFailuresAndSlow, redactingSpanProcessor, samplerOf, untracedPath } from '../../src/tracing/spans.ts'

const exporter = new InMemorySpanExporter()
const tracer = new TracerProvider({
  spanProcessors: [redactingSpanProcessor, new SimpleSpanProcessor({ exporter })],
}).getTracer('test')

function exported(attributes: Record<string, string>) {
  exporter.reset()
  tracer.startSpan('GET', { attributes }).end()
  return exporter.getFinishedSpans()[0]?.attributes
}

describe('the spans a process exports', () => {
  it('carry no share-link or unsubscribe token, however the instrumentation wrote the URL', () => {
    expect(
      exported({
        'url.full': 'http://127.0.0.1:3002/api/v1/tasks/public/s3cr3t-token?x=1',
        'url.path': '/api/v1/focus/%70ublic/s3cr3t-token',
      }),
    ).toMatchObject({
      'url.full': 'http://127.0.0.1:3002/api/v1/tasks/public/[redacted]?x=1',
      'url.path': '/api/v1/focus/public/[redacted]',
    })
    expect(exported({ 'url.query': 'token=s3cr3t&list=weekly' })['url.query']).toBe('token=[redacted]&list=weekly')
    expect(exported({ 'url.query': '?Token=s3cr3t' })['url.query']).toBe('?Token=[redacted]')
  })

  it('keep every other attribute as it was', () => {
    expect(exported({ 'url.path': '/api/v1/tasks/42', 'http.route': '/tasks/:taskId' })).toEqual({
      'url.path': '/api/v1/tasks/42',
      'http.route': '/tasks/:taskId',
    })
  })

  it('leave out the probes and scrapes, whatever their query', () => {
    expect(['/health', '/ready?verbose=1', '/metrics'].every(untracedPath)).toBe(true)
    expect(['/api/v1/health', '/healthz', undefined].some(untracedPath)).toBe(false)
  })
})

describe('the sampling of a process', () => {
  const kept = new InMemorySpanExporter()
  const exporting = new SimpleSpanProcessor({ exporter: kept })
  const provider = new TracerProvider({
    sampler: samplerOf(0),
    spanProcessors: [exporting, keepFailuresAndSlow(exporting, 50)],
  })
  const tracer = provider.getTracer('test')
  const unsampledParent = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    traceFlags: TraceFlags.NONE,
    isRemote: true,
  })

  /** A request's server span, in an unsampled trace, with one child, ended after `ms`. */
  function request(ms: number, status?: SpanStatusCode) {
    kept.reset()
    const start = Date.now()
    const server = tracer.startSpan('GET /tasks', { kind: SpanKind.SERVER, startTime: start }, unsampledParent)
    const query = tracer.startSpan('SELECT', {}, trace.setSpan(unsampledParent, server))
    const recording = { server: server.isRecording(), query: query.isRecording() }
    query.end()
    if (status !== undefined) server.setStatus({ code: status })
    server.end(start + ms)
    return { recording, exported: kept.getFinishedSpans() }
  }

  it('records nothing of an unsampled trace but its server span, and exports nothing of a quick success', () => {
    const { recording, exported } = request(5)
    expect(recording).toEqual({ server: true, query: false })
    expect(exported).toEqual([])
  })

  it('keeps the server span of a failed or slow request, in its own trace, marked sampled', () => {
    for (const { ms, status } of [
      { ms: 5, status: SpanStatusCode.ERROR },
      { ms: 80, status: undefined },
    ]) {
      const { exported } = request(ms, status)
      expect(exported).toHaveLength(1)
      expect(exported[0]?.name).toBe('GET /tasks')
      expect(exported[0]?.spanContext()).toMatchObject({ traceId: '0af7651916cd43dd8448eb211c80319c', traceFlags: 1 })
      expect(exported[0]?.parentSpanContext?.spanId).toBe('b7ad6b7169203331')
    }
  })

  it('follows a sampled parent, children included', () => {
    kept.reset()
    const sampledParent = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: '0af7651916cd43dd8448eb211c80319d',
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    })
    const server = tracer.startSpan('GET /tasks', { kind: SpanKind.SERVER }, sampledParent)
    tracer.startSpan('SELECT', {}, trace.setSpan(sampledParent, server)).end()
    server.end()
    expect(kept.getFinishedSpans().map((span) => span.name)).toEqual(['SELECT', 'GET /tasks'])
  })
})
