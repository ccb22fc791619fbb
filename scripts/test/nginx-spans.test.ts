import { SpanKind, SpanStatusCode } from '@opentelemetry/api'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace'
import { describe, expect, it, vi } from 'vitest'
import { isKept, nginxSpan } from '../../nginx/spans/nginx-span.ts'
import { parseSpanDatagram, type SpanLine } from '../../nginx/spans/span-line.ts'

/** A line as NGINX's focushub_span log writes it, for a request that continued a client's trace. */
const continued: SpanLine = {
  trace_id: '0af7651916cd43dd8448eb211c80319c',
  span_id: '9daba3328646b298',
  parent_span_id: 'b7ad6b7169203331',
  trace_flags: '01',
  msec: '1796651857.284',
  request_time: '0.007',
  method: 'GET',
  target: '/api/v1/tasks?limit=20',
  scheme: 'http',
  host: 'localhost',
  server_port: '80',
  protocol: 'HTTP/1.1',
  client_address: '127.0.0.1',
  user_agent: 'curl/7.88.1',
  status: '200',
  request_length: '179',
  body_bytes_sent: '11',
  upstream_addr: '127.0.0.1:8080',
  upstream_status: '200',
  upstream_response_time: '0.006',
  request_id: '9daba3328646b2981d304abc051aeac5',
}

/** The datagram NGINX sends for a line: `syslog:…,tag=nginx_spans,nohostname`. */
const datagram = (line: unknown, day = ' 7') => `<190>Dec ${day} 13:57:37 nginx_spans: ${JSON.stringify(line)}`

const resource = resourceFromAttributes({ 'service.name': 'nginx' })

describe('parseSpanDatagram', () => {
  it("reads the JSON line out of NGINX's syslog frame, whatever the day's padding", () => {
    expect(parseSpanDatagram(datagram(continued))).toEqual({ line: continued })
    expect(parseSpanDatagram(datagram(continued, '17'))).toEqual({ line: continued })
  })

  it('takes a line without a parent (NGINX started the trace) and without an upstream', () => {
    const started = {
      ...continued,
      parent_span_id: '',
      upstream_addr: '',
      upstream_status: '',
      upstream_response_time: '',
    }
    expect(parseSpanDatagram(datagram(started))).toEqual({ line: started })
  })

  it('says why a datagram is not a span line', () => {
    expect(parseSpanDatagram(JSON.stringify(continued))).toEqual({ problem: 'not an RFC 3164 syslog message' })
    expect(parseSpanDatagram('<190>Dec  7 13:57:37 nginx_spans: {"trace_id":')).toEqual({ problem: 'not JSON' })
    const upperCase = parseSpanDatagram(datagram({ ...continued, trace_id: continued.trace_id.toUpperCase() }))
    expect(upperCase).toEqual({ problem: expect.stringContaining('/trace_id') })
    const { status: _, ...withoutStatus } = continued
    expect(parseSpanDatagram(datagram(withoutStatus))).toEqual({ problem: expect.stringMatching(/^not a span line/) })
    expect(parseSpanDatagram(datagram({ ...continued, msec: '1796651857.28' }))).toEqual({
      problem: expect.stringContaining('/msec'),
    })
  })
})

describe('isKept', () => {
  const unsampled = { ...continued, trace_flags: '00' }

  it("keeps every span of a sampled trace, however quick (the flags' last bit set)", () => {
    expect(isKept({ ...continued, request_time: '0.001' }, 1000)).toBe(true)
    expect(isKept({ ...continued, trace_flags: '03' }, 1000)).toBe(true)
  })

  it('keeps an unsampled request NGINX answered 5xx, and drops one it answered 4xx', () => {
    expect(isKept({ ...unsampled, status: '500' }, 1000)).toBe(true)
    expect(isKept({ ...unsampled, status: '504' }, 1000)).toBe(true)
    expect(isKept({ ...unsampled, status: '404' }, 1000)).toBe(false)
  })

  it('keeps an unsampled request from TRACE_SLOW_MS on, to the millisecond', () => {
    expect(isKept({ ...unsampled, request_time: '0.999' }, 1000)).toBe(false)
    expect(isKept({ ...unsampled, request_time: '1.000' }, 1000)).toBe(true)
    expect(isKept({ ...unsampled, request_time: '0.250' }, 250)).toBe(true)
    expect(isKept({ ...unsampled, request_time: '12.000' }, 1000)).toBe(true)
    expect(isKept({ ...unsampled, request_time: '0.150' }, 1000)).toBe(false)
  })
})

