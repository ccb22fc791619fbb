// How soon a Server-Sent Event reaches the client through the balancer: an upstream writes an event
// every 150 ms (six, then ends), and each stream's first event is timed from the request, straight to
// the upstream and through the balancer (LB_STREAM_IDLE_TIMEOUT_MS=400, quieter than the stream is
// long), side by side. Target: through the balancer, the first event within 400 ms at p99 (the
// upstream writes it at 150 ms), and every stream delivered whole past the idle bound.
// Run: node bench/lb/sse-first-event.ts   (BENCH_STREAMS=50 per side, BENCH_CONCURRENCY=1 streams at a time)
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { median, startBalancer, stopAll } from './support.ts'

const streams = Number(process.env.BENCH_STREAMS ?? 50)
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 1)
const targetMs = 400
const events = 6
const whole = Array.from({ length: events }, (_, n) => `data: ${n}\n\n`).join('')

const upstream = createServer((request, res) => {
  if (request.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}')
    return
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  let n = 0
  const timer = setInterval(() => {
    res.write(`data: ${n++}\n\n`)
    if (n === events) {
      clearInterval(timer)
      res.end()
    }
  }, 150)
  res.on('close', () => clearInterval(timer))
})
upstream.listen(0, '127.0.0.1')
await once(upstream, 'listening')
const direct = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`

/** Milliseconds to the first chunk of one stream, and whether the whole stream arrived. */
async function firstEvent(base: string) {
  const started = performance.now()
  const response = await fetch(`${base}/api/v1/events`)
  let first = Number.NaN
  let text = ''
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (Number.isNaN(first)) first = performance.now() - started
    text += Buffer.from(chunk).toString()
  }
  return { first, whole: text === whole }
}

async function side(base: string) {
  const results: Awaited<ReturnType<typeof firstEvent>>[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < streams) {
        next++
        results.push(await firstEvent(base))
      }
    }),
  )
  const sorted = results.map((r) => r.first).sort((a, b) => a - b)
  return {
    p50: median(sorted),
    p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))],
    cut: results.filter((r) => !r.whole).length,
  }
}

try {
  const balancer = await startBalancer(direct, { LB_STREAM_IDLE_TIMEOUT_MS: String(targetMs) })
  const through = `http://127.0.0.1:${balancer.port}`
  const rows = { direct: await side(direct), balancer: await side(through) }
  console.table(
    Object.fromEntries(
      Object.entries(rows).map(([name, r]) => [
        name,
        { 'first event p50 ms': r.p50.toFixed(1), 'p99 ms': r.p99.toFixed(1), 'streams cut': r.cut },
      ]),
    ),
  )
  const met = rows.balancer.p99 < targetMs && rows.balancer.cut === 0
  console.log(`target: first event within ${targetMs} ms at p99, no stream cut: ${met ? 'met' : 'MISSED'}`)
  process.exitCode = met ? 0 : 1
} finally {
  upstream.close()
  stopAll()
}
