// The real NGINX with nginx/focushub.conf.template, rendered as scripts/nginx.sh renders it, in front of a
// stand-in balancer that records what it receives and a UDP socket in nginx-spans' place: the trace context
// NGINX sends on, and the span line it writes, read by nginx-spans' own parser.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { createSocket } from 'node:dgram'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import { connect, createServer as createTcpServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { type ParsedDatagram, parseSpanDatagram } from '../../nginx/spans/span-line.ts'

const templatePath = join(import.meta.dirname, '../../nginx/focushub.conf.template')
const templateVariables = [
  'NGINX_PORT',
  'LB_SERVERS',
  'NGINX_REAL_IP_FROM',
  'NGINX_ACCESS_LOG',
  'WEB_ROOT',
  'S3_HOST',
  'STORAGE_MAX_BODY',
  'NGINX_SPANS_PORT',
]

const clientTraceId = '0af7651916cd43dd8448eb211c80319c'
const clientSpanId = 'b7ad6b7169203331'

let dir: string
let nginx: ChildProcess
let nginxPort: number
const received: IncomingHttpHeaders[] = []
/** What nginx-spans' parser makes of each datagram NGINX sent. */
const datagrams: ParsedDatagram[] = []

const balancer = createServer((request, response) => {
  received.push(request.headers)
  response.setHeader('content-type', 'application/json')
  response.end('{"status":"up"}')
})
const spans = createSocket('udp4')
spans.on('message', (datagram) => datagrams.push(parseSpanDatagram(datagram.toString('utf8'))))

async function freeTcpPort() {
  const server = createTcpServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nginx-trace-context-'))
  await new Promise<void>((resolve) => balancer.listen(0, '127.0.0.1', resolve))
  await new Promise<void>((resolve) => spans.bind(0, '127.0.0.1', resolve))
  nginxPort = await freeTcpPort()
  const values: Record<string, string> = {
    NGINX_PORT: String(nginxPort),
    LB_SERVERS: `server 127.0.0.1:${(balancer.address() as { port: number }).port} max_fails=0;`,
    NGINX_REAL_IP_FROM: 'unix:',
    NGINX_ACCESS_LOG: join(dir, 'access.log'),
    WEB_ROOT: dir,
    S3_HOST: '127.0.0.1:9',
    STORAGE_MAX_BODY: '1024',
    NGINX_SPANS_PORT: String(spans.address().port),
  }
  const rendered = execFileSync('envsubst', [templateVariables.map((name) => `\${${name}}`).join(' ')], {
    input: readFileSync(templatePath),
    env: { ...process.env, ...values },
  })
  writeFileSync(join(dir, 'focushub.conf'), rendered)
  writeFileSync(
    join(dir, 'nginx.conf'),
    `pid ${dir}/nginx.pid;
events {}
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/focushub.conf;
}
`,
  )
  const args = ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')]
  execFileSync('nginx', [...args, '-t', '-q'])
  nginx = spawn('nginx', [...args, '-g', 'daemon off;'], { stdio: 'ignore' })
  await vi.waitFor(
    async () => {
      if (!(await accepts(nginxPort))) throw new Error(`NGINX does not listen on ${nginxPort}`)
    },
    { timeout: 10_000, interval: 50 },
  )
})

afterAll(async () => {
  if (nginx?.exitCode === null) {
    const exited = new Promise((resolve) => nginx.once('exit', resolve))
    nginx.kill('SIGQUIT')
    await exited
  }
  await new Promise((resolve) => balancer.close(resolve))
  spans.close()
  rmSync(dir, { recursive: true, force: true })
})

beforeEach(() => {
  received.length = 0
  datagrams.length = 0
})

const get = (path: string, headers: Record<string, string> = {}, init: RequestInit = {}) =>
  fetch(`http://127.0.0.1:${nginxPort}${path}`, { ...init, headers })

/** traceparent as the balancer received it, split into its fields. */
function forwardedTraceparent(headers: IncomingHttpHeaders) {
  const [version, traceId, spanId, flags] = String(headers.traceparent).split('-')
  return { version, traceId, spanId, flags }
}