describe('nginxSpan', () => {
  it("keeps NGINX's ids, its client's span as the remote parent, and its times to the millisecond", () => {
    const span = nginxSpan(continued, resource)
    expect(span.spanContext()).toEqual({ traceId: continued.trace_id, spanId: continued.span_id, traceFlags: 1 })
    expect(span.parentSpanContext).toEqual({
      traceId: continued.trace_id,
      spanId: continued.parent_span_id,
      traceFlags: 1,
      isRemote: true,
    })
    expect(span.startTime).toEqual([1796651857, 277_000_000])
    expect(span.endTime).toEqual([1796651857, 284_000_000])
    expect(span.duration).toEqual([0, 7_000_000])
    expect(span.kind).toBe(SpanKind.SERVER)
    expect(span.name).toBe('GET')
    expect(span.resource.attributes['service.name']).toBe('nginx')
    expect(span.ended).toBe(true)
  })

  it("marks a kept span of an unsampled trace sampled, so that it is exported, its parent's flags as they came", async () => {
    const span = nginxSpan({ ...continued, trace_flags: '00', status: '502' }, resource)
    expect(span.spanContext().traceFlags).toBe(1)
    expect(span.parentSpanContext?.traceFlags).toBe(0)
    // The SDK's processors (nginx-spans' BatchSpanProcessor, as this one) pass on sampled spans only.
    const exporter = new InMemorySpanExporter()
    new SimpleSpanProcessor({ exporter }).onEnd(span)
    await vi.waitFor(() => expect(exporter.getFinishedSpans()).toEqual([span]))
  })

  it('has no parent when NGINX started the trace', () => {
    expect(nginxSpan({ ...continued, parent_span_id: '' }, resource).parentSpanContext).toBeUndefined()
  })

  it('starts a span that crossed a second boundary in the previous second', () => {
    const span = nginxSpan({ ...continued, msec: '1796651858.002', request_time: '1.005' }, resource)
    expect(span.startTime).toEqual([1796651856, 997_000_000])
    expect(span.endTime).toEqual([1796651858, 2_000_000])
  })

  it('describes the request with the HTTP semantic conventions', () => {
    expect(nginxSpan(continued, resource).attributes).toEqual({
      'http.request.method': 'GET',
      'url.path': '/api/v1/tasks',
      'url.query': 'limit=20',
      'url.scheme': 'http',
      'http.response.status_code': 200,
      'server.address': 'localhost',
      'server.port': 80,
      'network.protocol.name': 'http',
      'network.protocol.version': '1.1',
      'client.address': '127.0.0.1',
      'user_agent.original': 'curl/7.88.1',
      'http.request.header.x-request-id': ['9daba3328646b2981d304abc051aeac5'],
      'http.request.size': 179,
      'http.response.body.size': 11,
      'nginx.upstream.address': '127.0.0.1:8080',
      'nginx.upstream.status': '200',
      'nginx.upstream.response_time': '0.006',
    })
  })

  it('leaves out what NGINX left empty, and names an unknown method _OTHER', () => {
    const span = nginxSpan(
      {
        ...continued,
        method: 'PROPFIND',
        target: '/lb/x',
        user_agent: '',
        upstream_addr: '',
        upstream_status: '',
        upstream_response_time: '',
      },
      resource,
    )
    expect(span.name).toBe('HTTP')
    expect(span.attributes).toMatchObject({
      'http.request.method': '_OTHER',
      'http.request.method_original': 'PROPFIND',
    })
    for (const key of ['url.query', 'user_agent.original', 'nginx.upstream.address', 'nginx.upstream.status']) {
      expect(span.attributes).not.toHaveProperty([key])
    }
  })

  it('marks a 5xx as an error, and leaves a 4xx (the client’s) unset', () => {
    const badGateway = nginxSpan({ ...continued, status: '502' }, resource)
    expect(badGateway.status).toEqual({ code: SpanStatusCode.ERROR })
    expect(badGateway.attributes['error.type']).toBe('502')
    const notFound = nginxSpan({ ...continued, status: '404' }, resource)
    expect(notFound.status).toEqual({ code: SpanStatusCode.UNSET })
    expect(notFound.attributes).not.toHaveProperty(['error.type'])
  })
})
