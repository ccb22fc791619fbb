// The real NGINX with nginx/focushub.conf.template, rendered as scripts/nginx.sh renders it (TRACE_SAMPLE_SPLIT
// by nginx/trace-sample-split.envsh), in front of a stand-in balancer that records what it receives and a UDP
// socket in nginx-spans' place: the trace context NGINX sends on, its sampling of the traces it starts, and
// the span line it writes, read by nginx-spans' own parser. One NGINX for each sampling share tested.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process'
import { createSocket } from 'node:dgram'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import { connect, createServer as createTcpServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { type ParsedDatagram, parseSpanDatagram } from '../../nginx/spans/span-line.ts'

const templatePath = join(import.meta.dirname, '../../nginx/focushub.conf.template')
const sampleSplitScript = join(import.meta.dirname, '../../nginx/trace-sample-split.envsh')
const templateVariables = [
  'NGINX_PORT',
  'LB_SERVERS',
  'NGINX_REAL_IP_FROM',
  'NGINX_ACCESS_LOG',
  'WEB_ROOT',
  'S3_HOST',
  'STORAGE_MAX_BODY',
  'NGINX_SPANS_PORT',
  'TRACE_SAMPLE_SPLIT',
]

const clientTraceId = '0af7651916cd43dd8448eb211c80319c'
const clientSpanId = 'b7ad6b7169203331'

const received: IncomingHttpHeaders[] = []
/** What nginx-spans' parser makes of each datagram NGINX sent. */
const datagrams: ParsedDatagram[] = []

/** The stand-in balancer: /api/v1/fails answers 503, /api/v1/slow after 150 ms, anything else 200 at once. */
const balancer = createServer((request, response) => {
  received.push(request.headers)
  response.setHeader('content-type', 'application/json')
  if (request.url === '/api/v1/fails') response.statusCode = 503
  const delay = request.url === '/api/v1/slow' ? 150 : 0
  setTimeout(() => response.end('{"status":"up"}'), delay)
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

/** Renders the template as scripts/nginx.sh does: the sampling lines first, then envsubst. */
function render(values: Record<string, string>) {
  const variables = templateVariables.map((name) => `\${${name}}`).join(' ')
  return execFileSync('sh', ['-c', `. "${sampleSplitScript}" && envsubst '${variables}'`], {
    input: readFileSync(templatePath),
    env: { ...process.env, ...values },
  })
}

type Nginx = { port: number; stop: () => Promise<void> }

/** A real NGINX of the template, sampling `samplePercent` % of the traces it starts, once it accepts connections. */
async function startNginx(samplePercent: number): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'nginx-trace-context-'))
  const port = await freeTcpPort()
  writeFileSync(
    join(dir, 'focushub.conf'),
    render({
      NGINX_PORT: String(port),
      LB_SERVERS: `server 127.0.0.1:${(balancer.address() as { port: number }).port} max_fails=0;`,
      NGINX_REAL_IP_FROM: 'unix:',
      NGINX_ACCESS_LOG: join(dir, 'access.log'),
      WEB_ROOT: dir,
      S3_HOST: '127.0.0.1:9',
      STORAGE_MAX_BODY: '1024',
      NGINX_SPANS_PORT: String(spans.address().port),
      TRACE_SAMPLE_PERCENT: String(samplePercent),
    }),
  )
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
  const child: ChildProcess = spawn('nginx', [...args, '-g', 'daemon off;'], { stdio: 'ignore' })
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGQUIT')
      await exited
    }
    rmSync(dir, { recursive: true, force: true })
  }
  running.push(stop)
  await vi.waitFor(
    async () => {
      if (!(await accepts(port))) throw new Error(`NGINX does not listen on ${port}`)
    },
    { timeout: 10_000, interval: 50 },
  )
  return { port, stop }
}

const running: (() => Promise<void>)[] = []

beforeAll(async () => {
  await new Promise<void>((resolve) => balancer.listen(0, '127.0.0.1', resolve))
  await new Promise<void>((resolve) => spans.bind(0, '127.0.0.1', resolve))
})

afterAll(async () => {
  await Promise.all(running.map((stop) => stop()))
  await new Promise((resolve) => balancer.close(resolve))
  spans.close()
})

beforeEach(() => {
  received.length = 0
  datagrams.length = 0
})

/** The NGINX the requests of the current describe block go to. */
let nginx: Nginx

const get = (path: string, headers: Record<string, string> = {}, init: RequestInit = {}) =>
  fetch(`http://127.0.0.1:${nginx.port}${path}`, { ...init, headers })

/** traceparent as the balancer received it, split into its fields. */
function forwardedTraceparent(headers: IncomingHttpHeaders) {
  const [version, traceId, spanId, flags] = String(headers.traceparent).split('-')
  return { version, traceId, spanId, flags }
}

