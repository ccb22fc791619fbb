import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import { describe, expect, it } from 'vitest'
import { redactingSpanProcessor, untracedPath } from '../../src/tracing/spans.ts'

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