describe("NGINX's trace context", () => {
  it("continues a client's sampled trace, with its own span as the parent, and writes that span", async () => {
    await get('/api/v1/health', { traceparent: `00-${clientTraceId}-${clientSpanId}-01`, tracestate: 'vendor=a' })
    expect(received).toHaveLength(1)
    const forwarded = forwardedTraceparent(received[0])
    expect(forwarded).toEqual({
      version: '00',
      traceId: clientTraceId,
      spanId: expect.stringMatching(/^[0-9a-f]{16}$/),
      flags: '01',
    })
    expect(forwarded.spanId).not.toBe(clientSpanId)
    expect(received[0].tracestate).toBe('vendor=a')
    await expect.poll(() => datagrams).toHaveLength(1)
    expect(datagrams[0]).toMatchObject({
      line: {
        trace_id: clientTraceId,
        span_id: forwarded.spanId,
        parent_span_id: clientSpanId,
        trace_flags: '01',
        method: 'GET',
        target: '/api/v1/health',
        status: '200',
        request_id: received[0]['x-request-id'],
      },
    })
  })

  it.each([
    ['upper-case hex', `00-${clientTraceId.toUpperCase()}-${clientSpanId}-01`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${clientSpanId}-01`],
    ['an all-zero parent id', `00-${clientTraceId}-${'0'.repeat(16)}-01`],
    ['another version', `01-${clientTraceId}-${clientSpanId}-01`],
    ['a trailing field', `00-${clientTraceId}-${clientSpanId}-01-00`],
  ])('starts a sampled trace of its own, its id the request id, when traceparent has %s', async (_, traceparent) => {
    await get('/api/v1/tasks', { traceparent, tracestate: 'vendor=a' })
    const requestId = String(received[0]['x-request-id'])
    expect(forwardedTraceparent(received[0])).toEqual({
      version: '00',
      traceId: requestId,
      spanId: requestId.slice(0, 16),
      flags: '01',
    })
    expect(received[0]).not.toHaveProperty('tracestate')
    await expect.poll(() => datagrams).toHaveLength(1)
    expect(datagrams[0]).toMatchObject({
      line: { trace_id: requestId, span_id: requestId.slice(0, 16), parent_span_id: '' },
    })
  })

  it("keeps a client's unsampled trace unsampled, and writes no span for it", async () => {
    await get('/api/v1/tasks', { traceparent: `00-${clientTraceId}-${clientSpanId}-00` })
    expect(forwardedTraceparent(received[0])).toMatchObject({ traceId: clientTraceId, flags: '00' })
    // Datagrams on loopback arrive in order: the next request's span is the first one.
    await get('/api/v1/habits')
    await expect.poll(() => datagrams).toHaveLength(1)
    expect(datagrams[0]).toMatchObject({ line: { target: '/api/v1/habits' } })
  })

  it.each([
    ['/health', {}],
    ['/ready', {}],
    ['/api/v1/events', {}],
    ['/api/v1/tasks', { method: 'POST', body: '{}' }, { 'idempotency-key': 'k1', 'content-type': 'application/json' }],
  ] as [string, RequestInit, Record<string, string>?][])(
    'sends traceparent on every way to the balancer: %s',
    async (path, init, headers = {}) => {
      await get(path, { traceparent: `00-${clientTraceId}-${clientSpanId}-01`, ...headers }, init)
      const { spanId } = forwardedTraceparent(received[0])
      expect(forwardedTraceparent(received[0])).toMatchObject({ traceId: clientTraceId, flags: '01' })
      await expect.poll(() => datagrams).toHaveLength(1)
      expect(datagrams[0]).toMatchObject({ line: { trace_id: clientTraceId, span_id: spanId } })
    },
  )

  it("logs a share link's target redacted in the span, as in the access log", async () => {
    await get('/api/v1/s/public/secret-token?x=1')
    await expect.poll(() => datagrams).toHaveLength(1)
    expect(datagrams[0]).toMatchObject({ line: { target: '/api/v1/s/public/[redacted]' } })
  })

  it('writes a span for what NGINX answers itself', async () => {
    await get('/lb/status')
    await expect.poll(() => datagrams).toHaveLength(1)
    expect(datagrams[0]).toMatchObject({ line: { status: '404', upstream_addr: '', parent_span_id: '' } })
  })
})