describe("NGINX's trace context, sampling every trace it starts", () => {
  beforeAll(async () => {
    nginx = await startNginx(100)
  })

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

describe('NGINX sampling none of the traces it starts (TRACE_SAMPLE_PERCENT=0)', () => {
  beforeAll(async () => {
    nginx = await startNginx(0)
  })

  it('starts an unsampled trace, and writes no span for a quick answer', async () => {
    await get('/api/v1/tasks')
    const requestId = String(received[0]['x-request-id'])
    expect(forwardedTraceparent(received[0])).toEqual({
      version: '00',
      traceId: requestId,
      spanId: requestId.slice(0, 16),
      flags: '00',
    })
    // Datagrams on loopback arrive in order: the next request's span (a client's sampled trace) is the first one.
    await get('/api/v1/habits', { traceparent: `00-${clientTraceId}-${clientSpanId}-01` })
    await expect.poll(() => datagrams).toHaveLength(1)
    expect(datagrams[0]).toMatchObject({ line: { target: '/api/v1/habits' } })
  })

  it("keeps a client's sampled trace sampled, and writes its span", async () => {
    await get('/api/v1/tasks', { traceparent: `00-${clientTraceId}-${clientSpanId}-01` })
    expect(forwardedTraceparent(received[0])).toMatchObject({ traceId: clientTraceId, flags: '01' })
    await expect.poll(() => datagrams).toHaveLength(1)
    expect(datagrams[0]).toMatchObject({ line: { trace_id: clientTraceId, trace_flags: '01', status: '200' } })
  })

  it('writes the span of an unsampled request the balancer answered 5xx', async () => {
    const response = await get('/api/v1/fails')
    expect(response.status).toBe(503)
    const requestId = String(received[0]['x-request-id'])
    expect(forwardedTraceparent(received[0]).flags).toBe('00')
    await expect.poll(() => datagrams).toHaveLength(1)
    expect(datagrams[0]).toMatchObject({
      line: { trace_id: requestId, trace_flags: '00', status: '503', target: '/api/v1/fails', parent_span_id: '' },
    })
  })

  it('writes the span of an unsampled request NGINX answered 5xx itself', async () => {
    // /storage/'s S3 server is a closed port here: NGINX answers 503.
    expect((await get('/storage/bucket/key')).status).toBe(503)
    await expect.poll(() => datagrams).toHaveLength(1)
    expect(datagrams[0]).toMatchObject({ line: { trace_flags: '00', status: '503', target: '/storage/bucket/key' } })
  })

  it('writes the span of an unsampled request of 100 ms or more, for nginx-spans to hold to TRACE_SLOW_MS', async () => {
    await get('/api/v1/slow')
    await expect.poll(() => datagrams).toHaveLength(1)
    expect(datagrams[0]).toMatchObject({ line: { trace_flags: '00', status: '200', target: '/api/v1/slow' } })
    const { line } = datagrams[0] as { line: { request_time: string } }
    expect(Number(line.request_time)).toBeGreaterThanOrEqual(0.1)
  })
})

describe('NGINX sampling half the traces it starts (TRACE_SAMPLE_PERCENT=50)', () => {
  beforeAll(async () => {
    nginx = await startNginx(50)
  })

  it('samples about that share, picked by request id, and writes the spans of those only', async () => {
    for (let i = 0; i < 200; i += 1) await get('/api/v1/tasks')
    const flags = received.map((headers) => forwardedTraceparent(headers).flags)
    const sampled = flags.filter((flag) => flag === '01').length
    expect(flags.filter((flag) => flag === '00')).toHaveLength(200 - sampled)
    // Binomial (200, 0.5): 60 to 140 is more than five standard deviations either side.
    expect(sampled).toBeGreaterThan(60)
    expect(sampled).toBeLessThan(140)
    await expect.poll(() => datagrams).toHaveLength(sampled)
  })
})

describe('nginx/trace-sample-split.envsh', () => {
  const split = (percent: string) =>
    spawnSync('sh', ['-c', `. "${sampleSplitScript}" && printf %s "$TRACE_SAMPLE_SPLIT"`], {
      encoding: 'utf8',
      env: { ...process.env, TRACE_SAMPLE_PERCENT: percent },
    })

  it.each([
    ['0', '* 00;'],
    ['1', '1% 01; * 00;'],
    ['10', '10% 01; * 00;'],
    ['99', '99% 01; * 00;'],
    ['100', '* 01;'],
  ])('makes TRACE_SAMPLE_PERCENT=%s the lines %j (split_clients refuses 0 %%)', (percent, lines) => {
    expect(split(percent)).toMatchObject({ status: 0, stdout: lines })
  })

  it.each(['', '101', '-1', '5.5', 'ten', '10%'])('refuses TRACE_SAMPLE_PERCENT=%j, and says why', (percent) => {
    const result = split(percent)
    expect(result.status).not.toBe(0)
    expect(result.stderr).toContain(`TRACE_SAMPLE_PERCENT must be a whole number from 0 to 100 (it is '${percent}')`)
  })
})
